package app

import (
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rs/cors"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/auth"
	"github.com/guildhall/guildhall/feed"
	"github.com/guildhall/guildhall/graph"
	"github.com/guildhall/guildhall/requestid"
)

// maxBodyBytes bounds a GraphQL request body; a real query is a few KiB.
const maxBodyBytes = 1 << 20

// routes builds the HTTP handler: every route, wrapped in logging, request IDs, panic
// recovery and metrics; and the handler of /metrics, which is among the routes unless it is
// served on GUILDHALL_METRICS_ADDR.
func (a *App) routes() (http.Handler, http.Handler) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m := newMetrics(reg)

	gql := graph.NewHandler(a.svc, graph.Options{Limits: graph.DefaultLimits, Introspection: !a.cfg.Production, Logger: a.log})
	mux := http.NewServeMux()
	api := a.authenticate(graphQLRequestRules(a.cacheResponses(gql, reg)))
	if len(a.cfg.CORSOrigins) > 0 {
		// Without origins no CORS headers are sent, and browsers keep other sites from
		// reading the answers (the middleware would allow every origin given none).
		api = cors.New(cors.Options{
			AllowedOrigins:   a.cfg.corsOrigins(),
			AllowedMethods:   []string{http.MethodGet, http.MethodPost},
			AllowedHeaders:   []string{"Authorization", "Content-Type"},
			ExposedHeaders:   []string{"X-Request-Id"},
			AllowCredentials: false, // bearer tokens, never cookies
			MaxAge:           600,
		}).Handler(api)
	}
	mux.Handle("/graphql", m.instrument("graphql", api))
	pg := m.instrument("playground", playgroundHandler())
	mux.Handle("/playground", pg)
	mux.Handle("/playground/", pg)
	mux.Handle("GET /healthz", m.instrument("healthz", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeText(w, http.StatusOK, "ok")
	})))
	mux.Handle("GET /readyz", m.instrument("readyz", http.HandlerFunc(a.ready)))
	feeds := feed.NewHandler(a.svc, feed.Options{SiteURL: a.cfg.SiteURL, MediaURL: a.cfg.MediaURL, TrustedProxies: a.cfg.TrustedProxies, SiteName: a.cfg.SiteName, Now: a.cfg.Now, Logger: a.log})
	mux.Handle("/feeds/", m.instrument("feeds", feeds)) // any method: the handler answers CORS preflights
	mux.Handle("/sitemap.xml", m.instrument("sitemap", feeds))
	mux.Handle("/sitemaps/", m.instrument("sitemap", feeds))
	mux.Handle("POST /media", m.instrument("media-upload", a.authenticate(http.HandlerFunc(a.uploadAsset))))
	mux.Handle("/media/{id}/{filename}", m.instrument("media", a.media))
	metrics := a.guardMetrics(promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))
	if a.cfg.MetricsAddr == "" {
		mux.Handle("GET /metrics", metrics)
	}
	mux.Handle("GET /{$}", http.RedirectHandler("/playground", http.StatusFound))
	timeout := a.cfg.RequestTimeout
	if timeout <= 0 {
		timeout = DefaultRequestTimeout
	}
	return a.logRequests(recoverPanics(a, withDeadline(timeout, mux))), metrics
}

// ready reports whether the database answers, so a load balancer stops sending traffic to
// an instance that cannot write.
func (a *App) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.svc.Ready(ctx); err != nil {
		writeText(w, http.StatusServiceUnavailable, "database unavailable")
		return
	}
	writeText(w, http.StatusOK, "ready")
}

// authenticate resolves the bearer token into a viewer for the rest of the request. A
// token that is present but not valid is refused outright (401), so a client with a broken
// credential is never silently served anonymous content. An address that has failed too
// often (guessing tokens) is refused with 429 before its token is looked at.
func (a *App) authenticate(next http.Handler) http.Handler {
	failures := &auth.FailureLimit{PerMinute: failedAuthPerMinute, Now: a.cfg.Now}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		addr := a.clientAddress(r)
		h := r.Header.Get("Authorization")
		if h != "" {
			if wait := failures.Wait(addr); wait > 0 {
				w.Header().Set("Retry-After", strconv.Itoa(int(wait/time.Second)+1))
				writeGraphQLError(w, r, http.StatusTooManyRequests, "RATE_LIMITED", "Too many failed authentications from this address; try again later.")
				return
			}
		}
		token := ""
		if h != "" {
			scheme, value, ok := strings.Cut(h, " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(value) == "" {
				failures.Fail(addr)
				writeGraphQLError(w, r, http.StatusUnauthorized, "UNAUTHENTICATED", "The Authorization header must be \"Bearer <token>\".")
				return
			}
			token = strings.TrimSpace(value)
		}
		v, err := a.svc.Authenticate(r.Context(), token)
		if err != nil {
			code, status := graph.Code(guildhall.ErrorCode(err)), http.StatusUnauthorized
			if code == "UNAVAILABLE" {
				status = http.StatusServiceUnavailable
			} else {
				failures.Fail(addr)
			}
			writeGraphQLError(w, r, status, code, guildhall.ErrorMessage(err))
			return
		}
		ctx := auth.WithClientAddr(guildhall.WithViewer(r.Context(), v), addr)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// failedAuthPerMinute bounds failed authentications per client address.
const failedAuthPerMinute = 100

// clientAddress is the address limits are counted by: the client's IP (behind the trusted
// proxies, the one they recorded), or for IPv6 its /64 network, which one client usually
// holds whole.
func (a *App) clientAddress(r *http.Request) string {
	ip := a.cfg.TrustedProxies.Client(r)
	if !ip.IsValid() {
		return r.RemoteAddr
	}
	if ip.Is6() {
		prefix, _ := ip.Prefix(64)
		return prefix.String()
	}
	return ip.String()
}

// graphQLRequestRules refuses what the GraphQL endpoint never accepts, before parsing: POSTs
// that are not JSON (a form or multipart POST is how cross-site request forgery arrives),
// bodies over maxBodyBytes, and batched arrays of operations.
func graphQLRequestRules(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
		case http.MethodPost:
			mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err == nil && mt == "multipart/form-data" {
				if !uploadAllowed(w, r) {
					return
				}
				break
			}
			if err != nil || mt != "application/json" {
				writeGraphQLError(w, r, http.StatusUnsupportedMediaType, "BAD_USER_INPUT", "POST /graphql takes Content-Type: application/json.")
				return
			}
			if r.ContentLength > maxBodyBytes {
				writeGraphQLError(w, r, http.StatusRequestEntityTooLarge, "BAD_USER_INPUT", "The request body is larger than 1 MiB.")
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
			body, err := readAll(r)
			if err != nil {
				writeGraphQLError(w, r, http.StatusRequestEntityTooLarge, "BAD_USER_INPUT", "The request body is larger than 1 MiB.")
				return
			}
			if trimmed := strings.TrimLeft(string(body[:min(len(body), 64)]), " \t\r\n"); strings.HasPrefix(trimmed, "[") {
				writeGraphQLError(w, r, http.StatusBadRequest, "BAD_USER_INPUT", "Send one operation per request; batched arrays are not accepted.")
				return
			}
		default:
			w.Header().Set("Allow", "GET, POST")
			writeGraphQLError(w, r, http.StatusMethodNotAllowed, "BAD_USER_INPUT", "Use POST, or GET for queries.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// uploadAllowed checks a multipart request (an upload by the GraphQL multipart request
// spec) before its body is read: it must carry a credential (a form POST from another site
// cannot, so forms stay no way in for cross-site request forgery), and the credential must be
// allowed to upload; its size is bounded by graph.MaxMultipartBytes.
func uploadAllowed(w http.ResponseWriter, r *http.Request) bool {
	v := guildhall.ViewerFrom(r.Context())
	switch {
	case r.Header.Get("Authorization") == "":
		writeGraphQLError(w, r, http.StatusUnauthorized, "UNAUTHENTICATED", "Multipart requests (uploads) need an Authorization header.")
	case !v.Role.AtLeast(guildhall.RoleAuthor):
		writeGraphQLError(w, r, http.StatusForbidden, "FORBIDDEN", "Your role may not upload images.")
	case r.ContentLength > graph.MaxMultipartBytes:
		writeGraphQLError(w, r, http.StatusRequestEntityTooLarge, "BAD_USER_INPUT", "The request is larger than 21 MiB: at most one image of 20 MB.")
	default:
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(uploadReadTime))
		return true
	}
	return false
}

// writeGraphQLError answers with a GraphQL-shaped error body, so clients handle every
// failure the same way.
func writeGraphQLError(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	ext := map[string]any{"code": code}
	if id := requestid.From(r.Context()); id != "" {
		ext["requestId"] = id
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []any{map[string]any{"message": message, "extensions": ext}}})
}

func writeText(w http.ResponseWriter, status int, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(text + "\n"))
}

// recoverPanics turns a panic outside gqlgen (which has its own recover) into a logged 500,
// so one bad request never takes the process down.
func recoverPanics(a *App, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				a.log.ErrorContext(r.Context(), "panic", "panic", p, "request_id", requestid.From(r.Context()), "stack", string(debug.Stack()))
				writeGraphQLError(w, r, http.StatusInternalServerError, "INTERNAL_SERVER_ERROR", "Internal error; quote request ID "+requestid.From(r.Context())+" when reporting it.")
			}
		}()
		next.ServeHTTP(w, r)
	})
}
