// Package clock holds a clock that tests move by hand. Guildhall's services take their
// time from an injected func() time.Time; tests pass a Manual clock's Now to step through
// schedules, expiries and grace periods without waiting.
package clock

import (
	"sync"
	"time"
)

// Manual is a clock that stands still until moved. It is safe for concurrent use.
type Manual struct {
	mu sync.Mutex
	t  time.Time
}

// NewManual returns a clock showing t.
func NewManual(t time.Time) *Manual { return &Manual{t: t} }

// Now returns the clock's time.
func (c *Manual) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d (backward if d is negative).
func (c *Manual) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
