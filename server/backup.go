package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/backup"
)

const backupUsage = `usage:
  server export DIR     writes the whole database into DIR (new or empty), readable by you only
  server restore DIR    loads DIR into the configured database, which must be empty

See "Backups" in the README.
`

// backupCommand runs export or restore against the configured database.
func backupCommand(ctx context.Context, verb string, args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || args[0] == "" || args[0][0] == '-' {
		fmt.Fprint(stderr, backupUsage)
		return 2
	}
	dir := args[0]
	cfg, err := app.ParseConfig(os.Getenv, nil)
	if err != nil {
		fmt.Fprintln(stderr, "guildhall: configuration:", err)
		return 2
	}
	o, err := app.OpenOffline(ctx, cfg, cfg.Logger(stderr), false)
	if err != nil {
		fmt.Fprintf(stderr, "guildhall: %s: %v\n", verb, err)
		return 1
	}
	defer o.Close()
	began := time.Now()
	var m *backup.Manifest
	if verb == "export" {
		m, err = backup.Export(ctx, o.Store, o.Originals, dir, o.Store.Now())
	} else {
		m, err = backup.Restore(ctx, o.Store, o.Originals, dir)
	}
	if err != nil {
		fmt.Fprintf(stderr, "guildhall: %s: %v\n", verb, err)
		return 1
	}
	docs, size := 0, int64(0)
	for _, c := range m.Collections {
		docs += c.Documents
		size += c.Bytes
		fmt.Fprintf(stdout, "  %-24s %8d documents %12d bytes\n", c.Name, c.Documents, c.Bytes)
	}
	what := "Exported to"
	if verb == "restore" {
		what = "Restored from"
	}
	if o := m.Originals; o != nil {
		fmt.Fprintf(stdout, "  %-24s %8d files     %12d bytes\n", backup.OriginalsDir, o.Files, o.Bytes)
		size += o.Bytes
		if len(o.Missing) > 0 {
			fmt.Fprintf(stderr, "guildhall: %s: %d originals that assets name were missing from the store: %v\n", verb, len(o.Missing), o.Missing)
		}
	}
	fmt.Fprintf(stdout, "%s %s: %d collections, %d documents, %.1f MiB, as of %s, in %s\n", what, dir, len(m.Collections), docs,
		float64(size)/(1<<20), m.CreatedAt.Format(time.RFC3339), time.Since(began).Round(time.Millisecond))
	return 0
}
