package mongodb_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/internal/faultproxy"
	"github.com/guildhall/guildhall/mongodb"
)

// A stalled database fails every GridFS originals call as UNAVAILABLE within its deadline
// (five call timeouts plus the size at 1 MB/s) instead of holding the request for as long
// as the client waits. (A read under way has the same deadline, but the driver fetches an
// original below 16 MB in its first batch, so only a larger one could show it stall.)
func TestGridFSOriginalsFailWhenTheDatabaseStalls(t *testing.T) {
	proxy, err := faultproxy.Start(strings.TrimSuffix(strings.TrimPrefix(uri, "mongodb://"), "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	var name [6]byte
	_, _ = rand.Read(name[:])
	ctx := context.Background()
	s, err := mongodb.Open(ctx, "mongodb://"+proxy.Addr()+"/", "stall_"+hex.EncodeToString(name[:]))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { proxy.Restore(); _ = s.Drop(ctx); _ = s.Close(ctx) }()
	s.Timeout = 200 * time.Millisecond // each call gets 1 s plus its size at 1 MB/s
	originals := s.Originals()

	data := make([]byte, 600<<10) // three chunks of 255 KiB
	_, _ = rand.Read(data)
	sum := sha256.Sum256(data)
	stored := hex.EncodeToString(sum[:])
	if err := originals.Put(ctx, stored, data); err != nil {
		t.Fatal(err)
	}
	reading, err := originals.Open(ctx, stored)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(reading); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("read back: %v", err)
	}
	reading.Close()

	proxy.Stall()
	other := append(bytes.Clone(data[:1000]), 1)
	otherSum := sha256.Sum256(other)
	for _, call := range []struct {
		name string
		do   func() error
	}{
		{"put", func() error { return originals.Put(ctx, hex.EncodeToString(otherSum[:]), other) }},
		{"open", func() error {
			rc, err := originals.Open(ctx, stored)
			if err == nil {
				rc.Close()
			}
			return err
		}},
		{"delete", func() error { return originals.Delete(ctx, stored) }},
	} {
		began := time.Now()
		err := call.do()
		took := time.Since(began)
		if guildhall.ErrorCode(err) != guildhall.EUNAVAILABLE {
			t.Errorf("%s on a stalled database: %v, want UNAVAILABLE", call.name, err)
		}
		// The deadline is about 1.6 s; the bound is generous for a loaded machine, and far
		// below the driver's 30 s backstop.
		if took > 15*time.Second {
			t.Errorf("%s took %s on a stalled database", call.name, took)
		}
	}
}
