package mongodb_test

import (
	"context"
	cryptorand "crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/guildhall/guildhall/media"
)

// BenchmarkOriginalsAt10000 reads one original of 10,000 (16 KB each), cold (from the
// store) and warm (from an instance's disk cache), on each store: GridFS on the embedded
// engine, which scans every chunk to find one, and the files the embedded default uses.
//
//	go test ./mongodb -run '^$' -bench OriginalsAt10000 -benchtime 20x
//	go test ./mongodb -run '^$' -bench 'OriginalsAt10000/(files|disk)' -benchtime 200x  # without GridFS
func BenchmarkOriginalsAt10000(b *testing.B) {
	const n = 10_000
	ctx := context.Background()
	blobs := map[string][]byte{}
	var sums []string
	for range n {
		data := make([]byte, 16<<10)
		_, _ = cryptorand.Read(data)
		s := sha256.Sum256(data)
		sum := hex.EncodeToString(s[:])
		blobs[sum] = data
		sums = append(sums, sum)
	}
	dir, err := media.NewDirOriginals(filepath.Join(b.TempDir(), "originals"))
	if err != nil {
		b.Fatal(err)
	}
	for sum, data := range blobs {
		if err := dir.Put(ctx, sum, data); err != nil {
			b.Fatal(err)
		}
	}
	cache, err := media.OpenCache(filepath.Join(b.TempDir(), "cache"), 1<<30)
	if err != nil {
		b.Fatal(err)
	}
	for sum, data := range blobs {
		if _, err := cache.Put(sum+".jpg", data); err != nil {
			b.Fatal(err)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	read := func(b *testing.B, o media.Originals) {
		for b.Loop() {
			r, err := o.Open(ctx, sums[rng.IntN(n)])
			if err != nil {
				b.Fatal(err)
			}
			if data, err := io.ReadAll(r); err != nil || len(data) != 16<<10 {
				b.Fatal(len(data), err)
			}
			r.Close()
		}
	}
	b.Run("gridfs cold", func(b *testing.B) {
		// Seeded here, so that -bench 'OriginalsAt10000/files' skips the long seeding.
		grid := MustOpenStore(b).Originals()
		if err := grid.SeedOriginals(ctx, blobs); err != nil {
			b.Fatal(err)
		}
		read(b, grid)
	})
	b.Run("files cold", func(b *testing.B) { read(b, dir) })
	b.Run("disk cache warm", func(b *testing.B) {
		for b.Loop() {
			path, ok := cache.Get(sums[rng.IntN(n)] + ".jpg")
			if !ok {
				b.Fatal("cache miss")
			}
			if data, err := os.ReadFile(path); err != nil || len(data) != 16<<10 {
				b.Fatal(len(data), err)
			}
		}
	})
}
