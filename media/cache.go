package media

import (
	"container/list"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Cache is a folder of files (variants, and on MongoDB originals) bounded in total size:
// when a new file would take it over its budget, the least recently used go. It survives
// restarts (the folder is read back on open, oldest first by modification time), and is
// per instance: every instance fills its own from the shared originals. It is safe for
// concurrent use; a file being served when it is evicted stays readable to that reader.
type Cache struct {
	dir string
	max int64

	mu    sync.Mutex
	size  int64
	order *list.List               // of *cacheEntry, most recently used first
	items map[string]*list.Element // key -> element
}

type cacheEntry struct {
	key  string
	size int64
}

// OpenCache opens (creating it if need be) the cache in dir with a budget of maxBytes, and
// evicts what is over it.
func OpenCache(dir string, maxBytes int64) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("media cache: %w", err)
	}
	c := &Cache{dir: dir, max: maxBytes, order: list.New(), items: map[string]*list.Element{}}
	type found struct {
		key  string
		size int64
		mod  time.Time
	}
	var files []found
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasPrefix(d.Name(), ".tmp-") { // a write cut short by a crash
			_ = os.Remove(path)
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		files = append(files, found{key: d.Name(), size: info.Size(), mod: info.ModTime()})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("media cache: %w", err)
	}
	slices.SortFunc(files, func(a, b found) int { return a.mod.Compare(b.mod) })
	for _, f := range files { // oldest first, so the newest end up most recently used
		c.items[f.key] = c.order.PushFront(&cacheEntry{key: f.key, size: f.size})
		c.size += f.size
	}
	c.mu.Lock()
	c.evict("")
	c.mu.Unlock()
	return c, nil
}

// path is where key's file lives: spread over 256 folders by the key's first two
// characters (keys start with a hex digest).
func (c *Cache) path(key string) string {
	return filepath.Join(c.dir, key[:min(2, len(key))], key)
}

// Get returns the file of key and marks it used, or ok false on a miss.
func (c *Cache) Get(key string) (path string, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return "", false
	}
	c.order.MoveToFront(el)
	return c.path(key), true
}

// Put stores data as key's file and returns its path, evicting the least recently used
// files beyond the budget (never the one just stored). key must be a plain file name.
func (c *Cache) Put(key string, data []byte) (string, error) {
	if key == "" || strings.ContainsAny(key, `/\`) || strings.HasPrefix(key, ".") {
		return "", fmt.Errorf("media cache: bad key %q", key)
	}
	path := c.path(key)
	if err := writeFileAtomic(path, data); err != nil {
		return "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		c.size -= el.Value.(*cacheEntry).size
		c.order.Remove(el)
	}
	c.items[key] = c.order.PushFront(&cacheEntry{key: key, size: int64(len(data))})
	c.size += int64(len(data))
	c.evict(key)
	return path, nil
}

// evict removes least recently used files until the cache is within its budget, sparing
// keep. c.mu is held.
func (c *Cache) evict(keep string) {
	for c.size > c.max {
		el := c.order.Back()
		if el == nil {
			return
		}
		e := el.Value.(*cacheEntry)
		if e.key == keep {
			if el.Prev() == nil {
				return // only the file just stored is left: it stays until the next Put
			}
			c.order.MoveToFront(el)
			continue
		}
		c.order.Remove(el)
		delete(c.items, e.key)
		c.size -= e.size
		_ = os.Remove(c.path(e.key))
	}
}

// Remove deletes every file whose key starts with prefix (an asset's variants when it is
// deleted).
func (c *Cache) Remove(prefix string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for key, el := range c.items {
		if strings.HasPrefix(key, prefix) {
			c.size -= el.Value.(*cacheEntry).size
			c.order.Remove(el)
			delete(c.items, key)
			_ = os.Remove(c.path(key))
		}
	}
}

// Size is the bytes the cache holds.
func (c *Cache) Size() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size
}
