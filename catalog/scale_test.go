package catalog_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/catalog"
	"github.com/guildhall/guildhall/internal/packtext"
)

// Benchmarks of the catalog's hot paths at the bench's two sizes (20,000 posts, and 200,000
// for the scale run), so their growth with the number of posts shows directly:
//
//	go test ./catalog -run '^$' -bench . -benchmem

var scaleSizes = []int{20000, 200000}

// scaleVocabulary is word frequency as in prose: a few words are everywhere, most are rare
// (Zipf), so searches for common and rare words both occur.
var scaleVocabulary = func() []string {
	out := make([]string, 20000)
	for i := range out {
		out[i] = fmt.Sprintf("w%da", i)
	}
	return out
}()

var (
	scaleOnce     sync.Map // size -> *scaleFixture
	scaleBuilding sync.Mutex
)

type scaleFixture struct {
	c     *catalog.Catalog
	posts []*guildhall.Post // as added
	deep  string            // a cursor after 90% of the published posts
}

// scaleCatalog builds (once per size) a catalog like the bench's: 1,000 members, n posts
// over ten years, 90% published, 15% for members only, each with about 300 words of text
// (the first 50 its excerpt) and 1-4 of 60 tags.
func scaleCatalog(b *testing.B, n int) *scaleFixture {
	if f, ok := scaleOnce.Load(n); ok {
		return f.(*scaleFixture)
	}
	scaleBuilding.Lock()
	defer scaleBuilding.Unlock()
	if f, ok := scaleOnce.Load(n); ok {
		return f.(*scaleFixture)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rng, 1.1, 1, uint64(len(scaleVocabulary)-1))
	f := &scaleFixture{c: catalog.New()}
	given := []string{"Ann", "Christian", "Zoë", "Łukasz", "José", "Ruth", "Amara", "Benedikt", "Chloé", "Dmitri"}
	family := []string{"Billington", "Ångström", "Nowak", "Núñez", "van der Berg", "O'Connor", "Okafor", "Schmidt", "Dubois", "Ivanova"}
	for i := range 1000 {
		g, fa := given[i%10], family[(i/10)%10]
		f.c.PutMember(member(fmt.Sprintf("m%04d", i), g+" "+fa, fmt.Sprintf("%s, %s %d", fa, g, i)))
	}
	words := make([]string, 300)
	for i := range n {
		for j := range words {
			words[j] = scaleVocabulary[zipf.Uint64()]
		}
		at := now.Add(-time.Duration(rng.Int64N(int64(10 * 365 * 24 * time.Hour))))
		status := guildhall.PostPublished
		if i%10 == 9 {
			status = guildhall.PostDraft
		}
		p := post(fmt.Sprintf("p%06d", i), fmt.Sprintf("m%04d", rng.IntN(700)), status, at, fmt.Sprintf("tag%d", rng.IntN(60)))
		p.Title = strings.Join(words[:6], " ")
		p.Body = packtext.RichText("", strings.Join(words, " "), 0) // held as the service holds it
		p.Excerpt = strings.Join(words[:50], " ")
		if i%20 < 3 { // 15% for members only, as in the bench
			p.Visibility = guildhall.VisibilityMembers
		}
		f.posts = append(f.posts, p)
	}
	f.c.PutPosts(f.posts)
	q := guildhall.PostQuery{First: 100}
	for walked := 0; walked < n*9/10*9/10; walked += 100 {
		res, err := f.c.Posts(guildhall.Anonymous, now, q)
		if err != nil || !res.HasNextPage {
			b.Fatalf("walk: %v", err)
		}
		q.After = res.Cursor(len(res.Items) - 1)
	}
	f.deep = q.After
	scaleOnce.Store(n, f)
	return f
}

func forSizes(b *testing.B, run func(b *testing.B, f *scaleFixture)) {
	for _, n := range scaleSizes {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			f := scaleCatalog(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			run(b, f)
		})
	}
}

func BenchmarkScaleFirstPage(b *testing.B) {
	forSizes(b, func(b *testing.B, f *scaleFixture) {
		for b.Loop() {
			if _, err := f.c.Posts(guildhall.Anonymous, now, guildhall.PostQuery{First: 20}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkScaleDeepPage(b *testing.B) {
	forSizes(b, func(b *testing.B, f *scaleFixture) {
		for b.Loop() {
			if _, err := f.c.Posts(guildhall.Anonymous, now, guildhall.PostQuery{First: 20, After: f.deep}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkScaleSearch(b *testing.B) {
	// A member in good standing searches whole bodies; anonymous readers only the public
	// text of members-only posts.
	member := &guildhall.Viewer{Role: guildhall.RoleMember, MemberID: "m0001", GoodStanding: true}
	for _, tc := range []struct {
		name, search string
		v            *guildhall.Viewer
	}{
		{"common word", scaleVocabulary[1], guildhall.Anonymous},
		{"common word, member", scaleVocabulary[1], member},
		{"rare word", scaleVocabulary[15000], guildhall.Anonymous},
		{"two words", scaleVocabulary[3] + " " + scaleVocabulary[400], guildhall.Anonymous},
		{"two words, member", scaleVocabulary[3] + " " + scaleVocabulary[400], member},
		{"prefix", "w123", guildhall.Anonymous},
		{"prefix, member", "w123", member},
		{"author name", "billington", guildhall.Anonymous},
		{"no match", "nosuchword", guildhall.Anonymous},
	} {
		b.Run(tc.name, func(b *testing.B) {
			forSizes(b, func(b *testing.B, f *scaleFixture) {
				for b.Loop() {
					if _, err := f.c.Posts(tc.v, now, guildhall.PostQuery{First: 20, Search: tc.search}); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

func BenchmarkScaleDirectory(b *testing.B) {
	forSizes(b, func(b *testing.B, f *scaleFixture) {
		for b.Loop() {
			f.c.Directory(now)
		}
	})
}

func BenchmarkScaleMembersByPrefix(b *testing.B) {
	yes := true
	forSizes(b, func(b *testing.B, f *scaleFixture) {
		for b.Loop() {
			if _, err := f.c.Members(now, 0, guildhall.MemberQuery{First: 20, NameStartsWith: "no", HasPublishedPosts: &yes}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkScaleLoad is start-up's share in the catalog: every post put at once.
func BenchmarkScaleLoad(b *testing.B) {
	forSizes(b, func(b *testing.B, f *scaleFixture) {
		for b.Loop() {
			c := catalog.New()
			c.PutPosts(f.posts)
		}
	})
}

// BenchmarkScalePutPost is the catalog's share of a write, which must not grow with the
// content either.
func BenchmarkScalePutPost(b *testing.B) {
	forSizes(b, func(b *testing.B, f *scaleFixture) {
		p := f.posts[len(f.posts)/2]
		for b.Loop() {
			next := *p
			next.Version++
			p = &next
			f.c.PutPost(p)
		}
	})
}

// BenchmarkScaleSnapshotWrite is what writing the catalog's snapshot costs (in the
// background and at shutdown).
func BenchmarkScaleSnapshotWrite(b *testing.B) {
	forSizes(b, func(b *testing.B, f *scaleFixture) {
		path := filepath.Join(b.TempDir(), "catalog.snapshot")
		for b.Loop() {
			if err := f.c.WriteSnapshot(path, catalog.SnapshotInfo{Database: "bench"}); err != nil {
				b.Fatal(err)
			}
		}
		if fi, err := os.Stat(path); err == nil {
			b.ReportMetric(float64(fi.Size())/(1<<20), "MiB-file")
		}
	})
}

// BenchmarkScaleSnapshotRead is start-up's share in the catalog from a snapshot, against
// BenchmarkScaleLoad's from the database's posts, and the heap the catalog read back takes
// (its bodies and posting lists stay in the mapped file).
func BenchmarkScaleSnapshotRead(b *testing.B) {
	forSizes(b, func(b *testing.B, f *scaleFixture) {
		path := filepath.Join(b.TempDir(), "catalog.snapshot")
		if err := f.c.WriteSnapshot(path, catalog.SnapshotInfo{Database: "bench"}); err != nil {
			b.Fatal(err)
		}
		var before, after runtime.MemStats
		var kept *catalog.Catalog
		runtime.GC()
		runtime.ReadMemStats(&before)
		for b.Loop() {
			c, _, err := catalog.ReadSnapshot(path, func(catalog.SnapshotInfo) error { return nil })
			if err != nil {
				b.Fatal(err)
			}
			kept = c
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "MiB-heap")
		runtime.KeepAlive(kept)
	})
}
