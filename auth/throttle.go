package auth

import (
	"crypto/sha256"
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// Throttle slows down password guessing, as OWASP's authentication cheat sheet describes:
// past a few failures, each further failure makes the next attempt wait, twice as long each
// time (a second, two, four... at most Max), instead of a fixed lockout that anyone can
// renew. Failures are counted for three keys at once:
//
//   - an account and an address together: someone guessing one member's password from
//     one place is slowed after PairFree failures, without slowing the member elsewhere;
//   - an address, across accounts (AddressFree): one place guessing many accounts;
//   - an account, across addresses (AccountFree, more): guessing spread over many places.
//     Only an address's first PairFree failures at an account count here: past them that
//     address is already slowed, and one place guessing must never slow the member
//     everywhere.
//
// An attempt is counted as failed when it begins, under one lock, and the count undone if
// the password was right: so concurrent attempts cannot all pass the check before any
// failure is counted. Attempts refused while waiting are not counted, so hammering does not
// lengthen the wait. A member is never locked out for more than Max by someone else's
// guesses, and only by guesses spread over several addresses at that.
//
// It is per instance: with several instances behind a load balancer, an attacker gets
// their number times the attempts before the waits begin, and each wait only on the
// instance that saw the failures (the README says so).
type Throttle struct {
	PairFree, AddressFree, AccountFree int           // failures before the waits begin
	Base, Max                          time.Duration // the first wait, and the longest
	// Forget is how long after its last failure a key starts again from nothing.
	Forget time.Duration
	Now    func() time.Time

	mu                         sync.Mutex
	pairs, addresses, accounts *simplelru.LRU[string, *failures]
}

// ThrottleKeys bounds the keys remembered of each kind; past it the least recently failed
// are forgotten first.
const ThrottleKeys = 100_000

// failures is the record of one key.
type failures struct {
	n    int
	last time.Time
}

// Attempt is a login attempt under way, counted as failed until Succeeded says otherwise.
type Attempt struct {
	t                *Throttle
	account, address string // keyOf each
	countedAccount   bool   // whether the account's own count was raised
}

// Begin counts an attempt to log in to account from address. If one of the keys must still
// wait, it returns false and how long until it may try; nothing is counted.
func (t *Throttle) Begin(account, address string) (*Attempt, time.Duration, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.pairs == nil {
		t.pairs, _ = simplelru.NewLRU[string, *failures](ThrottleKeys, nil)
		t.addresses, _ = simplelru.NewLRU[string, *failures](ThrottleKeys, nil)
		t.accounts, _ = simplelru.NewLRU[string, *failures](ThrottleKeys, nil)
	}
	account, address = keyOf(account), keyOf(address)
	now := t.Now()
	keys := t.keys(account, address)
	var wait time.Duration
	for _, k := range keys {
		if f := t.current(k.lru, k.key, now); f != nil {
			wait = max(wait, f.last.Add(t.delay(f.n, k.free)).Sub(now))
		}
	}
	if wait > 0 {
		return nil, wait, false
	}
	a := &Attempt{t: t, account: account, address: address}
	pair := t.current(keys[0].lru, keys[0].key, now)
	a.countedAccount = pair == nil || pair.n < t.PairFree
	for i, k := range keys {
		if i == 2 && !a.countedAccount {
			continue
		}
		f := t.current(k.lru, k.key, now)
		if f == nil {
			f = &failures{}
			k.lru.Add(k.key, f)
		}
		f.n++
		f.last = now
	}
	return a, 0, true
}

// Succeeded undoes the failure Begin counted: the account (from every address) starts
// again from nothing, and the address has one failure fewer. (An address's other failures
// stay: logging in to one's own account must not clear guesses at others.)
func (a *Attempt) Succeeded() {
	t := a.t
	t.mu.Lock()
	defer t.mu.Unlock()
	t.pairs.Remove(pairKey(a.account, a.address))
	t.accounts.Remove(a.account)
	if f, ok := t.addresses.Peek(a.address); ok && f.n > 0 {
		f.n--
	}
}

// Abandon undoes the failure Begin counted, for an attempt whose password was never checked
// (the server was too busy): it counts neither way.
func (a *Attempt) Abandon() {
	t := a.t
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, k := range t.keys(a.account, a.address) {
		if f, ok := k.lru.Peek(k.key); ok && f.n > 0 && (i != 2 || a.countedAccount) {
			f.n--
		}
	}
}

type throttleKey struct {
	lru  *simplelru.LRU[string, *failures]
	key  string
	free int
}

func (t *Throttle) keys(account, address string) [3]throttleKey {
	return [3]throttleKey{
		{t.pairs, pairKey(account, address), t.PairFree},
		{t.addresses, address, t.AddressFree},
		{t.accounts, account, t.AccountFree},
	}
}

func pairKey(account, address string) string { return account + address }

// keyOf is what a key is remembered by: a digest, of one size whatever the client sent (an
// email address in a login is any text up to the body limit), so that ThrottleKeys bounds
// the memory the keys take, not only their number.
func keyOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return string(sum[:16])
}

// current returns key's record, or nil if it has none or has been forgotten.
func (t *Throttle) current(lru *simplelru.LRU[string, *failures], key string, now time.Time) *failures {
	f, ok := lru.Get(key)
	if !ok {
		return nil
	}
	if now.Sub(f.last) >= t.Forget {
		lru.Remove(key)
		return nil
	}
	return f
}

// delay is how long after the last of n failures the next attempt waits: nothing for the
// first free-1, then Base, doubling with each failure, at most Max.
func (t *Throttle) delay(n, free int) time.Duration {
	if n < free {
		return 0
	}
	d := t.Base
	for i := free; i < n && d < t.Max; i++ {
		d *= 2
	}
	return min(d, t.Max)
}
