package auth

import (
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/v2/simplelru"
	"golang.org/x/time/rate"
)

// FailureLimit bounds failed authentications per client address, so that guessing bearer
// tokens is slow: each address has a bucket of PerMinute failures, refilled continuously at
// PerMinute a minute. With the bucket empty, the address is refused before its credential
// is looked at, until a failure's worth has refilled.
//
// Like Throttle it is per instance, and it remembers at most ThrottleKeys addresses (the
// least recently failed are forgotten first).
type FailureLimit struct {
	PerMinute int
	Now       func() time.Time

	mu      sync.Mutex
	buckets *simplelru.LRU[string, *rate.Limiter]
}

// Wait returns how long address must wait before it may try again: zero if it may now.
func (l *FailureLimit) Wait(address string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buckets == nil {
		return 0
	}
	b, ok := l.buckets.Get(address)
	if !ok {
		return 0
	}
	now := l.Now()
	tokens := b.TokensAt(now)
	if tokens >= 1 {
		return 0
	}
	return time.Duration((1 - tokens) / float64(b.Limit()) * float64(time.Second))
}

// Fail records a failed authentication by address.
func (l *FailureLimit) Fail(address string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buckets == nil {
		l.buckets, _ = simplelru.NewLRU[string, *rate.Limiter](ThrottleKeys, nil)
	}
	b, ok := l.buckets.Get(address)
	if !ok {
		b = rate.NewLimiter(rate.Limit(float64(l.PerMinute)/60), l.PerMinute)
		l.buckets.Add(address, b)
	}
	b.AllowN(l.Now(), 1)
}
