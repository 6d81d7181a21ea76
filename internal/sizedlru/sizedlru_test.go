package sizedlru_test

import (
	"fmt"
	"testing"

	"github.com/guildhall/guildhall/internal/sizedlru"
)

func TestBudget(t *testing.T) {
	c := sizedlru.New[string, int](100)
	for i := range 1000 {
		c.Add(fmt.Sprint(i), i, 10)
		if c.Bytes() > 100 {
			t.Fatalf("after %d adds the cache holds %d bytes", i+1, c.Bytes())
		}
	}
	if c.Len() != 10 {
		t.Errorf("holds %d entries of 10 bytes in 100", c.Len())
	}
	// The most recent stay; the oldest went.
	if _, ok := c.Get("999"); !ok {
		t.Error("the newest entry is gone")
	}
	if _, ok := c.Get("0"); ok {
		t.Error("the oldest entry is still there")
	}
	// Using an entry keeps it.
	c.Get("990")
	c.Add("new", 1, 10)
	if _, ok := c.Get("990"); !ok {
		t.Error("an entry used recently was dropped before older ones")
	}
	// Replacing an entry counts its new size only.
	c.Add("new", 2, 30)
	if v, _ := c.Get("new"); v != 2 || c.Bytes() > 100 {
		t.Errorf("replaced: %d, %d bytes", v, c.Bytes())
	}
	// A value larger than the budget is not kept, and evicts nothing.
	before := c.Len()
	c.Add("huge", 3, 101)
	if _, ok := c.Get("huge"); ok || c.Len() != before {
		t.Errorf("a value over the budget: kept %v, %d entries (was %d)", ok, c.Len(), before)
	}
}
