package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/app"
	"github.com/guildhall/guildhall/importer"
	"github.com/guildhall/guildhall/memberscsv"
)

const importUsage = `usage:
  server import wordpress FILE.xml [-uploads DIR] [-fetch] [-pages]
  server import feed FILE_OR_URL
  server import members FILE.csv

Imports into the configured database (MONGODB_URI, or the embedded database in
GUILDHALL_DATA_DIR); a running server picks the result up within a second. Importing the same
source again changes only what changed in it. See "Moving in" in the README.
`

func importCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, importUsage)
		return 2
	}
	fs := flag.NewFlagSet("import "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, importUsage) }
	uploads := fs.String("uploads", "", "a copy of the site's wp-content/uploads (wordpress)")
	pages := fs.Bool("pages", false, "import pages as posts too (wordpress)")
	fetch := fs.Bool("fetch", false, "download the images not found in -uploads from their URLs (wordpress)")
	if err := fs.Parse(reorder(args[1:])); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	source := fs.Arg(0)
	cfg, err := app.ParseConfig(os.Getenv, nil)
	if err != nil {
		fmt.Fprintln(stderr, "guildhall: configuration:", err)
		return 2
	}
	o, err := app.OpenOffline(ctx, cfg, cfg.Logger(stderr), true)
	if err != nil {
		fmt.Fprintln(stderr, "guildhall: import:", err)
		return 1
	}
	defer o.Close()
	ctx = guildhall.WithViewer(ctx, app.CommandLine)
	bar := newProgressBar(os.Stderr, "importing")
	var sum *importer.Summary
	switch args[0] {
	case "wordpress":
		sum, err = importer.WordPress(ctx, o.Service, source, importer.WordPressOptions{Pages: *pages, UploadsDir: *uploads, Fetch: *fetch, Progress: bar.update})
	case "feed":
		sum, err = importer.Feed(ctx, o.Service, source, importer.FeedOptions{Progress: bar.update})
	case "members":
		sum, err = importer.Members(ctx, o.Service, source, importer.MembersOptions{Plans: o.Service.Plans(), Progress: bar.update})
	default:
		fs.Usage()
		return 2
	}
	bar.finish()
	if sum != nil {
		sum.Write(stdout)
	}
	if err != nil {
		var problems memberscsv.Problems
		if errors.As(err, &problems) {
			fmt.Fprintln(stderr, "guildhall: import:", err)
			return 1
		}
		fmt.Fprintln(stderr, "guildhall: import:", guildhall.ErrorMessage(err), fieldProblems(err))
		return 1
	}
	return 0
}

// reorder puts flags before the arguments, so that "import wordpress FILE -pages" works as
// well as "import wordpress -pages FILE" (the flag package stops at the first argument).
func reorder(args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-uploads" || a == "--uploads":
			flags = append(flags, a)
			if i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
		default:
			rest = append(rest, a)
		}
	}
	return append(flags, rest...)
}
