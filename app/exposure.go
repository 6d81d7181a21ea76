package app

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// What the server exposes beyond the API, and to whom: the bootstrap admin token, the browser
// origins that may call /graphql, and who may read /metrics. Each is checked when the server
// starts, so a weak or mistyped setting stops it with a message that names the variable,
// rather than running open.

// minSecretLength is the shortest GUILDHALL_ADMIN_TOKEN and GUILDHALL_METRICS_TOKEN accepted:
// 32 characters (of `openssl rand -hex 32`'s 64) cannot be guessed online.
const minSecretLength = 32

// checkExposure checks the settings of this file, for configurations parsed from the
// environment and built in code alike.
func (c Config) checkExposure() []error {
	var errs []error
	if c.AdminToken != "" && len(c.AdminToken) < minSecretLength {
		errs = append(errs, fmt.Errorf("GUILDHALL_ADMIN_TOKEN: want at least %d characters (make one with: openssl rand -hex 32)", minSecretLength))
	}
	if c.MetricsToken != "" && len(c.MetricsToken) < minSecretLength {
		errs = append(errs, fmt.Errorf("GUILDHALL_METRICS_TOKEN: want at least %d characters (make one with: openssl rand -hex 32)", minSecretLength))
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			errs = append(errs, fmt.Errorf("GUILDHALL_METRICS_ADDR=%q: want host:port, such as 127.0.0.1:9090", c.MetricsAddr))
		}
	}
	for _, o := range c.CORSOrigins {
		if err := checkOrigin(o, len(c.CORSOrigins)); err != nil {
			errs = append(errs, fmt.Errorf("GUILDHALL_CORS_ORIGINS: %q %v", o, err))
		}
	}
	return errs
}

// checkOrigin checks one allowed origin: exactly what a browser sends in Origin,
// scheme://host[:port], with no path (not even a trailing slash), query or credentials; or
// "*" alone, which allows every origin; or one wildcard label, https://*.example.org.
func checkOrigin(o string, n int) error {
	if o == "*" {
		if n > 1 {
			return errors.New("allows every origin, so it must be the only one")
		}
		return nil
	}
	u, err := url.Parse(o)
	switch {
	case err != nil || !strings.Contains(o, "://"):
		return errors.New("is not an origin: want scheme://host[:port], such as https://www.example.org")
	case u.Scheme != "http" && u.Scheme != "https":
		return errors.New("has no http or https scheme: want scheme://host[:port], such as https://www.example.org")
	case u.Host == "" || u.Hostname() == "":
		return errors.New("has no host: want scheme://host[:port], such as https://www.example.org")
	case u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil || strings.HasSuffix(o, "?") || strings.HasSuffix(o, "#"):
		return errors.New("has a path, a trailing slash, a query or credentials: an origin is only scheme://host[:port]")
	case strings.Count(u.Host, "*") > 1 || strings.Contains(u.Host, "*") && !strings.HasPrefix(u.Host, "*."):
		return errors.New("may hold one wildcard, as its first label only (https://*.example.org)")
	}
	return nil
}

// corsOrigins is the allowed origins as the CORS middleware compares them, in lower case as
// browsers send them.
func (c Config) corsOrigins() []string {
	out := make([]string, 0, len(c.CORSOrigins))
	for _, o := range c.CORSOrigins {
		out = append(out, strings.ToLower(o))
	}
	return out
}

// guardMetrics asks for GUILDHALL_METRICS_TOKEN as a bearer token, when one is set.
func (a *App) guardMetrics(next http.Handler) http.Handler {
	if a.cfg.MetricsToken == "" {
		return next
	}
	want := []byte("Bearer " + a.cfg.MetricsToken)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			writeText(w, http.StatusUnauthorized, "metrics need Authorization: Bearer <GUILDHALL_METRICS_TOKEN>")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// startMetrics serves /metrics on GUILDHALL_METRICS_ADDR, when it is set, instead of on the
// public address.
func (a *App) startMetrics(metrics http.Handler) error {
	if a.cfg.MetricsAddr == "" {
		return nil
	}
	ln, err := net.Listen("tcp", a.cfg.MetricsAddr)
	if err != nil {
		return fmt.Errorf("GUILDHALL_METRICS_ADDR: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", metrics)
	a.metricsSrv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := a.metricsSrv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Warn("metrics listener stopped", "err", err)
		}
	}()
	a.log.Info("serving metrics", "addr", ln.Addr().String())
	return nil
}

func (a *App) stopMetrics() {
	if a.metricsSrv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = a.metricsSrv.Shutdown(ctx)
	}
}
