package catalog

import (
	"encoding/binary"
	"errors"
	"math"
	"time"

	"github.com/guildhall/guildhall"
)

// The binary form of the values a snapshot holds most of: posts and their revisions' summaries,
// hundreds of thousands of each at scale. It is written field by field (a codec that walks
// types by reflection would lose the difference between nil and empty, and cost several times
// as much to read), and each record is read into one string that all its strings are cut
// from: one allocation for a post's strings instead of one per string.
//
// TestSnapshotCodecCoversEveryField fills every field of a Post and a PostRevision and reads
// them back, so a field added to either without a line here fails it.

// recordWriter appends the fields of one record.
type recordWriter struct{ b []byte }

func (w *recordWriter) uint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }
func (w *recordWriter) int(v int64)   { w.b = binary.AppendVarint(w.b, v) }

func (w *recordWriter) string(s string) {
	w.uint(uint64(len(s)))
	w.b = append(w.b, s...)
}

// strings writes a list, telling nil (0) from empty (1).
func (w *recordWriter) strings(list []string) {
	if list == nil {
		w.uint(0)
		return
	}
	w.uint(uint64(len(list)) + 1)
	for _, s := range list {
		w.string(s)
	}
}

// stringPtr writes a pointer to a string, telling nil (0) from a string (1).
func (w *recordWriter) stringPtr(s *string) {
	if s == nil {
		w.b = append(w.b, 0)
		return
	}
	w.b = append(w.b, 1)
	w.string(*s)
}

func (w *recordWriter) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

// time writes t exactly: stored times are UTC, and read back as UTC.
func (w *recordWriter) time(t time.Time) {
	if t.IsZero() {
		w.b = append(w.b, 0)
		return
	}
	w.b = append(w.b, 1)
	w.int(t.Unix())
	w.uint(uint64(t.Nanosecond()))
}

func (w *recordWriter) timePtr(t *time.Time) {
	if t == nil {
		w.b = append(w.b, 2)
		return
	}
	w.time(*t)
}

// Forms of a rich text in a record.
const (
	textPlain  = 0 // word count, HTML, text
	textPacked = 1 // word count, offset and length of the packed bytes in the arena
	textNone   = 2 // a nil *RichText (a member without a bio)
)

// recordReader reads the fields of one record, cut from one string. A record that ends early
// or holds a length beyond its end sets err and reads as zeros from then on.
type recordReader struct {
	s   string
	pos int
	err error
}

var errDamaged = errors.New("a record is damaged")

func (r *recordReader) fail() { r.err, r.pos = errDamaged, len(r.s) }

func (r *recordReader) uint() uint64 {
	var v uint64
	var shift uint
	for r.pos < len(r.s) {
		b := r.s[r.pos]
		r.pos++
		if shift > 63 {
			r.fail()
			return 0
		}
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return v
		}
		shift += 7
	}
	r.fail()
	return 0
}

func (r *recordReader) int() int64 {
	u := r.uint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

func (r *recordReader) length() int {
	n := r.uint()
	if n > uint64(len(r.s)-r.pos) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *recordReader) string() string {
	n := r.length()
	s := r.s[r.pos : r.pos+n]
	r.pos += n
	return s
}

func (r *recordReader) strings() []string {
	n := r.uint()
	if n == 0 {
		return nil
	}
	if n-1 > uint64(len(r.s)-r.pos) { // every string takes at least a byte
		r.fail()
		return nil
	}
	list := make([]string, n-1)
	for i := range list {
		list[i] = r.string()
	}
	return list
}

func (r *recordReader) byte() byte {
	if r.pos >= len(r.s) {
		r.fail()
		return 0
	}
	b := r.s[r.pos]
	r.pos++
	return b
}

func (r *recordReader) bool() bool { return r.byte() == 1 }

func (r *recordReader) stringPtr() *string {
	switch r.byte() {
	case 0:
		return nil
	case 1:
		s := r.string()
		return &s
	}
	r.fail()
	return nil
}

func (r *recordReader) timeTagged(tag byte) time.Time {
	switch tag {
	case 0:
		return time.Time{}
	case 1:
		sec, nsec := r.int(), r.uint()
		if nsec >= 1e9 {
			r.fail()
			return time.Time{}
		}
		return time.Unix(sec, int64(nsec)).UTC()
	}
	r.fail()
	return time.Time{}
}

func (r *recordReader) time() time.Time { return r.timeTagged(r.byte()) }

func (r *recordReader) timePtr() *time.Time {
	tag := r.byte()
	if tag == 2 {
		return nil
	}
	t := r.timeTagged(tag)
	return &t
}

// arenaRef is where a packed text lies in a snapshot's arena.
type arenaRef struct{ off, len uint64 }

// putText writes a rich text; a packed one goes to the arena (pack returns where).
func (w *recordWriter) text(t *guildhall.RichText, pack func([]byte) arenaRef) {
	if t == nil {
		w.b = append(w.b, textNone)
		return
	}
	if p, ok := t.Packed(); ok {
		if b, ok := p.(interface{ Bytes() []byte }); ok {
			ref := pack(b.Bytes())
			w.b = append(w.b, textPacked)
			w.int(int64(t.WordCount))
			w.uint(ref.off)
			w.uint(ref.len)
			return
		}
	}
	html, text := t.Unpacked()
	w.b = append(w.b, textPlain)
	w.int(int64(t.WordCount))
	w.string(html)
	w.string(text)
}

// text reads a rich text; a packed one is made by unpack from its place in the arena.
func (r *recordReader) text(unpack func(arenaRef) (guildhall.PackedText, bool)) *guildhall.RichText {
	var t guildhall.RichText
	switch r.byte() {
	case textNone:
		return nil
	case textPlain:
		words := r.int()
		html, text := r.string(), r.string()
		t = guildhall.NewRichText(html, text, int(words))
	case textPacked:
		words := r.int()
		ref := arenaRef{off: r.uint(), len: r.uint()}
		p, ok := unpack(ref)
		if !ok {
			r.fail()
			return nil
		}
		t = guildhall.PackedRichText(p, int(words))
	default:
		r.fail()
		return nil
	}
	return &t
}

func (w *recordWriter) seo(s guildhall.SEO) {
	w.stringPtr(s.Title)
	w.stringPtr(s.Description)
	w.stringPtr(s.CanonicalURL)
}

func (r *recordReader) seo() guildhall.SEO {
	return guildhall.SEO{Title: r.stringPtr(), Description: r.stringPtr(), CanonicalURL: r.stringPtr()}
}

// content writes what an author writes of a post (its pending changes hold one).
func (w *recordWriter) content(c *guildhall.PostContent, pack func([]byte) arenaRef) {
	w.string(c.Title)
	w.string(c.Slug)
	w.text(&c.Body, pack)
	w.string(c.Excerpt)
	w.bool(c.CustomExcerpt)
	w.strings(c.Tags)
	w.strings(c.BlockIDs)
	w.stringPtr(c.FeaturedImageID)
	w.strings(c.ImageIDs)
	w.string(string(c.Visibility))
	w.seo(c.SEO)
}

func (r *recordReader) content(unpack func(arenaRef) (guildhall.PackedText, bool)) guildhall.PostContent {
	var c guildhall.PostContent
	c.Title = r.string()
	c.Slug = r.string()
	if body := r.text(unpack); body != nil {
		c.Body = *body
	}
	c.Excerpt = r.string()
	c.CustomExcerpt = r.bool()
	c.Tags = r.strings()
	c.BlockIDs = r.strings()
	c.FeaturedImageID = r.stringPtr()
	c.ImageIDs = r.strings()
	c.Visibility = guildhall.Visibility(r.string())
	c.SEO = r.seo()
	return c
}

func (w *recordWriter) pending(d *guildhall.PendingChanges, pack func([]byte) arenaRef) {
	if d == nil {
		w.b = append(w.b, 0)
		return
	}
	w.b = append(w.b, 1)
	w.content(&d.PostContent, pack)
	w.int(int64(d.Revision))
	w.time(d.SavedAt)
	w.string(d.SavedBy)
	w.bool(d.InReview)
}

func (r *recordReader) pending(unpack func(arenaRef) (guildhall.PackedText, bool)) *guildhall.PendingChanges {
	switch r.byte() {
	case 0:
		return nil
	case 1:
	default:
		r.fail()
		return nil
	}
	d := &guildhall.PendingChanges{PostContent: r.content(unpack)}
	d.Revision = int(r.int())
	d.SavedAt = r.time()
	d.SavedBy = r.string()
	d.InReview = r.bool()
	return d
}

func (w *recordWriter) post(p *guildhall.Post, pack func([]byte) arenaRef) {
	w.string(p.ID)
	w.int(int64(p.Version))
	w.strings(p.OldSlugs)
	w.strings(p.OldPaths)
	w.string(string(p.Status))
	w.string(p.AuthorID)
	c := p.Content()
	w.content(&c, pack)
	w.timePtr(p.PublishedAt)
	w.timePtr(p.UnpublishAt)
	w.pending(p.Pending, pack)
	w.time(p.CreatedAt)
	w.time(p.UpdatedAt)
	w.string(p.UpdatedBy)
	w.string(p.Note)
	w.bool(p.Previewed)
}

func (r *recordReader) post(unpack func(arenaRef) (guildhall.PackedText, bool)) *guildhall.Post {
	p := &guildhall.Post{}
	p.ID = r.string()
	p.Version = int(r.int())
	p.OldSlugs = r.strings()
	p.OldPaths = r.strings()
	p.Status = guildhall.PostStatus(r.string())
	p.AuthorID = r.string()
	p.SetContent(r.content(unpack))
	p.PublishedAt = r.timePtr()
	p.UnpublishAt = r.timePtr()
	p.Pending = r.pending(unpack)
	p.CreatedAt = r.time()
	p.UpdatedAt = r.time()
	p.UpdatedBy = r.string()
	p.Note = r.string()
	p.Previewed = r.bool()
	return p
}

// revision writes a summary: its body is the word count alone (PostRevision.Summary).
func (w *recordWriter) revision(v *guildhall.PostRevision) {
	w.string(v.PostID)
	w.int(int64(v.Revision))
	w.string(v.Title)
	w.string(v.Slug)
	w.int(int64(v.Body.WordCount))
	w.string(v.Excerpt)
	w.bool(v.CustomExcerpt)
	w.seo(v.SEO)
	w.strings(v.Tags)
	w.strings(v.BlockIDs)
	w.stringPtr(v.FeaturedImageID)
	w.string(string(v.Visibility))
	w.string(string(v.Status))
	w.time(v.SavedAt)
	w.string(v.SavedBy)
	w.string(v.Note)
	w.bool(v.Pending)
}

func (r *recordReader) revision() *guildhall.PostRevision {
	v := &guildhall.PostRevision{}
	v.PostID = r.string()
	v.Revision = int(r.int())
	v.Title = r.string()
	v.Slug = r.string()
	v.Body = guildhall.RichText{WordCount: int(r.int())}
	v.Excerpt = r.string()
	v.CustomExcerpt = r.bool()
	v.SEO = r.seo()
	v.Tags = r.strings()
	v.BlockIDs = r.strings()
	v.FeaturedImageID = r.stringPtr()
	v.Visibility = guildhall.Visibility(r.string())
	v.Status = guildhall.PostStatus(r.string())
	v.SavedAt = r.time()
	v.SavedBy = r.string()
	v.Note = r.string()
	v.Pending = r.bool()
	return v
}

// records splits a section into its records (each a length, then its bytes) and hands each
// to read as one string; it stops at the first damaged one.
func records(section []byte, read func(r *recordReader)) error {
	for len(section) > 0 {
		n, w := binary.Uvarint(section)
		if w <= 0 || n > uint64(len(section)-w) || n > math.MaxInt32 {
			return errDamaged
		}
		r := &recordReader{s: string(section[w : w+int(n)])}
		read(r)
		if r.err != nil {
			return r.err
		}
		if r.pos != len(r.s) {
			return errDamaged
		}
		section = section[w+int(n):]
	}
	return nil
}

// appendRecord appends one record, written by write, with its length before it.
func appendRecord(section []byte, scratch *recordWriter, write func(w *recordWriter)) []byte {
	scratch.b = scratch.b[:0]
	write(scratch)
	section = binary.AppendUvarint(section, uint64(len(scratch.b)))
	return append(section, scratch.b...)
}
