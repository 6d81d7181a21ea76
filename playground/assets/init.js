// Starts GraphiQL for package playground. Kept out of the HTML so the page runs under a
// Content-Security-Policy without 'unsafe-inline' scripts; the server's settings come from the
// <script type="application/json" id="config"> element.
(function () {
  'use strict';
  var root = document.getElementById('graphiql');
  try {
    var cfg = JSON.parse(document.getElementById('config').textContent);
    var send = GraphiQL.createFetcher({ url: cfg.endpoint });
    // A tab whose Authorization header still holds the placeholder has no token yet: say so
    // here rather than send it and show the server's 401.
    var fetcher = function (params, opts) {
      var h = (opts && opts.headers) || {};
      var auth = h.Authorization || h.authorization;
      if (cfg.tokenPlaceholder && typeof auth === 'string' && auth.indexOf(cfg.tokenPlaceholder) !== -1) {
        return Promise.resolve({ errors: [{ message: cfg.tokenHint }] });
      }
      return send(params, opts);
    };
    var props = {
      fetcher: fetcher,
      defaultQuery: cfg.defaultQuery,
      defaultHeaders: cfg.defaultHeaders,
      // Keep the headers pane (the editor's token) in local storage across visits.
      shouldPersistHeaders: true,
      // Open the bottom pane on the Headers tab, where the token goes.
      defaultEditorToolsVisibility: 'headers'
    };
    if (cfg.tabs && cfg.tabs.length) {
      props.defaultTabs = cfg.tabs;
    }
    ReactDOM.createRoot(root).render(React.createElement(GraphiQL, props));
  } catch (err) {
    root.textContent = 'The playground failed to start: ' + err;
    throw err;
  }
})();
