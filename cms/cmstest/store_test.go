package cmstest_test

import (
	"slices"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/cms/cmstest"
)

func TestContract(t *testing.T) {
	cmstest.Contract(t, func(t *testing.T, now func() time.Time) cms.Store { return cmstest.NewStore(now) })
}

func TestExampleBlocksCoverEveryKind(t *testing.T) {
	var kinds []guildhall.BlockKind
	for _, b := range cmstest.ExampleBlocks(time.Now()) {
		kinds = append(kinds, b.BlockKind())
	}
	if !slices.Equal(kinds, guildhall.BlockKinds) {
		t.Errorf("examples of %v, want one of each of %v, in order", kinds, guildhall.BlockKinds)
	}
}

// Every field of a member, and of its membership and renewals, is set in ExampleMember, so
// that the contract's EveryMemberField sees a new field go through the store (or not).
func TestExampleMemberSetsEveryField(t *testing.T) {
	for _, path := range cmstest.ZeroFields(cmstest.ExampleMember(time.Now())) {
		t.Errorf("ExampleMember leaves %s unset: give it a value", path)
	}
}
