package webhook_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/guildhall/guildhall/webhook"
)

// privateForms spells internal addresses every way a URL or a resolver may: IPv4-compatible
// and IPv4-mapped IPv6, NAT64, 6to4, Teredo and other IPv6 wrappers of an IPv4 address,
// unspecified addresses, and the ranges that are not the public Internet.
var privateForms = []string{
	"127.0.0.1", "127.1.2.3", "0.0.0.0", "0.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
	"169.254.169.254", "100.64.0.1", "192.0.0.8", "198.18.0.1", "224.0.0.1", "240.0.0.1", "255.255.255.255",
	"192.0.2.1", "198.51.100.1", "203.0.113.1", "192.88.99.1",
	"::", "::1", "::127.0.0.1", "::7f00:1", "::10.0.0.1", "::0.0.0.1", // IPv4-compatible
	"::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", // IPv4-mapped
	"::ffff:0:127.0.0.1", "::ffff:0:a00:1", // IPv4-translated (SIIT)
	"64:ff9b::127.0.0.1", "64:ff9b::a00:1", "64:ff9b::8.8.8.8", "64:ff9b:1::a00:1", // NAT64
	"2002:7f00:1::", "2002:a00:1::1", "2002:808:808::1", // 6to4
	"2001:0:4136:e378:8000:63bf:80ff:fffe", "2001:db8::1", "2001:10::1", "3fff::1", // Teredo, documentation, ORCHID
	"fe80::1", "fe80::1%eth0", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "100::1", "5f00::1",
}

// The guard refuses every form of an internal address, when a URL is registered and when a
// connection is dialled; public addresses pass.
func TestEveryFormOfAPrivateAddressIsRefused(t *testing.T) {
	for _, addr := range privateForms {
		a := netip.MustParseAddr(addr)
		if !webhook.Forbidden(a) {
			t.Errorf("Forbidden(%s) = false", addr)
		}
		host := addr
		if a.Is6() {
			host = "[" + strings.Replace(addr, "%", "%25", 1) + "]"
		}
		if err := webhook.CheckURL("http://"+host+":8080/hook", false); err == nil {
			t.Errorf("CheckURL accepts http://%s", host)
		}
	}
	for _, addr := range []string{"8.8.8.8", "93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001::1", "::ffff:8.8.8.8"} {
		if webhook.Forbidden(netip.MustParseAddr(addr)) {
			t.Errorf("Forbidden(%s) = true for a public address", addr)
		}
	}
	// Numbers that some resolvers read as IPv4 addresses are refused at registration.
	for _, host := range []string{"2130706433", "0x7f000001", "0x7f.1", "0177.0.0.1", "0177.1", "127.1", "10.1", "0", "00", "0x0", "017700000001", "1.0x7f"} {
		if err := webhook.CheckURL("http://"+host+"/", false); err == nil {
			t.Errorf("CheckURL accepts http://%s/", host)
		}
	}
}

// At dial time, after resolution, every loopback-bound form is refused before a connection is
// made: literals, names, and numeric spellings a resolver might turn into 127.0.0.1. (Only
// forms that lead to this machine are dialled, so that a fault in the guard sends nothing
// outside it.)
func TestDialRefusesEveryLocalForm(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls.Add(1) }))
	defer srv.Close()
	port := srv.URL[strings.LastIndexByte(srv.URL, ':'):]
	guarded := webhook.NewClient(webhook.ClientOptions{Timeout: 5 * time.Second})
	for _, host := range []string{"127.0.0.1", "127.0.0.2", "0.0.0.0", "[::1]", "[::]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::127.0.0.1]", "localhost"} {
		res, err := guarded.Post("http://"+host+port+"/", "application/json", strings.NewReader("{}"))
		if err == nil {
			res.Body.Close()
		}
		if !errors.Is(err, webhook.ErrForbiddenAddress) {
			t.Errorf("POST http://%s%s: %v, want ErrForbiddenAddress", host, port, err)
		}
	}
	for _, host := range []string{"2130706433", "0x7f.1", "0177.0.0.1", "127.1"} {
		if res, err := guarded.Post("http://"+host+port+"/", "application/json", strings.NewReader("{}")); err == nil {
			res.Body.Close()
			t.Errorf("POST http://%s%s succeeded", host, port)
		}
	}
	if n := calls.Load(); n != 0 {
		t.Fatalf("the server was reached %d times", n)
	}
}
