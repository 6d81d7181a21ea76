package guildhall_test

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall"
)

func TestDerivedID(t *testing.T) {
	t0 := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	a := guildhall.DerivedID(guildhall.KindDelivery, t0, "evt_1/whk_1")
	if a != guildhall.DerivedID(guildhall.KindDelivery, t0, "evt_1/whk_1") || guildhall.KindOf(a) != guildhall.KindDelivery {
		t.Fatalf("not the same ID twice, or malformed: %s", a)
	}
	if a == guildhall.DerivedID(guildhall.KindDelivery, t0, "evt_1/whk_2") {
		t.Error("different seeds, same ID")
	}
	// Like NewID, it sorts by time.
	if later := guildhall.DerivedID(guildhall.KindDelivery, t0.Add(time.Millisecond), "a"); later <= a || guildhall.NewID(guildhall.KindDelivery, t0.Add(time.Millisecond)) <= a {
		t.Errorf("%s does not sort after %s", later, a)
	}
}
