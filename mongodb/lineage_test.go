package mongodb_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/guildhall/guildhall/mongodb"
)

// A database's content has one name, the same for every instance on it and made once, which
// a backup leaves out: a database restored from the backup gets a name of its own, so that a
// snapshot of the catalog taken before is not mistaken for one of the restored content.
func TestDatabaseIDIsSharedAndNotBackedUp(t *testing.T) {
	ctx := context.Background()
	s, name := mustOpenNamed(t)
	id, err := s.DatabaseID(ctx)
	if err != nil || len(id) < 16 {
		t.Fatalf("DatabaseID: %q, %v", id, err)
	}
	other, err := mongodb.Open(ctx, uri, name) // another instance on the same database
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close(ctx)
	other.Timeout = 30 * time.Second
	if again, err := other.DatabaseID(ctx); err != nil || again != id {
		t.Errorf("another instance: %q, %v; want %q", again, err, id)
	}
	if elsewhere, err := MustOpenStore(t).DatabaseID(ctx); err != nil || elsewhere == id {
		t.Errorf("another database: %q, %v (this one %q)", elsewhere, err, id)
	}
	cols, err := s.BackupCollections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(cols, "lineage") {
		t.Errorf("a backup holds the lineage: %v", cols)
	}
	if s.PendingSince() != (time.Time{}) {
		t.Errorf("pending intents in a store that read no change log: %v", s.PendingSince())
	}
}
