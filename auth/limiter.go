package auth

import (
	"sync"
	"time"
)

// Limiter counts failed login attempts per key (an account's email, a client address) and
// locks a key out for a while once it has failed too often within a window. It is per
// instance: with several instances the effective limit is higher by their number, which still
// stops online guessing.
type Limiter struct {
	MaxFailures int
	Window      time.Duration
	Lockout     time.Duration
	Now         func() time.Time

	mu      sync.Mutex
	entries map[string]*attempts
}

type attempts struct {
	failures    []time.Time
	lockedUntil time.Time
}

// maxEntries bounds the limiter's memory against a flood of distinct keys.
const maxEntries = 100_000

// Allow reports whether key may try now, and if not, how long until it may.
func (l *Limiter) Allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.entries[key]
	if e == nil {
		return true, 0
	}
	now := l.Now()
	if now.Before(e.lockedUntil) {
		return false, e.lockedUntil.Sub(now)
	}
	return true, 0
}

// Fail records a failed attempt by key, locking it out when it reaches MaxFailures within
// Window.
func (l *Limiter) Fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.Now()
	if l.entries == nil {
		l.entries = map[string]*attempts{}
	}
	if len(l.entries) >= maxEntries {
		l.sweep(now)
	}
	e := l.entries[key]
	if e == nil {
		e = &attempts{}
		l.entries[key] = e
	}
	recent := e.failures[:0]
	for _, t := range e.failures {
		if now.Sub(t) < l.Window {
			recent = append(recent, t)
		}
	}
	e.failures = append(recent, now)
	if len(e.failures) >= l.MaxFailures {
		e.lockedUntil = now.Add(l.Lockout)
		e.failures = nil
	}
}

// Reset forgets key's failures (after a successful login).
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.entries, key)
}

// sweep drops entries with nothing recent; if every entry is recent, it drops them all
// rather than grow without bound.
func (l *Limiter) sweep(now time.Time) {
	for k, e := range l.entries {
		if now.After(e.lockedUntil) && (len(e.failures) == 0 || now.Sub(e.failures[len(e.failures)-1]) > l.Window) {
			delete(l.entries, k)
		}
	}
	if len(l.entries) >= maxEntries {
		clear(l.entries)
	}
}
