package mongodb_test

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/cms/cmstest"
)

// The store keeps the contract the service relies on, as the in-memory store of cmstest
// does: that one stands in for this one in the service's tests.
func TestContract(t *testing.T) {
	cmstest.Contract(t, func(t *testing.T, now func() time.Time) cms.Store {
		s := MustOpenStore(t)
		s.Now = now
		return s
	})
}
