package catalog

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"
	"unsafe"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/internal/packtext"
)

// A snapshot is the catalog written to a local file, so that a start reads one file instead
// of every revision in the database, and indexes nothing again: the posts come with the
// search index they were filed in. It is a cache. The service checks that a snapshot belongs
// to its database and is recent enough for the change log to bring it up to date, and loads
// everything from the database when it is not (cms.Service.Load).
//
// The file is memory-mapped, and post bodies (packed, internal/packtext) and the search
// index's posting lists are used where they lie in it, outside the garbage-collected heap:
// the live heap then follows the number of entries, not their bytes. The mapping is private
// (a list the index changes in place is copied, page by page, by the kernel) and is unmapped
// once nothing reads from it any more (see mapping).
//
// Layout, integers little-endian:
//
//	header   magic "GuildhallCatalog", format (uint32), 0 (uint32)
//	sections each a kind (uint32), 0 (uint32), a length (uint64) and its bytes, in the order
//	         arena, info, posts, history, rest, words
//	trailer  CRC-32C of everything before it (uint32), 0 (uint32), "SnapDone"
//
// The arena holds the packed bodies and, aligned to 4 bytes, the posting lists; the other
// sections are records (snapcodec.go) or JSON. A damaged file fails its checksum, or a
// record's bounds, never a read later on.

const (
	snapshotMagic = "GuildhallCatalog"
	snapshotEnd   = "SnapDone"
	// SnapshotFormat is the layout this version writes and reads; a file of another format
	// is not read.
	SnapshotFormat = 2 // 2: revisions keep their featured image
	headerSize     = 24
	trailerSize    = 16
)

const (
	sectionArena = iota + 1
	sectionInfo
	sectionPosts
	sectionHistory
	sectionRest
	sectionWords
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// SnapshotInfo is what a snapshot says of itself, checked before its content is read.
type SnapshotInfo struct {
	Format int
	// Database identifies the database the content was read from (cms: a random ID the
	// database keeps, which a restore from a backup does not bring back).
	Database string
	// Watermark is where reading the change log brings the content up to date: every change
	// the snapshot may lack has an entry at or after it.
	Watermark time.Time
	Written   time.Time
	Posts     int
	Members   int
}

// ErrSnapshotDamaged is the error of a snapshot file that is not whole: cut short (a crash
// while it was written), changed, or not a snapshot at all.
var ErrSnapshotDamaged = errors.New("the snapshot is damaged")

// image is the catalog's content, taken under the read lock and written after it.
type image struct {
	members  []*guildhall.Member
	posts    []*guildhall.Post // in the order of their new slots (0, 1, ...)
	history  [][]*guildhall.PostRevision
	blocks   []guildhall.Block
	plans    []guildhall.MembershipPlan
	webhooks []*guildhall.Webhook
	assets   []*guildhall.Asset
	deleted  map[string]int
	// postsDeleted is when a post was last deleted; the rest of removals is derived from
	// the history again, as a load does.
	postsDeleted time.Time
	words        []savedWord
	postings     []uint32 // every word's open then hidden slots, in the order of words
}

type savedWord struct {
	word         string
	open, hidden int
	at           int // where its lists begin in postings
}

// takeImage copies what a snapshot holds. Values are immutable and shared; only the lists
// that change in place are copied: the history and the posting lists, whose slots are
// renumbered without the removed posts on the way.
func (c *Catalog) takeImage() *image {
	c.mu.RLock()
	defer c.mu.RUnlock()
	img := &image{
		members:      make([]*guildhall.Member, 0, len(c.members)),
		posts:        make([]*guildhall.Post, 0, len(c.posts)),
		history:      make([][]*guildhall.PostRevision, 0, len(c.history)),
		blocks:       slices.Clone(c.blocksSorted),
		plans:        slices.Clone(c.plans),
		webhooks:     make([]*guildhall.Webhook, 0, len(c.webhooks)),
		assets:       make([]*guildhall.Asset, 0, len(c.assets)),
		deleted:      make(map[string]int, len(c.deleted)),
		postsDeleted: c.removed.deleted,
	}
	for _, e := range c.membersSorted {
		img.members = append(img.members, e.member)
	}
	x := c.index
	moved := make([]uint32, len(x.slots))
	for s, e := range x.slots {
		if !e.removed {
			moved[s] = uint32(len(img.posts))
			img.posts = append(img.posts, e.post)
		}
	}
	for _, list := range c.history {
		img.history = append(img.history, slices.Clone(list))
	}
	for _, w := range c.webhooks {
		img.webhooks = append(img.webhooks, w)
	}
	for _, a := range c.assets {
		img.assets = append(img.assets, a)
	}
	for id, v := range c.deleted {
		img.deleted[id] = v
	}
	n := 0
	for _, l := range x.postings {
		n += len(l.open) + len(l.hidden) - l.removed
	}
	img.postings = make([]uint32, 0, n)
	img.words = make([]savedWord, 0, len(x.postings))
	keep := func(list []uint32) int {
		k := 0
		for _, s := range list {
			if !x.slots[s].removed {
				img.postings = append(img.postings, moved[s])
				k++
			}
		}
		return k
	}
	for w, l := range x.postings {
		sw := savedWord{word: w, at: len(img.postings)}
		sw.open = keep(l.open)
		sw.hidden = keep(l.hidden)
		if sw.open+sw.hidden > 0 {
			img.words = append(img.words, sw)
		}
	}
	return img
}

// WriteSnapshot writes the catalog to path, as of now, with info (its Format, Posts and
// Members are filled in). It writes a temporary file beside path and renames it into place,
// so a crash leaves the previous snapshot whole, or none; never half of one.
func (c *Catalog) WriteSnapshot(path string, info SnapshotInfo) error {
	img := c.takeImage()
	slices.SortFunc(img.words, func(a, b savedWord) int { return cmp.Compare(a.word, b.word) })
	slices.SortFunc(img.history, func(a, b []*guildhall.PostRevision) int { return cmp.Compare(a[0].PostID, b[0].PostID) })
	info.Format, info.Posts, info.Members = SnapshotFormat, len(img.posts), len(img.members)

	// The arena is laid out first, as the records that point into it are made.
	var bodies [][]byte
	arena := uint64(0)
	pack := func(b []byte) arenaRef {
		ref := arenaRef{off: arena, len: uint64(len(b))}
		bodies = append(bodies, b)
		arena += uint64(len(b))
		return ref
	}
	var scratch recordWriter
	var posts, history []byte
	for _, p := range img.posts {
		posts = appendRecord(posts, &scratch, func(w *recordWriter) { w.post(p, pack) })
	}
	for _, list := range img.history {
		for _, r := range list {
			history = appendRecord(history, &scratch, func(w *recordWriter) { w.revision(r) })
		}
	}
	pad := (4 - arena%4) % 4
	postingsAt := arena + pad
	arena = postingsAt + 4*uint64(len(img.postings))
	words := appendRecord(nil, &scratch, func(w *recordWriter) { w.uint(postingsAt) })
	for _, sw := range img.words {
		words = appendRecord(words, &scratch, func(w *recordWriter) {
			w.string(sw.word)
			w.uint(uint64(sw.at))
			w.uint(uint64(sw.open))
			w.uint(uint64(sw.hidden))
		})
	}
	rest, err := encodeRest(img)
	if err != nil {
		return err
	}
	infoJSON, err := json.Marshal(info)
	if err != nil {
		return err
	}

	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after the rename, nothing is there
	sum := crc32.New(castagnoli)
	bw := bufio.NewWriterSize(f, 1<<20)
	out := io.MultiWriter(bw, sum)
	put := func(b []byte) {
		if err == nil {
			_, err = out.Write(b)
		}
	}
	header := func(a, b uint32, n uint64) []byte {
		h := binary.LittleEndian.AppendUint32(nil, a)
		h = binary.LittleEndian.AppendUint32(h, b)
		return binary.LittleEndian.AppendUint64(h, n)
	}
	put([]byte(snapshotMagic))
	put(binary.LittleEndian.AppendUint64(nil, SnapshotFormat)) // format, then 0
	put(header(sectionArena, 0, arena))
	// Texts a rich text packed are written for the records that point at them (rest too).
	for _, b := range bodies {
		put(b)
	}
	bodies = nil
	put(make([]byte, pad))
	buf := make([]byte, 0, 64<<10)
	for i, s := range img.postings {
		buf = binary.LittleEndian.AppendUint32(buf, s)
		if len(buf) == cap(buf) || i == len(img.postings)-1 {
			put(buf)
			buf = buf[:0]
		}
	}
	for _, s := range []struct {
		kind uint32
		b    []byte
	}{{sectionInfo, infoJSON}, {sectionPosts, posts}, {sectionHistory, history}, {sectionRest, rest}, {sectionWords, words}} {
		put(header(s.kind, 0, uint64(len(s.b))))
		put(s.b)
	}
	if err == nil {
		trailer := binary.LittleEndian.AppendUint32(nil, sum.Sum32())
		trailer = binary.LittleEndian.AppendUint32(trailer, 0)
		_, err = bw.Write(append(trailer, snapshotEnd...))
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync() // the bytes are on disk before the name points at them
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write snapshot %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil { // the rename itself is durable
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// The rarely-changed rest of the catalog, as JSON: members, blocks, plans, webhooks, assets
// and tombstones, which are few beside the posts. Rich texts go as their HTML and text.
type restJSON struct {
	Members    []memberJSON
	Blocks     []blockJSON
	Plans      []guildhall.MembershipPlan
	Webhooks   []*guildhall.Webhook
	Assets     []*guildhall.Asset
	Tombstones map[string]int
	// PostsDeleted is when a post was last deleted (removals.deleted), for feeds.
	PostsDeleted time.Time
}

type memberJSON struct {
	Member *guildhall.Member
	Bio    *textJSON
}

type blockJSON struct {
	Kind  guildhall.BlockKind
	Block json.RawMessage
	Body  *textJSON
}

type textJSON struct {
	WordCount  int
	HTML, Text string
}

func textOf(t *guildhall.RichText) *textJSON {
	if t == nil {
		return nil
	}
	html, text := t.Unpacked()
	return &textJSON{WordCount: t.WordCount, HTML: html, Text: text}
}

func (t *textJSON) richText() guildhall.RichText {
	return packtext.RichText(t.HTML, t.Text, t.WordCount)
}

func encodeRest(img *image) ([]byte, error) {
	r := restJSON{Plans: img.plans, Webhooks: img.webhooks, Assets: img.assets, Tombstones: img.deleted, PostsDeleted: img.postsDeleted}
	for _, m := range img.members {
		r.Members = append(r.Members, memberJSON{Member: m, Bio: textOf(m.Bio)})
	}
	for _, b := range img.blocks {
		raw, err := json.Marshal(b)
		if err != nil {
			return nil, fmt.Errorf("snapshot of block %s: %w", b.BlockID(), err)
		}
		bj := blockJSON{Kind: b.BlockKind(), Block: raw}
		if rt, ok := b.(*guildhall.RichTextBlock); ok {
			bj.Body = textOf(&rt.Body)
		}
		r.Blocks = append(r.Blocks, bj)
	}
	return json.Marshal(r)
}

func decodeRest(b []byte, c *Catalog) error {
	var r restJSON
	if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("%w: %v", ErrSnapshotDamaged, err)
	}
	for _, mj := range r.Members {
		if mj.Member == nil {
			return ErrSnapshotDamaged
		}
		m := mj.Member
		m.Bio = nil
		if mj.Bio != nil {
			bio := mj.Bio.richText()
			m.Bio = &bio
		}
		c.PutMember(m)
	}
	for _, bj := range r.Blocks {
		b, err := guildhall.NewBlock(bj.Kind, guildhall.BlockBase{})
		if err != nil {
			return fmt.Errorf("%w: %v", ErrSnapshotDamaged, err)
		}
		if err := json.Unmarshal(bj.Block, b); err != nil {
			return fmt.Errorf("%w: %v", ErrSnapshotDamaged, err)
		}
		if rt, ok := b.(*guildhall.RichTextBlock); ok && bj.Body != nil {
			rt.Body = bj.Body.richText()
		}
		c.PutBlock(b)
	}
	c.SetPlans(r.Plans)
	for _, w := range r.Webhooks {
		c.PutWebhook(w)
	}
	for _, a := range r.Assets {
		c.PutAsset(a)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.removed.deleted = later(c.removed.deleted, r.PostsDeleted)
	for id, v := range r.Tombstones {
		c.deleted[id] = max(c.deleted[id], v)
	}
	return nil
}

// mapping owns a snapshot file's memory. Frames of bodies (packtext.Mapped) and the catalog
// whose posting lists point into it keep it reachable; once neither does, the collector runs
// its cleanup, which unmaps it.
type mapping struct{ data []byte }

// ReadSnapshot reads the snapshot at path into a new catalog. check sees what the snapshot
// says of itself before the rest is read, and refuses a snapshot (a foreign database, a
// watermark the change log no longer reaches) by returning an error. An error wrapping
// os.ErrNotExist means there is no snapshot; ErrSnapshotDamaged, one that is not whole.
func ReadSnapshot(path string, check func(SnapshotInfo) error) (*Catalog, SnapshotInfo, error) {
	m, err := mapFile(path, checkFile)
	if err != nil {
		return nil, SnapshotInfo{}, err
	}
	body := m.data[:len(m.data)-trailerSize]
	sections := map[uint32][]byte{}
	arenaAt := 0
	for pos := headerSize; pos < len(body); {
		if len(body)-pos < 16 {
			return nil, SnapshotInfo{}, ErrSnapshotDamaged
		}
		kind, n := binary.LittleEndian.Uint32(body[pos:]), binary.LittleEndian.Uint64(body[pos+8:])
		pos += 16
		if n > uint64(len(body)-pos) {
			return nil, SnapshotInfo{}, ErrSnapshotDamaged
		}
		if kind == sectionArena {
			arenaAt = pos
		}
		sections[kind] = body[pos : pos+int(n)]
		pos += int(n)
	}
	var info SnapshotInfo
	if err := json.Unmarshal(sections[sectionInfo], &info); err != nil {
		return nil, info, fmt.Errorf("%w: %v", ErrSnapshotDamaged, err)
	}
	if err := check(info); err != nil {
		return nil, info, err
	}
	c, err := restore(m, sections, arenaAt)
	if err != nil {
		return nil, info, err
	}
	m.release(arenaAt+len(sections[sectionArena]), len(body)) // the records are read
	return c, info, nil
}

// checkFile checks that the open snapshot file of size bytes is whole and of this format. It
// reads the file rather than its mapping: pages read through a mapping count as the
// process's memory until released, and the whole file passes through the checksum.
func checkFile(f *os.File, size int64) error {
	if size < headerSize+trailerSize {
		return fmt.Errorf("%w: %d bytes", ErrSnapshotDamaged, size)
	}
	head, tail := make([]byte, headerSize), make([]byte, trailerSize)
	if _, err := f.ReadAt(head, 0); err != nil {
		return err
	}
	if _, err := f.ReadAt(tail, size-trailerSize); err != nil {
		return err
	}
	if string(head[:len(snapshotMagic)]) != snapshotMagic || string(tail[len(tail)-len(snapshotEnd):]) != snapshotEnd {
		return fmt.Errorf("%w: no snapshot's beginning or end (%d bytes)", ErrSnapshotDamaged, size)
	}
	if format := binary.LittleEndian.Uint32(head[16:]); format != SnapshotFormat {
		return fmt.Errorf("the snapshot is of format %d; this version reads format %d", format, SnapshotFormat)
	}
	sum := crc32.New(castagnoli)
	if _, err := io.CopyBuffer(sum, io.NewSectionReader(f, 0, size-trailerSize), make([]byte, 1<<20)); err != nil {
		return err
	}
	if sum.Sum32() != binary.LittleEndian.Uint32(tail) {
		return fmt.Errorf("%w: its checksum does not match", ErrSnapshotDamaged)
	}
	return nil
}

// restore fills a new catalog from the sections of a snapshot.
func restore(m *mapping, sections map[uint32][]byte, arenaAt int) (*Catalog, error) {
	arena := sections[sectionArena]
	c := New()
	c.mapped = m
	unpack := func(ref arenaRef) (guildhall.PackedText, bool) {
		if ref.off > uint64(len(arena)) || ref.len > uint64(len(arena))-ref.off {
			return nil, false
		}
		b := arena[ref.off : ref.off+ref.len : ref.off+ref.len]
		return packtext.Mapped(b, m), true
	}
	if err := decodeRest(sections[sectionRest], c); err != nil {
		return nil, err
	}
	history := map[string][]*guildhall.PostRevision{}
	err := records(sections[sectionHistory], func(r *recordReader) {
		v := r.revision()
		history[v.PostID] = append(history[v.PostID], v)
	})
	if err != nil {
		return nil, fmt.Errorf("%w: history: %v", ErrSnapshotDamaged, err)
	}
	var posts []*guildhall.Post
	err = records(sections[sectionPosts], func(r *recordReader) { posts = append(posts, r.post(unpack)) })
	if err != nil {
		return nil, fmt.Errorf("%w: posts: %v", ErrSnapshotDamaged, err)
	}
	// Entries are made on every core, without finding any post's words: the index comes
	// whole from the snapshot.
	entries := makeEntries(posts, func(p *guildhall.Post) *postEntry { return newPostEntry(p, words{}) })

	c.mu.Lock()
	defer c.mu.Unlock()
	c.history = history
	for _, list := range history { // what left feeds when, as putRevision notes it
		for i := 1; i < len(list); i++ {
			c.removed.noteRevisions(list[i-1], list[i])
		}
	}
	for _, e := range entries { // in slot order: the index gives each the slot it had
		c.indexPostLookups(e, true)
	}
	c.live.finish() // as a bulk load does (PutPrepared)
	c.tags.finish()
	slices.Sort(c.downs)
	for o := range numOrders {
		list := slices.Clone(entries)
		slices.SortFunc(list, compareEntry(o))
		c.sorted[o].set(list)
	}
	if err := c.index.restorePostings(sections[sectionWords], arena, arenaAt); err != nil {
		return nil, err
	}
	c.generation.Add(1)
	return c, nil
}

// restorePostings puts back the posting lists of a snapshot. Where the machine's byte order
// and the file's alignment allow, a list is the snapshot's memory itself (with no room to
// grow, so an append copies it to the heap); otherwise it is copied.
// The slots need no check: the file's checksum vouches that this code wrote them.
func (x *searchIndex) restorePostings(section, arena []byte, arenaAt int) error {
	var base uint64
	first := true
	inPlace := binary.NativeEndian.Uint16([]byte{1, 0}) == 1 && arenaAt%4 == 0
	err := records(section, func(r *recordReader) {
		if first {
			base, first = r.uint(), false
			return
		}
		word := r.string()
		at, open, hidden := r.uint(), r.uint(), r.uint()
		start := base + 4*at
		end := start + 4*(open+hidden)
		if start%4 != 0 || end > uint64(len(arena)) || start > end {
			r.fail()
			return
		}
		raw := arena[start:end]
		var list []uint32
		if inPlace && len(raw) > 0 {
			list = unsafe.Slice((*uint32)(unsafe.Pointer(&raw[0])), len(raw)/4)
		} else {
			list = make([]uint32, len(raw)/4)
			for i := range list {
				list[i] = binary.LittleEndian.Uint32(raw[4*i:])
			}
		}
		l := &postingList{open: list[:open:open], hidden: list[open:]}
		x.postings[x.remember(word)] = l
	})
	if err != nil {
		return fmt.Errorf("%w: search index: %v", ErrSnapshotDamaged, err)
	}
	return nil
}
