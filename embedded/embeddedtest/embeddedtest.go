// Package embeddedtest gives a package's tests one embedded database server, started in
// TestMain and removed when the tests end; each test then opens its own database on it.
package embeddedtest

import (
	"log/slog"
	"os"
	"testing"

	"github.com/guildhall/guildhall/embedded"
)

// Main starts the server in a temporary folder, sets *uri to its connection string, runs
// the tests, cleans up and exits with their result. Call it from TestMain.
func Main(m *testing.M, uri *string) {
	dir, err := os.MkdirTemp("", "guildhall-test-")
	if err != nil {
		panic(err)
	}
	db, err := embedded.Start(dir, slog.New(slog.DiscardHandler))
	if err != nil {
		panic(err)
	}
	*uri = db.URI()
	code := m.Run()
	_ = db.Close()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// Start starts a database server of the test's own (for tests that stop it, or share it
// between instances) in a temporary folder, closed when the test ends.
func Start(t testing.TB) *embedded.Server {
	t.Helper()
	db, err := embedded.Start(t.TempDir(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}
