// Package mediatest holds the test suite every media.Originals implementation must pass.
package mediatest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"sync"
	"testing"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/media"
)

// blob returns n random bytes and their sum.
func blob(n int) ([]byte, string) {
	data := make([]byte, n)
	_, _ = rand.Read(data)
	sum := sha256.Sum256(data)
	return data, hex.EncodeToString(sum[:])
}

func read(t *testing.T, o media.Originals, sum string) ([]byte, error) {
	t.Helper()
	r, err := o.Open(context.Background(), sum)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// TestOriginals runs the suite; open returns a fresh, empty store for each subtest.
func TestOriginals(t *testing.T, open func(t *testing.T) media.Originals) {
	ctx := context.Background()
	t.Run("put then open", func(t *testing.T) {
		o := open(t)
		for _, n := range []int{1, 1000, 300 << 10, 3 << 20} { // across GridFS's 255 KiB chunks
			data, sum := blob(n)
			if err := o.Put(ctx, sum, data); err != nil {
				t.Fatalf("Put %d bytes: %v", n, err)
			}
			got, err := read(t, o, sum)
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("Open %d bytes: %d bytes back, err %v", n, len(got), err)
			}
		}
	})
	t.Run("put twice", func(t *testing.T) {
		o := open(t)
		data, sum := blob(5000)
		for range 2 {
			if err := o.Put(ctx, sum, data); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := read(t, o, sum); err != nil || !bytes.Equal(got, data) {
			t.Fatalf("after two Puts: %d bytes, err %v", len(got), err)
		}
	})
	t.Run("concurrent puts of one original", func(t *testing.T) {
		o := open(t)
		data, sum := blob(400 << 10)
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for range 8 {
			wg.Go(func() { errs <- o.Put(ctx, sum, data) })
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if got, err := read(t, o, sum); err != nil || !bytes.Equal(got, data) {
			t.Fatalf("after racing Puts: %d bytes, err %v", len(got), err)
		}
	})
	t.Run("missing is not found", func(t *testing.T) {
		o := open(t)
		_, sum := blob(10)
		if _, err := read(t, o, sum); guildhall.ErrorCode(err) != guildhall.ENOTFOUND {
			t.Fatalf("Open of a missing original: %v, want ENOTFOUND", err)
		}
	})
	t.Run("delete", func(t *testing.T) {
		o := open(t)
		data, sum := blob(1000)
		other, otherSum := blob(1000)
		if err := o.Put(ctx, sum, data); err != nil {
			t.Fatal(err)
		}
		if err := o.Put(ctx, otherSum, other); err != nil {
			t.Fatal(err)
		}
		if err := o.Delete(ctx, sum); err != nil {
			t.Fatal(err)
		}
		if _, err := read(t, o, sum); guildhall.ErrorCode(err) != guildhall.ENOTFOUND {
			t.Fatalf("Open after Delete: %v, want ENOTFOUND", err)
		}
		if got, err := read(t, o, otherSum); err != nil || !bytes.Equal(got, other) {
			t.Fatalf("Delete took another original: %v", err)
		}
		if err := o.Delete(ctx, sum); err != nil {
			t.Fatalf("deleting again: %v", err)
		}
		if err := o.Put(ctx, sum, data); err != nil {
			t.Fatal(err)
		}
		if got, err := read(t, o, sum); err != nil || !bytes.Equal(got, data) {
			t.Fatalf("Put after Delete: %v", err)
		}
	})
	t.Run("a wrong sum is refused", func(t *testing.T) {
		o := open(t)
		data, _ := blob(100)
		_, other := blob(100)
		for _, sum := range []string{other, "../../../etc/passwd", "", "ABC"} {
			if err := o.Put(ctx, sum, data); err == nil {
				t.Errorf("Put under %q was accepted", sum)
			}
		}
		if _, err := read(t, o, other); guildhall.ErrorCode(err) != guildhall.ENOTFOUND {
			t.Fatalf("something was stored under the wrong sum: %v", err)
		}
		if _, err := read(t, o, "../x"); err == nil {
			t.Error("Open of a malformed sum succeeded")
		}
	})
}
