package webhook_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/webhook"
)

var t0 = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

func TestSignAndVerify(t *testing.T) {
	body := []byte(`{"id":"evt_1","type":"POST_PUBLISHED"}`)
	sig := webhook.Sign("s3cret-s3cret-s3cret", t0, body)
	// The same as any receiver computes, here with openssl:
	//   printf '%s' '1781524800.{"id":"evt_1","type":"POST_PUBLISHED"}' | openssl dgst -sha256 -hmac 's3cret-s3cret-s3cret'
	if want := "t=1781524800,v1=562eac68acd2647ea64f32cb4435ab3cc9ee884d885dbd9b67357a3aa2acfabd"; sig != want {
		t.Fatalf("signature = %s, want %s", sig, want)
	}
	for _, tc := range []struct {
		name, secret, header string
		body                 []byte
		at                   time.Time
		want                 error
	}{
		{"valid", "s3cret-s3cret-s3cret", sig, body, t0.Add(time.Minute), nil},
		{"valid among several (secret rotation)", "s3cret-s3cret-s3cret", "t=1781524800,v1=00ff," + strings.TrimPrefix(sig, "t=1781524800,"), body, t0, nil},
		{"another secret", "other-other-other-other", sig, body, t0, webhook.ErrBadSignature},
		{"a changed body", "s3cret-s3cret-s3cret", sig, []byte(`{"id":"evt_2"}`), t0, webhook.ErrBadSignature},
		{"too old: a replay", "s3cret-s3cret-s3cret", sig, body, t0.Add(6 * time.Minute), webhook.ErrStale},
		{"from the future", "s3cret-s3cret-s3cret", sig, body, t0.Add(-6 * time.Minute), webhook.ErrStale},
		{"a moved timestamp", "s3cret-s3cret-s3cret", strings.Replace(sig, "t=1781524800", "t=1781524801", 1), body, t0, webhook.ErrBadSignature},
		{"no signature", "s3cret-s3cret-s3cret", "t=1781524800", body, t0, webhook.ErrMalformed},
		{"garbage", "s3cret-s3cret-s3cret", "sha256=abc", body, t0, webhook.ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := webhook.Verify(tc.secret, tc.header, tc.body, tc.at, webhook.DefaultTolerance)
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Errorf("Verify = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestBackoffLastsADay(t *testing.T) {
	var total time.Duration
	for i, d := range webhook.Backoff {
		if i > 0 && d < webhook.Backoff[i-1] {
			t.Errorf("wait %d (%s) is shorter than the one before", i, d)
		}
		total += d
	}
	if total < 24*time.Hour || total > 25*time.Hour {
		t.Errorf("the last attempt is %s after the first, want about a day", total)
	}
}

func TestCheckURL(t *testing.T) {
	for _, tc := range []struct {
		url          string
		allowPrivate bool
		ok           bool
	}{
		{"https://hooks.partner.example/guildhall", false, true},
		{"http://93.184.215.14:8080/x?y=1", false, true},
		{"https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/", false, true},
		{"ftp://hooks.partner.example/", false, false},
		{"/relative", false, false},
		{"https://user:pass@hooks.partner.example/", false, false},
		{"https://hooks.partner.example/#frag", false, false},
		{"http://127.0.0.1:9000/", false, false},
		{"http://127.0.0.1:9000/", true, true},
		{"http://localhost/", false, false},
		{"http://api.localhost./", false, false},
		{"http://10.1.2.3/", false, false},
		{"http://172.16.0.1/", false, false},
		{"http://192.168.1.1/", false, false},
		{"http://169.254.169.254/latest/meta-data/", false, false},
		{"http://100.64.0.1/", false, false},
		{"http://0.0.0.0/", false, false},
		{"http://[::1]/", false, false},
		{"http://[fe80::1]/", false, false},
		{"http://[fd00::1]/", false, false},
		{"http://[::ffff:127.0.0.1]/", false, false},
		{"http://[::ffff:10.0.0.1]/", false, false},
		{"http://2130706433/", false, false},
		{"http://0x7f.1/", false, false},
		{"http://017700000001/", false, false},
	} {
		err := webhook.CheckURL(tc.url, tc.allowPrivate)
		if (err == nil) != tc.ok {
			t.Errorf("CheckURL(%q, allowPrivate=%v) = %v, want ok=%v", tc.url, tc.allowPrivate, err, tc.ok)
		}
	}
}

func TestForbidden(t *testing.T) {
	for addr, want := range map[string]bool{
		"8.8.8.8": false, "2001:4860:4860::8888": false, "127.0.0.1": true, "127.255.0.1": true, "10.0.0.1": true,
		"192.168.0.1": true, "169.254.1.1": true, "224.0.0.1": true, "255.255.255.255": true, "::": true, "::1": true,
		"fe80::1": true, "fc00::1": true, "::ffff:192.168.0.1": true, "64:ff9b::a00:1": true, "100.100.100.100": true,
	} {
		if got := webhook.Forbidden(netip.MustParseAddr(addr)); got != want {
			t.Errorf("Forbidden(%s) = %v, want %v", addr, got, want)
		}
	}
}

// The guard runs when a connection is dialled, after name resolution: a name that resolves
// to an internal address is refused however it was registered (DNS rebinding).
func TestClientRefusesInternalAddressesAtDialTime(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls++ }))
	defer srv.Close()
	port := srv.URL[strings.LastIndexByte(srv.URL, ':'):]
	guarded := webhook.NewClient(webhook.ClientOptions{Timeout: 5 * time.Second})
	for _, target := range []string{srv.URL, "http://localhost" + port} {
		res, err := guarded.Post(target, "application/json", strings.NewReader("{}"))
		if err == nil {
			res.Body.Close()
		}
		if !errors.Is(err, webhook.ErrForbiddenAddress) {
			t.Errorf("POST %s: %v, want ErrForbiddenAddress", target, err)
		}
	}
	if calls != 0 {
		t.Fatalf("the server was reached %d times", calls)
	}
	open := webhook.NewClient(webhook.ClientOptions{AllowPrivate: true})
	res, err := open.Post(srv.URL, "application/json", strings.NewReader("{}"))
	if err != nil || res.StatusCode != http.StatusOK || calls != 1 {
		t.Fatalf("with AllowPrivate: %v, %d calls", err, calls)
	}
	res.Body.Close()
}

func TestClientFollowsNoRedirects(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/", http.StatusFound)
	}))
	defer srv.Close()
	res, err := webhook.NewClient(webhook.ClientOptions{AllowPrivate: true}).Post(srv.URL, "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusFound {
		t.Errorf("status %d, want the redirect itself", res.StatusCode)
	}
}
