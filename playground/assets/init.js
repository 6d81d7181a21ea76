// Starts GraphiQL for package playground. Kept out of the HTML so the page runs under a
// Content-Security-Policy without 'unsafe-inline' scripts; the server's settings come from the
// <script type="application/json" id="config"> element.
(function () {
  'use strict';
  var root = document.getElementById('graphiql');
  try {
    var cfg = JSON.parse(document.getElementById('config').textContent);
    var props = {
      fetcher: GraphiQL.createFetcher({ url: cfg.endpoint }),
      defaultQuery: cfg.defaultQuery,
      defaultHeaders: cfg.defaultHeaders,
      // Keep the headers pane (the editor's token) in local storage across visits.
      shouldPersistHeaders: true,
      // Open the bottom pane on the Headers tab, where the token goes.
      defaultEditorToolsVisibility: 'headers'
    };
    ReactDOM.createRoot(root).render(React.createElement(GraphiQL, props));
  } catch (err) {
    root.textContent = 'The playground failed to start: ' + err;
    throw err;
  }
})();
