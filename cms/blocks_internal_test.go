package cms

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall"
)

// Every kind has its rule: creating a block of any kind with no fields is refused for what
// that kind cannot be without (never an internal error or a panic), and a field of another
// kind is refused by name.
func TestBlockRulesCoverEveryKind(t *testing.T) {
	for _, k := range guildhall.BlockKinds {
		if _, ok := blockRules[k]; !ok {
			t.Errorf("kind %s has no rule in blockRules", k)
			continue
		}
		b, err := guildhall.NewBlock(k, guildhall.BlockBase{ID: "blk_1", Version: 1, CreatedAt: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		err = fillBlock(b, &guildhall.CreateBlockInput{Kind: k})
		if guildhall.ErrorCode(err) != guildhall.EINVALID {
			t.Errorf("an empty %s block: %v, want EINVALID", k, err)
		}
	}
	if len(blockRules) != len(guildhall.BlockKinds) {
		t.Errorf("%d rules for %d kinds", len(blockRules), len(guildhall.BlockKinds))
	}
	b, _ := guildhall.NewBlock(guildhall.BlockContact, guildhall.BlockBase{ID: "blk_1", Version: 1})
	label, body := "Renew", "<p>x</p>"
	err := fillBlock(b, &guildhall.CreateBlockInput{ContactName: &label, Label: &label, Body: &body})
	if e, ok := err.(*guildhall.Error); !ok || e.Fields["label"] == "" || e.Fields["body"] == "" || e.Fields["contactName"] != "" {
		t.Errorf("a contact block given other kinds' fields: %v", err)
	}
}
