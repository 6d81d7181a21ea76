// Package sizedlru is a least-recently-used cache bounded by the bytes of what it holds,
// for caches keyed by something a client sends (a Host header, a query text): however many
// distinct keys arrive, the cache holds at most its budget, and the entries used most
// recently stay.
package sizedlru

import (
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// Cache maps keys to values within a byte budget. It is safe for concurrent use.
type Cache[K comparable, V any] struct {
	mu       sync.Mutex
	entries  *simplelru.LRU[K, entry[V]]
	bytes    int64
	maxBytes int64
}

type entry[V any] struct {
	value V
	size  int64
}

// New returns an empty cache that holds at most maxBytes, as the sizes given to Add count
// them.
func New[K comparable, V any](maxBytes int64) *Cache[K, V] {
	c := &Cache[K, V]{maxBytes: maxBytes}
	// Bounded by bytes (in Add), not by count; the count is only a backstop.
	c.entries, _ = simplelru.NewLRU(1<<20, func(_ K, e entry[V]) { c.bytes -= e.size })
	return c
}

// Get returns the value for key and marks it used.
func (c *Cache[K, V]) Get(key K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries.Get(key)
	return e.value, ok
}

// Add stores value under key as size bytes, dropping the least recently used entries until
// everything fits. A value larger than the whole budget is not stored.
func (c *Cache[K, V]) Add(key K, value V, size int64) {
	size = max(size, 1)
	if size > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries.Remove(key)
	for c.bytes+size > c.maxBytes {
		if _, _, ok := c.entries.RemoveOldest(); !ok {
			break
		}
	}
	c.entries.Add(key, entry[V]{value: value, size: size})
	c.bytes += size
}

// Bytes is what the entries held count for, in all.
func (c *Cache[K, V]) Bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}

// Len is the number of entries held.
func (c *Cache[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.entries.Len()
}
