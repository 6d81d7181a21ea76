package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/memberscsv"
)

// MembersOptions are the choices of a members import.
type MembersOptions struct {
	// Plans are the membership plans that exist; a row naming another is an error.
	Plans    []guildhall.MembershipPlan
	Progress Progress
}

// Members imports a members spreadsheet (see memberscsv for its columns). Every row is
// checked first, the plans too; a file with any error imports nothing and the error lists
// each by line. Members are matched by email, so importing the file again changes only the
// rows that changed; a membership is kept with its real dates and recorded as an "imported"
// membership event.
func Members(ctx context.Context, svc Service, path string, opts MembersOptions) (*Summary, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := memberscsv.Read(f)
	if err != nil {
		return nil, err
	}
	plans := map[string]bool{}
	var codes []string
	for _, p := range opts.Plans {
		plans[p.Code] = true
		codes = append(codes, p.Code)
	}
	var problems memberscsv.Problems
	for _, r := range rows {
		if r.Plan != "" && !plans[r.Plan] {
			problems = append(problems, memberscsv.Problem{Line: r.Line, Column: "plan",
				Message: fmt.Sprintf("no plan %q (the plans are %s)", r.Plan, strings.Join(codes, ", "))})
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	sum := newSummary(filepath.Base(path))
	for i, r := range rows {
		in := guildhall.ImportMemberInput{
			ID:   guildhall.ImportID(guildhall.KindMember, time.Unix(0, 0), "member:"+strings.ToLower(r.Email)),
			Name: r.Name, Email: r.Email, SortName: r.SortName, Phone: r.Phone, Credentials: r.Credentials,
			Bio: r.Bio, AvatarURL: r.AvatarURL, UpdateExisting: true,
		}
		if r.Plan != "" {
			in.Membership = &guildhall.ImportedMembership{Plan: r.Plan, JoinedAt: *r.JoinedAt, CancelledAt: r.CancelledAt}
			if r.ExpiresAt != nil {
				in.Membership.ExpiresAt = *r.ExpiresAt
			}
		}
		res, err := svc.ImportMember(ctx, in)
		if err != nil {
			return sum, fmt.Errorf("line %d: %s: %w", r.Line, r.Email, err)
		}
		sum.add(fmt.Sprintf("line %d (%s)", r.Line, r.Email), res)
		if opts.Progress != nil {
			opts.Progress(i+1, len(rows))
		}
	}
	return sum, nil
}
