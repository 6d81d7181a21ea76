package mongodb

import (
	"bytes"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/guildhall/guildhall"
)

// Change-log entries carry the revision as binary BSON now, and as a nested document when
// written by earlier versions; both must read.
func TestChangeEntriesOfBothFormats(t *testing.T) {
	raw, err := bson.Marshal(bson.D{{Key: "entity", Value: "pst_1"}, {Key: "version", Value: 2}})
	if err != nil {
		t.Fatal(err)
	}
	typ, packed, err := bson.MarshalValue(bson.Binary{Data: raw})
	if err != nil {
		t.Fatal(err)
	}
	for name, stored := range map[string]bson.D{
		"binary": {{Key: "_id", Value: "chg_1"}, {Key: "rev", Value: bson.RawValue{Type: typ, Value: packed}}},
		"nested": {{Key: "_id", Value: "chg_1"}, {Key: "rev", Value: bson.Raw(raw)}},
	} {
		b, err := bson.Marshal(stored)
		if err != nil {
			t.Fatal(err)
		}
		var d changeDoc
		if err := bson.Unmarshal(b, &d); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(d.revBytes(), raw) {
			t.Errorf("%s: read %v, want %v", name, d.revBytes(), bson.Raw(raw))
		}
	}
}

// A stored block of a kind this version does not know is an error, never a block that
// silently disappears (and would be lost from every list until someone noticed).
func TestUnknownStoredBlockKind(t *testing.T) {
	_, err := blockFromRevision(revision[blockDoc]{Entity: "blk_1", Version: 3, Doc: &blockDoc{Kind: "IMAGE"}})
	if err == nil || !strings.Contains(err.Error(), `"IMAGE"`) || !strings.Contains(err.Error(), "blk_1") {
		t.Errorf("decoding an IMAGE block: %v, want an error naming the block and its kind", err)
	}
	for _, k := range guildhall.BlockKinds {
		if _, ok := blockCodecs[k]; !ok {
			t.Errorf("kind %s has no stored form in blockCodecs", k)
		}
	}
}
