package cmstest_test

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/cms/cmstest"
)

func TestContract(t *testing.T) {
	cmstest.Contract(t, func(t *testing.T, now func() time.Time) cms.Store { return cmstest.NewStore(now) })
}
