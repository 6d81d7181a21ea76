package catalog

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/internal/packtext"
)

// fill sets every field of the struct v points to a value that is not its zero, telling
// lists and pointers apart from empty ones; a field of a type it does not know fails the test,
// which is the point: a new field of Post or PostRevision must be written by the codec.
func fill(t *testing.T, v reflect.Value, n int) {
	t.Helper()
	typ := v.Type()
	for i := range v.NumField() {
		f, sf := v.Field(i), typ.Field(i)
		if !sf.IsExported() {
			continue
		}
		n++
		switch f.Interface().(type) {
		case time.Time:
			f.Set(reflect.ValueOf(time.Date(2020, 1, 2, 3, 4, 5, n, time.UTC)))
			continue
		case *time.Time:
			tm := time.Date(2021, 1, 2, 3, 4, 5, n, time.UTC)
			f.Set(reflect.ValueOf(&tm))
			continue
		case *string:
			v := sf.Name + "-pointed"
			f.Set(reflect.ValueOf(&v))
			continue
		case guildhall.RichText:
			html := "<p>" + strings.Repeat("body ", 300) + "</p>"
			f.Set(reflect.ValueOf(packtext.RichText(html, strings.Repeat("body ", 300), n)))
			continue
		}
		switch f.Kind() {
		case reflect.Struct: // SEO, a pending draft's PostContent
			fill(t, f, n*10)
		case reflect.Pointer:
			if f.Type().Elem().Kind() != reflect.Struct {
				t.Fatalf("%s.%s: a %s; teach the snapshot codec and this test", typ.Name(), sf.Name, f.Type())
			}
			f.Set(reflect.New(f.Type().Elem())) // a post's pending changes
			fill(t, f.Elem(), n*10)
		case reflect.String:
			f.SetString(sf.Name + "-value")
		case reflect.Int:
			f.SetInt(int64(n))
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Slice:
			if f.Type().Elem().Kind() != reflect.String {
				t.Fatalf("%s.%s: a list of %s; teach the snapshot codec and this test", typ.Name(), sf.Name, f.Type().Elem())
			}
			f.Set(reflect.MakeSlice(f.Type(), 2, 2))
			f.Index(0).SetString(sf.Name + "-1")
		default:
			t.Fatalf("%s.%s: a %s; teach the snapshot codec and this test", typ.Name(), sf.Name, f.Type())
		}
	}
}

// Every field of a post and of a revision's summary survives the snapshot's codec, nil lists
// and pointers stay nil and empty ones empty, and a record cut anywhere is damaged, never a
// panic.
func TestSnapshotCodecCoversEveryField(t *testing.T) {
	var arena []byte
	pack := func(b []byte) arenaRef {
		ref := arenaRef{off: uint64(len(arena)), len: uint64(len(b))}
		arena = append(arena, b...)
		return ref
	}
	unpack := func(ref arenaRef) (guildhall.PackedText, bool) {
		return packtext.Stored(arena[ref.off : ref.off+ref.len]), true
	}
	full := &guildhall.Post{}
	fill(t, reflect.ValueOf(full).Elem(), 0)
	none := ""
	empty := &guildhall.Post{ID: "e", Tags: []string{}, ImageIDs: []string{}, FeaturedImageID: &none, Body: guildhall.NewRichText("<p>x</p>", "x", 1)}
	for _, p := range []*guildhall.Post{full, empty, {ID: "zero"}} {
		var w recordWriter
		w.post(p, pack)
		r := &recordReader{s: string(w.b)}
		got := r.post(unpack)
		if r.err != nil || r.pos != len(r.s) {
			t.Fatalf("post %s: %v at %d of %d", p.ID, r.err, r.pos, len(r.s))
		}
		if !got.Body.Equal(p.Body) {
			t.Errorf("post %s: body differs", p.ID)
		}
		got.Body, p.Body = guildhall.RichText{}, guildhall.RichText{}
		if p.Pending != nil {
			if got.Pending == nil || !got.Pending.Body.Equal(p.Pending.Body) {
				t.Fatalf("post %s: pending changes' body differs", p.ID)
			}
			got.Pending.Body, p.Pending.Body = guildhall.RichText{}, guildhall.RichText{}
		}
		if !reflect.DeepEqual(got, p) {
			t.Errorf("post read back\n%+v\nwant\n%+v", got, p)
		}
		for n := range len(w.b) {
			cut := &recordReader{s: string(w.b[:n])}
			cut.post(unpack)
			if cut.err == nil {
				t.Errorf("post %s cut at %d of %d read without an error", p.ID, n, len(w.b))
			}
		}
	}
	rev := &guildhall.PostRevision{}
	fill(t, reflect.ValueOf(rev).Elem(), 0)
	rev = rev.Summary()
	var w recordWriter
	w.revision(rev)
	r := &recordReader{s: string(w.b)}
	if got := r.revision(); r.err != nil || !reflect.DeepEqual(got, rev) {
		t.Errorf("revision read back\n%+v\nwant\n%+v (%v)", got, rev, r.err)
	}
}
