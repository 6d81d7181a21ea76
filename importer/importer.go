// Package importer brings content from elsewhere into Guildhall: a WordPress export (WXR), an
// RSS or Atom feed, a members spreadsheet. It reads and checks the whole source before
// writing anything, then writes item by item through the service layer, so a running server
// picks the result up from the change log like any other write, and importing the same source
// again changes only what changed in it.
package importer

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/guildhall/guildhall"
)

// Service is what an import writes through (cms.Service).
type Service interface {
	ImportPost(ctx context.Context, in guildhall.ImportPostInput) (guildhall.ImportResult, error)
	ImportMember(ctx context.Context, in guildhall.ImportMemberInput) (guildhall.ImportResult, error)
	ImportAsset(ctx context.Context, in guildhall.ImportAssetInput) (guildhall.ImportResult, *guildhall.Asset, error)
	// CatalogAsset finds an asset by ID (one an earlier import made).
	CatalogAsset(id string) (*guildhall.Asset, bool)
}

// Progress is told how many of the items to write have been written.
type Progress func(done, total int)

// Summary is what an import did.
type Summary struct {
	// Source names what was imported (the site, the feed, the file).
	Source    string
	Imported  int
	Updated   int
	Unchanged int
	// Skipped lists every item not imported, with why.
	Skipped []Skip
	// Members counts the authors or members: created, matched (or updated), unchanged.
	MembersCreated, MembersMatched int
	// Images counts the files made assets (WordPress attachments and body images); those
	// skipped are in Skipped.
	Images ImageCounts
	// Counted are items of kinds that are counted and not imported (pages, menu items,
	// comments, attachments), by kind.
	Counted map[string]int
	// Removed counts what bodies lost in conversion: block comments and shortcodes by name.
	Removed map[string]int
	// Notes are other things the person importing should know (attachments not brought in,
	// protected posts made drafts, tags shortened).
	Notes []string
}

// ImageCounts are the outcomes of an import's images.
type ImageCounts struct {
	Imported, Updated, Unchanged, Skipped int
}

// Skip is an item that was not imported.
type Skip struct {
	Item   string // its kind, ID and title
	Reason string
}

func newSummary(source string) *Summary {
	return &Summary{Source: source, Counted: map[string]int{}, Removed: map[string]int{}}
}

// add records one item's outcome.
func (s *Summary) add(item string, res guildhall.ImportResult) {
	switch res.Outcome {
	case guildhall.ImportCreated:
		s.Imported++
	case guildhall.ImportUpdated:
		s.Updated++
	case guildhall.ImportUnchanged:
		s.Unchanged++
	case guildhall.ImportSkipped:
		s.Skipped = append(s.Skipped, Skip{Item: item, Reason: res.Reason})
	}
	for _, w := range res.Warnings {
		s.Notes = append(s.Notes, item+": "+w)
	}
}

// addAsset records one image's outcome.
func (s *Summary) addAsset(item string, res guildhall.ImportResult) {
	switch res.Outcome {
	case guildhall.ImportCreated:
		s.Images.Imported++
	case guildhall.ImportUpdated:
		s.Images.Updated++
	case guildhall.ImportUnchanged:
		s.Images.Unchanged++
	case guildhall.ImportSkipped:
		s.Images.Skipped++
		s.Skipped = append(s.Skipped, Skip{Item: item, Reason: res.Reason})
	}
	for _, w := range res.Warnings {
		s.Notes = append(s.Notes, item+": "+w)
	}
}

func (s *Summary) skip(item, reason string) {
	s.Skipped = append(s.Skipped, Skip{Item: item, Reason: reason})
}

// Write prints the summary for a person: totals first, then what was skipped and why.
func (s *Summary) Write(w io.Writer) {
	fmt.Fprintf(w, "Imported from %s\n", s.Source)
	fmt.Fprintf(w, "  imported   %d\n  updated    %d\n  unchanged  %d\n  skipped    %d\n", s.Imported, s.Updated, s.Unchanged, len(s.Skipped))
	if s.MembersCreated+s.MembersMatched > 0 {
		fmt.Fprintf(w, "  members    %d created, %d matched by email or an earlier import\n", s.MembersCreated, s.MembersMatched)
	}
	if im := s.Images; im != (ImageCounts{}) {
		fmt.Fprintf(w, "  images     %d imported, %d updated, %d unchanged, %d skipped\n", im.Imported, im.Updated, im.Unchanged, im.Skipped)
	}
	if len(s.Counted) > 0 {
		fmt.Fprintf(w, "Counted, not imported:\n")
		for _, k := range slices.Sorted(maps.Keys(s.Counted)) {
			fmt.Fprintf(w, "  %-12s %d\n", k, s.Counted[k])
		}
	}
	if len(s.Removed) > 0 {
		fmt.Fprintf(w, "Removed from bodies:\n")
		for _, k := range slices.Sorted(maps.Keys(s.Removed)) {
			fmt.Fprintf(w, "  %-24s %d\n", k, s.Removed[k])
		}
	}
	if len(s.Skipped) > 0 {
		reasons := map[string]int{}
		for _, sk := range s.Skipped {
			reasons[sk.Reason]++
		}
		fmt.Fprintf(w, "Skipped, by reason:\n")
		for _, r := range slices.Sorted(maps.Keys(reasons)) {
			fmt.Fprintf(w, "  %4d  %s\n", reasons[r], r)
		}
		fmt.Fprintf(w, "Skipped items:\n")
		for _, sk := range s.Skipped {
			fmt.Fprintf(w, "  %s: %s\n", sk.Item, sk.Reason)
		}
	}
	if len(s.Notes) > 0 {
		fmt.Fprintf(w, "Notes:\n")
		for _, n := range s.Notes {
			fmt.Fprintf(w, "  %s\n", n)
		}
	}
}

// authorMember finds or makes the member for an author of the source: matched by email when
// it has one, otherwise by an ID made from the source and the author's name, so that the
// same author is found again by the next import.
func authorMember(ctx context.Context, svc Service, sum *Summary, key, name, email string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "Former author"
	}
	res, err := svc.ImportMember(ctx, guildhall.ImportMemberInput{
		ID: guildhall.ImportID(guildhall.KindMember, time.Unix(0, 0), key), Name: name, Email: email,
	})
	if err != nil {
		return "", err
	}
	if res.Outcome == guildhall.ImportCreated {
		sum.MembersCreated++
	} else {
		sum.MembersMatched++
	}
	return res.ID, nil
}
