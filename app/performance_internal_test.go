package app

import (
	"context"
	"math"
	"runtime/debug"
	"testing"
	"time"
)

func TestMemoryLimitFollowsTheLiveHeap(t *testing.T) {
	if got := memoryLimit(100 << 20); got != 264<<20 {
		t.Errorf("limit for 100 MiB live = %d MiB, want 264 (twice, plus 64)", got>>20)
	}
	if got := memoryLimit(math.MaxUint64 / 2); got <= 0 {
		t.Errorf("limit for a huge heap overflowed to %d", got)
	}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { followLiveHeap(ctx, time.Hour); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	for debug.SetMemoryLimit(-1) == math.MaxInt64 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if limit := debug.SetMemoryLimit(-1); limit == math.MaxInt64 || limit < memoryHeadroom {
		t.Errorf("limit while following = %d", limit)
	}
	cancel()
	<-done
	if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
		t.Errorf("limit after stopping = %d, want none", limit)
	}
}
