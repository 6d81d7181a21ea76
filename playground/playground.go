// Package playground serves GraphiQL, the in-browser GraphQL IDE that editors use at
// /playground, entirely from files embedded in the binary: no CDN, no network at build time, and
// a page that runs under a strict Content-Security-Policy (no inline script, no eval).
//
// The third-party files under assets/ (GraphiQL's UMD bundle and stylesheet, React and ReactDOM
// UMD builds) come from npm through update-assets.sh, which pins their versions; assets/NOTICE
// lists them with their licences. The page's own bootstrap, assets/init.js, reads its settings
// from a <script type="application/json" id="config"> element, so the HTML holds no script code.
package playground

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Base is the path the handler serves the page at; assets live under Base + "/assets/".
const Base = "/playground"

// Versions of the third-party files embedded in assets/, as pinned in update-assets.sh.
const (
	GraphiQLVersion = "4.1.2"
	ReactVersion    = "18.3.1"
)

// DefaultQuery is preloaded in the editor when Options.DefaultQuery is empty.
const DefaultQuery = `# Welcome to the Guildhall Playground.
#
# Run: Ctrl-Enter (Cmd-Enter on a Mac) or the
# pink button. Docs (top left) browses the schema.
#
# You read as an anonymous visitor. To act as a
# member, open Headers below and replace {} with
#
#   {"Authorization": "Bearer YOUR_TOKEN"}
#
# The browser keeps the headers in local storage,
# so you paste the token once; delete it when you
# are done on a shared computer. A wrong or
# expired token fails every request (401).

query Example {
  viewer {
    role
    scopes
  }
  posts(first: 5) {
    nodes {
      title
      slug
      excerpt
    }
  }
}
`

// Options configure the page.
type Options struct {
	// Title is the page title; "Guildhall Playground" when empty.
	Title string
	// Endpoint is the GraphQL endpoint: a path on this origin ("/graphql" when empty) or an
	// absolute http(s) URL, whose origin is then added to the page's connect-src.
	Endpoint string
	// DefaultQuery is the query preloaded in the editor on a browser's first visit (GraphiQL
	// restores the editor's tabs from local storage afterwards); DefaultQuery (the constant)
	// when empty. Put the explanation of how to send a token in its # comment header.
	DefaultQuery string
	// DefaultHeaders is the JSON object preloaded in the headers pane; "{}" when empty.
	//
	// GraphiQL sends whatever the headers pane holds, so do not put a placeholder token here:
	// an unedited "Authorization: Bearer <paste your token>" would be sent, and Guildhall
	// answers a malformed or unknown token with 401, so every query an anonymous reader ran
	// would fail. The default is therefore "{}", with the instructions in DefaultQuery's
	// comment. The page sets shouldPersistHeaders, so
	// the headers an editor types are kept in the browser's local storage and override this
	// default on later visits. Handler panics if DefaultHeaders is not a JSON object.
	DefaultHeaders string
	// Tabs, when any, are the editor tabs a browser's first visit opens, in order, the first
	// one active (GraphiQL names each tab after its document's first operation). New tabs
	// opened with + start from DefaultQuery and DefaultHeaders. Handler panics if a tab's
	// Variables or Headers are not empty or a JSON object.
	Tabs []Tab
	// TokenPlaceholder, when set, is text that stands for a token not yet pasted (as in
	// Tab.Headers `{"Authorization": "Bearer PASTE_YOUR_TOKEN_HERE"}`): a request whose
	// Authorization header still holds it is not sent, and the page answers TokenHint
	// instead of the server's 401.
	TokenPlaceholder string
	// TokenHint is the error message shown for a request that still holds TokenPlaceholder.
	TokenHint string
}

// Tab is one editor tab: a document, its variables and its headers (GraphiQL keeps headers
// per tab).
type Tab struct {
	Query     string `json:"query"`
	Variables string `json:"variables,omitempty"`
	Headers   string `json:"headers,omitempty"`
}

// asset is one embedded file.
type asset struct {
	name        string // file name under assets/
	contentType string
	body        []byte
	hash        string // first 16 hex digits of the body's SHA-256
	etag        string // strong ETag of body
	gzipOnce    sync.Once
	gzipBody    []byte // nil when gzip does not pay
}

// url is the asset's versioned, immutable URL path.
func (a *asset) url() string { return Base + "/assets/" + a.hash + "/" + a.name }

//go:embed assets/graphiql.min.js assets/graphiql.min.css assets/react.production.min.js assets/react-dom.production.min.js assets/init.js assets/playground.css
var assetFiles embed.FS

var assets = loadAssets()

func loadAssets() map[string]*asset {
	entries, err := assetFiles.ReadDir("assets")
	if err != nil {
		panic(err)
	}
	m := make(map[string]*asset, len(entries))
	for _, e := range entries {
		body, err := assetFiles.ReadFile("assets/" + e.Name())
		if err != nil {
			panic(err)
		}
		var ct string
		switch path.Ext(e.Name()) {
		case ".js":
			ct = "text/javascript; charset=utf-8"
		case ".css":
			ct = "text/css; charset=utf-8"
		default:
			panic("playground: no content type for asset " + e.Name())
		}
		sum := sha256.Sum256(body)
		h := hex.EncodeToString(sum[:8])
		m[e.Name()] = &asset{name: e.Name(), contentType: ct, body: body, hash: h, etag: `"` + h + `"`}
	}
	return m
}

// gzipped returns the asset compressed with gzip, or nil when that is not smaller.
func (a *asset) gzipped() []byte {
	a.gzipOnce.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(a.body)
		_ = zw.Close()
		if buf.Len() < len(a.body)*9/10 {
			a.gzipBody = buf.Bytes()
		}
	})
	return a.gzipBody
}

// config is what the page hands init.js, as JSON in <script id="config">.
type config struct {
	Endpoint         string `json:"endpoint"`
	DefaultQuery     string `json:"defaultQuery"`
	DefaultHeaders   string `json:"defaultHeaders"`
	Tabs             []Tab  `json:"tabs,omitempty"`
	TokenPlaceholder string `json:"tokenPlaceholder,omitempty"`
	TokenHint        string `json:"tokenHint,omitempty"`
}

var page = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>{{.Title}}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{{.Assets.graphiqlCSS}}">
<link rel="stylesheet" href="{{.Assets.pageCSS}}">
</head>
<body>
<div id="graphiql"><p class="playground-loading">Loading {{.Title}}…</p><noscript><p class="playground-loading">The playground needs JavaScript.</p></noscript></div>
<script type="application/json" id="config">{{.Config}}</script>
<script src="{{.Assets.react}}"></script>
<script src="{{.Assets.reactDOM}}"></script>
<script src="{{.Assets.graphiql}}"></script>
<script src="{{.Assets.init}}"></script>
</body>
</html>
`))

// handler serves the page and the assets.
type handler struct {
	page []byte
	etag string
	csp  string
}

// Handler serves the page at its own path and the assets below it: mount it with
// mux.Handle("/playground", h) and mux.Handle("/playground/", h).
//
// The page is served at /playground (and /playground/) with Cache-Control: no-cache and the
// Content-Security-Policy it needs (see CSP). Assets are served at
// /playground/assets/<content hash>/<name>, with Cache-Control: public, max-age=31536000,
// immutable, and, for convenience, at /playground/assets/<name> with no-cache; both are
// gzipped when the client accepts it. Only GET and HEAD are allowed (405 otherwise); any other
// path below /playground is 404.
//
// Handler panics if Options.DefaultHeaders is not a JSON object or Options.Endpoint is not a
// path or an http(s) URL.
func Handler(opts Options) http.Handler {
	if opts.Title == "" {
		opts.Title = "Guildhall Playground"
	}
	if opts.Endpoint == "" {
		opts.Endpoint = "/graphql"
	}
	if opts.DefaultQuery == "" {
		opts.DefaultQuery = DefaultQuery
	}
	if strings.TrimSpace(opts.DefaultHeaders) == "" {
		opts.DefaultHeaders = "{}"
	}
	mustBeObject("Options.DefaultHeaders", opts.DefaultHeaders)
	for i, tab := range opts.Tabs {
		for what, v := range map[string]string{"Variables": tab.Variables, "Headers": tab.Headers} {
			if strings.TrimSpace(v) != "" {
				mustBeObject(fmt.Sprintf("Options.Tabs[%d].%s", i, what), v)
			}
		}
	}
	csp, err := CSP(opts.Endpoint)
	if err != nil {
		panic("playground: " + err.Error())
	}

	var buf bytes.Buffer
	err = page.Execute(&buf, map[string]any{
		"Title": opts.Title,
		"Config": config{Endpoint: opts.Endpoint, DefaultQuery: opts.DefaultQuery, DefaultHeaders: opts.DefaultHeaders,
			Tabs: opts.Tabs, TokenPlaceholder: opts.TokenPlaceholder, TokenHint: opts.TokenHint},
		"Assets": map[string]string{
			"graphiqlCSS": assets["graphiql.min.css"].url(),
			"pageCSS":     assets["playground.css"].url(),
			"react":       assets["react.production.min.js"].url(),
			"reactDOM":    assets["react-dom.production.min.js"].url(),
			"graphiql":    assets["graphiql.min.js"].url(),
			"init":        assets["init.js"].url(),
		},
	})
	if err != nil {
		panic("playground: render page: " + err.Error())
	}
	sum := sha256.Sum256(buf.Bytes())
	return &handler{page: buf.Bytes(), etag: `"` + hex.EncodeToString(sum[:8]) + `"`, csp: csp}
}

func mustBeObject(what, s string) {
	var obj map[string]any
	if err := json.Unmarshal([]byte(s), &obj); err != nil || obj == nil {
		panic(fmt.Sprintf("playground: %s must be a JSON object: %q", what, s))
	}
}

// CSP returns the Content-Security-Policy the page is served with, for a GraphQL endpoint
// given as in Options.Endpoint. Everything is same-origin: scripts and stylesheets are the
// embedded files; 'unsafe-inline' styles are needed because GraphiQL and its libraries set
// style attributes and inject <style> elements at run time; data: fonts and images are the
// ones inlined in graphiql.min.css. No eval, no workers, no frames.
func CSP(endpoint string) (string, error) {
	connect := "'self'"
	u, err := url.Parse(endpoint)
	if err != nil {
		return "", fmt.Errorf("endpoint %q: %w", endpoint, err)
	}
	switch {
	case u.Scheme == "" && u.Host == "":
		// A path on this origin.
	case (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && validHost(u.Host):
		connect += " " + u.Scheme + "://" + u.Host
	default:
		return "", fmt.Errorf("endpoint %q is neither a path nor an http(s) URL", endpoint)
	}
	return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
		"img-src 'self' data:; font-src 'self' data:; connect-src " + connect + "; " +
		"worker-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'", nil
}

func validHost(h string) bool {
	for _, c := range h {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune(".-:[]", c)) {
			return false
		}
	}
	return true
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	switch {
	case p == Base || p == Base+"/":
		h.servePage(w, r)
	case strings.HasPrefix(p, Base+"/assets/"):
		serveAsset(w, r, strings.TrimPrefix(p, Base+"/assets/"))
	default:
		http.NotFound(w, r)
	}
}

func (h *handler) servePage(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", h.csp)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Cache-Control", "no-cache")
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("ETag", h.etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(h.page))
}

// serveAsset serves rest, the path below /playground/assets/: "<hash>/<name>" (immutable) or
// "<name>" (revalidated). A hash that is not the file's current one is 404, so a cache never
// keeps other content under an immutable URL.
func serveAsset(w http.ResponseWriter, r *http.Request, rest string) {
	hash, name, versioned := strings.Cut(rest, "/")
	if !versioned {
		name = hash
	}
	a := assets[name]
	if a == nil || versioned && hash != a.hash {
		http.NotFound(w, r)
		return
	}
	hd := w.Header()
	if versioned {
		hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hd.Set("Cache-Control", "no-cache")
	}
	hd.Set("Content-Type", a.contentType)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Vary", "Accept-Encoding")
	body, etag := a.body, a.etag
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		if gz := a.gzipped(); gz != nil {
			body, etag = gz, `"`+a.hash+`-gzip"`
			hd.Set("Content-Encoding", "gzip")
		}
	}
	hd.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip: listed (or covered by *)
// with a q-value above zero.
func acceptsGzip(header string) bool {
	gzipQ, starQ := -1.0, -1.0
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				}
			}
		}
		switch coding {
		case "gzip", "x-gzip":
			gzipQ = max(gzipQ, q)
		case "*":
			starQ = max(starQ, q)
		}
	}
	if gzipQ >= 0 {
		return gzipQ > 0
	}
	return starQ > 0
}
