package forwarded_test

import (
	"crypto/tls"
	"net/http/httptest"
	"testing"

	"github.com/guildhall/guildhall/forwarded"
)

func TestOrigin(t *testing.T) {
	proxies, err := forwarded.Parse(" 10.0.0.0/8, 192.0.2.7 ,::1")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, remote string
		tls          bool
		header       map[string]string
		want         string
	}{
		{name: "no proxy", remote: "203.0.113.9:4000", want: "http://guildhall.internal:8080"},
		{name: "TLS straight to us", remote: "203.0.113.9:4000", tls: true, want: "https://guildhall.internal:8080"},
		{name: "stranger's X-Forwarded-Proto", remote: "203.0.113.9:4000", header: map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"}, want: "http://guildhall.internal:8080"},
		{name: "stranger's Forwarded", remote: "203.0.113.9:4000", header: map[string]string{"Forwarded": "proto=https;host=evil.example"}, want: "http://guildhall.internal:8080"},
		{name: "trusted X-Forwarded-Proto", remote: "10.1.2.3:4000", header: map[string]string{"X-Forwarded-Proto": "https"}, want: "https://guildhall.internal:8080"},
		{name: "trusted X-Forwarded-Host", remote: "192.0.2.7:4000", header: map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "northfield.example"}, want: "https://northfield.example"},
		{name: "trusted Forwarded, last element", remote: "[::1]:4000", header: map[string]string{"Forwarded": `for=198.51.100.1;proto=http;host=spoofed.example, for=203.0.113.9;proto=https;host="northfield.example"`}, want: "https://northfield.example"},
		{name: "Forwarded wins over X-Forwarded-*", remote: "10.0.0.1:1", header: map[string]string{"Forwarded": "proto=https", "X-Forwarded-Proto": "http"}, want: "https://guildhall.internal:8080"},
		{name: "IPv4-mapped trusted address", remote: "[::ffff:10.0.0.1]:1", header: map[string]string{"X-Forwarded-Proto": "https"}, want: "https://guildhall.internal:8080"},
		{name: "bad proto and host ignored", remote: "10.0.0.1:1", header: map[string]string{"X-Forwarded-Proto": "javascript", "X-Forwarded-Host": "a.example/<script>"}, want: "http://guildhall.internal:8080"},
		{name: "list of protos: the last", remote: "10.0.0.1:1", header: map[string]string{"X-Forwarded-Proto": "http, https"}, want: "https://guildhall.internal:8080"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/feeds/posts.atom", nil)
			r.Host, r.RemoteAddr = "guildhall.internal:8080", c.remote
			if c.tls {
				r.TLS = &tls.ConnectionState{}
			}
			for k, v := range c.header {
				r.Header.Set(k, v)
			}
			if got := proxies.Origin(r); got != c.want {
				t.Errorf("Origin = %q, want %q", got, c.want)
			}
		})
	}
	var none forwarded.Proxies
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr, r.Host = "127.0.0.1:1", "localhost:8080"
	r.Header.Set("X-Forwarded-Proto", "https")
	if got := none.Origin(r); got != "http://localhost:8080" {
		t.Errorf("with no trusted proxies: %q", got)
	}
}

func TestClient(t *testing.T) {
	proxies, err := forwarded.Parse("10.0.0.0/8, ::1")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, remote string
		header       map[string]string
		want         string
	}{
		{name: "no proxy", remote: "203.0.113.9:4000", want: "203.0.113.9"},
		{name: "a stranger's X-Forwarded-For is ignored", remote: "203.0.113.9:4000", header: map[string]string{"X-Forwarded-For": "198.51.100.1"}, want: "203.0.113.9"},
		{name: "through a trusted proxy", remote: "10.0.0.2:1", header: map[string]string{"X-Forwarded-For": "198.51.100.1"}, want: "198.51.100.1"},
		{name: "a client's own entry is not believed", remote: "10.0.0.2:1", header: map[string]string{"X-Forwarded-For": "1.2.3.4, 198.51.100.1"}, want: "198.51.100.1"},
		{name: "through two trusted proxies", remote: "10.0.0.2:1", header: map[string]string{"X-Forwarded-For": "198.51.100.1, 10.0.0.7"}, want: "198.51.100.1"},
		{name: "Forwarded for=", remote: "[::1]:1", header: map[string]string{"Forwarded": `for=1.2.3.4, for="[2001:db8::17]:4711";proto=https`}, want: "2001:db8::17"},
		{name: "Forwarded wins", remote: "10.0.0.2:1", header: map[string]string{"Forwarded": "for=198.51.100.2", "X-Forwarded-For": "198.51.100.1"}, want: "198.51.100.2"},
		{name: "unknown ends the trail", remote: "10.0.0.2:1", header: map[string]string{"Forwarded": "for=198.51.100.2, for=unknown"}, want: "10.0.0.2"},
		{name: "no header from a proxy", remote: "10.0.0.2:1", want: "10.0.0.2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/graphql", nil)
			r.RemoteAddr = c.remote
			for k, v := range c.header {
				r.Header.Set(k, v)
			}
			if got := proxies.Client(r).String(); got != c.want {
				t.Errorf("Client = %s, want %s", got, c.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	for _, bad := range []string{"10.0.0.0/33", "proxy.internal", "10.0.0.1:80"} {
		if _, err := forwarded.Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted it", bad)
		}
	}
	if p, err := forwarded.Parse(""); err != nil || len(p) != 0 {
		t.Errorf("empty list: %v %v", p, err)
	}
}
