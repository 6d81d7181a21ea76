package auth_test

import (
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/auth"
)

func TestPasswordHash(t *testing.T) {
	h, err := auth.HashPassword("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not record OWASP parameters", h)
	}
	if strings.Contains(h, "horse") {
		t.Error("hash contains the password")
	}
	if !auth.VerifyPassword(h, "correct horse battery staple") {
		t.Error("right password refused")
	}
	for _, wrong := range []string{"", "correct horse battery stapl", "Correct horse battery staple"} {
		if auth.VerifyPassword(h, wrong) {
			t.Errorf("wrong password %q accepted", wrong)
		}
	}
	h2, _ := auth.HashPassword("correct horse battery staple")
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=1,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=1,t=0,p=1$c2FsdA$a2V5", "plain"} {
		if auth.VerifyPassword(bad, "x") {
			t.Errorf("malformed hash %q accepted", bad)
		}
	}
}

func TestTokens(t *testing.T) {
	secret := auth.NewSecret()
	tok := auth.FormatToken(auth.PrefixAPI, "tok_0123456789abcdefghjkmnpqrs", secret)
	prefix, id, got, ok := auth.ParseToken(tok)
	if !ok || prefix != auth.PrefixAPI || id != "tok_0123456789abcdefghjkmnpqrs" || got != secret {
		t.Fatalf("ParseToken(%q) = %q %q %q %v", tok, prefix, id, got, ok)
	}
	if !auth.SecretMatches(secret, auth.HashSecret(secret)) || auth.SecretMatches(secret+"x", auth.HashSecret(secret)) {
		t.Error("secret matching")
	}
	for _, bad := range []string{"", "gha", "gha_x_y", "xyz_0123456789abcdefghjkmnpqrs_" + secret, "gha_0123456789abcdefghjkmnpqrs_short"} {
		if _, _, _, ok := auth.ParseToken(bad); ok {
			t.Errorf("ParseToken(%q) accepted", bad)
		}
	}
}

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := &auth.Limiter{MaxFailures: 3, Window: time.Minute, Lockout: 10 * time.Minute, Now: func() time.Time { return now }}
	for i := range 2 {
		l.Fail("a")
		if ok, _ := l.Allow("a"); !ok {
			t.Fatalf("locked after %d failures", i+1)
		}
	}
	// Failures outside the window do not count.
	now = now.Add(2 * time.Minute)
	l.Fail("a")
	if ok, _ := l.Allow("a"); !ok {
		t.Fatal("old failures counted")
	}
	l.Fail("a")
	l.Fail("a")
	ok, wait := l.Allow("a")
	if ok || wait != 10*time.Minute {
		t.Fatalf("after 3 quick failures: ok %v, wait %v", ok, wait)
	}
	if ok, _ := l.Allow("b"); !ok {
		t.Error("other keys are not affected")
	}
	now = now.Add(10 * time.Minute)
	if ok, _ := l.Allow("a"); !ok {
		t.Error("still locked after the lockout")
	}
	l.Fail("a")
	l.Reset("a")
	l.Fail("a")
	l.Fail("a")
	if ok, _ := l.Allow("a"); !ok {
		t.Error("Reset did not forget failures")
	}
}

func BenchmarkVerifyPassword(b *testing.B) {
	h, _ := auth.HashPassword("correct horse battery staple")
	for b.Loop() {
		auth.VerifyPassword(h, "correct horse battery staple")
	}
}
