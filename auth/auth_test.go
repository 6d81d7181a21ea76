package auth_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/guildhall/guildhall/auth"
)

func verify(t *testing.T, hash, password string) bool {
	t.Helper()
	ok, err := auth.VerifyPassword(t.Context(), hash, password)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func TestPasswordHash(t *testing.T) {
	h, err := auth.HashPassword(t.Context(), "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not record OWASP parameters", h)
	}
	if strings.Contains(h, "horse") {
		t.Error("hash contains the password")
	}
	if !verify(t, h, "correct horse battery staple") {
		t.Error("right password refused")
	}
	for _, wrong := range []string{"", "correct horse battery stapl", "Correct horse battery staple"} {
		if verify(t, h, wrong) {
			t.Errorf("wrong password %q accepted", wrong)
		}
	}
	h2, _ := auth.HashPassword(t.Context(), "correct horse battery staple")
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=1,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=1,t=0,p=1$c2FsdA$a2V5", "plain"} {
		if verify(t, bad, "x") {
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

func TestThrottle(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	th := &auth.Throttle{PairFree: 3, AddressFree: 6, AccountFree: 9, Base: time.Second, Max: time.Minute, Forget: time.Hour,
		Now: func() time.Time { return now }}
	fail := func(account, address string) (time.Duration, bool) {
		_, wait, ok := th.Begin(account, address)
		return wait, ok
	}
	// Three failures for one account from one place, then waits that double.
	for i := range 3 {
		if _, ok := fail("a", "x"); !ok {
			t.Fatalf("refused after %d failures", i)
		}
	}
	for _, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second} {
		if wait, ok := fail("a", "x"); ok || wait != want {
			t.Fatalf("while waiting: ok %v, wait %v; want %v", ok, wait, want)
		}
		// Attempts while waiting are not counted: the wait does not grow by hammering.
		now = now.Add(want / 2)
		if wait, ok := fail("a", "x"); ok || wait != want/2 {
			t.Fatalf("half-way through the wait: ok %v, wait %v", ok, wait)
		}
		now = now.Add(want / 2)
		if _, ok := fail("a", "x"); !ok {
			t.Fatalf("refused after waiting %v", want)
		}
	}
	// The waits stop growing at Max.
	for range 10 {
		now = now.Add(time.Minute)
		fail("a", "x")
	}
	if wait, _ := fail("a", "x"); wait != time.Minute {
		t.Errorf("the longest wait is %v", wait)
	}
	// The member, from elsewhere, is not slowed by all that guessing: one address counts
	// for at most PairFree failures at an account. The guessing address is slowed at
	// other accounts too.
	if _, ok := fail("a", "y"); !ok {
		t.Error("guesses from one address slowed the account everywhere")
	}
	if _, ok := fail("b", "x"); ok {
		t.Error("the guessing address is not slowed at other accounts")
	}
	// A right password starts the account again from nothing.
	attempt, _, ok := th.Begin("a", "z")
	if !ok {
		t.Fatal("refused from a third address")
	}
	attempt.Succeeded()
	for i := range 3 {
		if _, ok := fail("a", "z"); !ok {
			t.Fatalf("after a success, refused after %d failures", i)
		}
	}
	// An hour without failures forgets them.
	now = now.Add(time.Hour)
	if _, ok := fail("a", "x"); !ok {
		t.Error("failures an hour old still count")
	}
}

func TestThrottleAddressesAndAccounts(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	th := &auth.Throttle{PairFree: 3, AddressFree: 6, AccountFree: 9, Base: time.Second, Max: time.Minute, Forget: time.Hour,
		Now: func() time.Time { return now }}
	// One address guessing many accounts waits after AddressFree failures.
	for i := range 6 {
		if _, _, ok := th.Begin(fmt.Sprint("acct", i), "x"); !ok {
			t.Fatalf("address refused after %d failures", i)
		}
	}
	if _, _, ok := th.Begin("another", "x"); ok {
		t.Error("an address is not slowed across accounts")
	}
	// Many addresses guessing one account: it waits after AccountFree failures, wherever
	// they come from.
	for i := range 9 {
		if _, _, ok := th.Begin("target", fmt.Sprint("10.0.0.", i)); !ok {
			t.Fatalf("account refused after %d failures", i)
		}
	}
	if _, _, ok := th.Begin("target", "10.0.1.1"); ok {
		t.Error("an account is not slowed across addresses")
	}
	// Concurrent attempts are counted as they begin: of 50 at once, PairFree get through.
	var passed atomic.Int32
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			if _, _, ok := th.Begin("c", "z"); ok {
				passed.Add(1)
			}
		})
	}
	wg.Wait()
	if passed.Load() != 3 {
		t.Errorf("%d of 50 concurrent attempts began, want 3", passed.Load())
	}
	// An attempt abandoned (never checked) counts neither way.
	now = now.Add(2 * time.Hour)
	for range 5 {
		a, _, ok := th.Begin("d", "w")
		if !ok {
			t.Fatal("an abandoned attempt was counted")
		}
		a.Abandon()
	}
	// A success does not clear an address's failures at other accounts.
	for i := range 5 {
		th.Begin(fmt.Sprint("guess", i), "v")
	}
	a, _, _ := th.Begin("mine", "v")
	a.Succeeded()
	if _, _, ok := th.Begin("guess9", "v"); !ok {
		t.Fatal("the address was refused before AddressFree failures")
	}
	if _, _, ok := th.Begin("guess10", "v"); ok {
		t.Error("logging in to one's own account cleared the address's failures")
	}
}

// Password hashing waits for one of as many slots as there are cores: a burst of logins
// queues rather than taking 19 MiB each at once (sixteen times as many as cores would take
// over 600 MiB on two), and a request that waits too long is refused with ErrBusy.
func TestHashingIsBounded(t *testing.T) {
	h, _ := auth.HashPassword(t.Context(), "correct horse battery staple")
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	var wg sync.WaitGroup
	n := 16 * runtime.GOMAXPROCS(0)
	for range n {
		wg.Go(func() {
			ok, err := auth.VerifyPassword(t.Context(), h, "correct horse battery staple")
			if err != nil && !errors.Is(err, auth.ErrBusy) || err == nil && !ok {
				t.Errorf("verify: %v %v", ok, err)
			}
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	var peak uint64
	for {
		select {
		case <-done:
			// Each verification holds 19 MiB; the collector may leave as much again.
			if limit := 2 * uint64(runtime.GOMAXPROCS(0)+1) * 19 << 20; peak-base > limit {
				t.Errorf("%d verifications at once took %d MiB; want at most %d MiB", n, (peak-base)>>20, limit>>20)
			}
			return
		case <-time.After(time.Millisecond):
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
		}
	}
}

func TestHashingGivesUpWhenTheRequestEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	// With every slot taken, an ended request does not wait.
	var wg sync.WaitGroup
	h, _ := auth.HashPassword(t.Context(), "correct horse battery staple")
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() { _, _ = auth.VerifyPassword(t.Context(), h, "x") })
	}
	if _, err := auth.VerifyPassword(ctx, h, "x"); err == nil {
		// It may have found a free slot before the others took them: that is fine too.
		t.Log("found a free slot")
	} else if !errors.Is(err, context.Canceled) {
		t.Errorf("an ended request: %v", err)
	}
	wg.Wait()
}

func BenchmarkVerifyPassword(b *testing.B) {
	h, _ := auth.HashPassword(b.Context(), "correct horse battery staple")
	for b.Loop() {
		_, _ = auth.VerifyPassword(b.Context(), h, "correct horse battery staple")
	}
}

func TestFailureLimit(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := &auth.FailureLimit{PerMinute: 100, Now: func() time.Time { return now }}
	for i := range 100 {
		if wait := l.Wait("x"); wait != 0 {
			t.Fatalf("waiting after %d failures", i)
		}
		l.Fail("x")
	}
	wait := l.Wait("x")
	if wait <= 0 || wait > time.Second {
		t.Fatalf("after 100 failures: wait %v, want up to 0.6s", wait)
	}
	if l.Wait("y") != 0 {
		t.Error("another address waits")
	}
	// The bucket refills at 100 a minute.
	now = now.Add(wait)
	if l.Wait("x") != 0 {
		t.Error("still waiting after the wait")
	}
	l.Fail("x")
	if l.Wait("x") == 0 {
		t.Error("a refilled failure was not spent")
	}
	now = now.Add(time.Minute)
	for range 100 {
		l.Fail("x")
	}
	if l.Wait("x") == 0 {
		t.Error("the bucket holds more than 100")
	}
}

// The throttle remembers keys by a digest: what a client sends as an email address (any text
// up to the body limit) does not stay in memory, so ThrottleKeys bounds the bytes too.
func TestThrottleKeysAreSmall(t *testing.T) {
	th := &auth.Throttle{PairFree: 5, AddressFree: 20, AccountFree: 50, Base: time.Second, Max: time.Minute, Forget: time.Hour,
		Now: time.Now}
	heap := func() int64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return int64(m.HeapAlloc)
	}
	before := heap()
	for i := range 100 {
		// Each attempt from its own address, so that none is slowed; strings.Repeat
		// makes each email a new allocation, as a request's decoded body would be.
		email := fmt.Sprintf("%d%s@example.org", i, strings.Repeat("x", 256<<10))
		if _, _, ok := th.Begin(email, fmt.Sprintf("192.0.2.%d", i)); !ok {
			t.Fatalf("attempt %d refused", i)
		}
	}
	if grew := heap() - before; grew > 2<<20 {
		t.Errorf("100 failed logins with 256 KiB email addresses kept %.1f MiB", float64(grew)/(1<<20))
	}
	runtime.KeepAlive(th)
}
