package importer_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/importer"
	"github.com/guildhall/guildhall/memberscsv"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestMembersImport(t *testing.T) {
	f := mustService(t)
	csv := writeFile(t, "members.csv", "name,email,plan,joinedAt,expiresAt,credentials,cancelledAt\n"+
		"Olive Timer,olive@example.org,professional,2019-03-01,2027-03-01,FRSA,\n"+
		"Lapsed Larry,larry@example.org,student,2020-09-01,2024-09-01,,\n"+
		"Cancelled Cara,cara@example.org,retired,2018-01-10,,,2025-05-01\n"+
		"Zoë Ångström,ZOE.ANGSTROM@example.com,professional,2016-04-01,2026-12-31,Registered counsellor,\n")
	plans := f.svc.Plans()
	sum, err := importer.Members(admin, f.svc, csv, importer.MembersOptions{Plans: plans})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 3 || sum.Updated != 1 {
		t.Errorf("summary %+v", sum)
	}
	grace := f.svc.GracePeriod()
	for email, want := range map[string]guildhall.MembershipStatus{
		"olive@example.org": guildhall.MembershipActive, "larry@example.org": guildhall.MembershipLapsed,
		"cara@example.org": guildhall.MembershipCancelled, "zoe.angstrom@example.com": guildhall.MembershipActive,
	} {
		m := f.member(t, email)
		if got := m.Membership.StatusAt(t0, grace); got != want {
			t.Errorf("%s: %s, want %s (%+v)", email, got, want, m.Membership)
		}
	}
	olive := f.member(t, "olive@example.org")
	if !olive.Membership.JoinedAt.Equal(time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC)) || !olive.Membership.ExpiresAt.Equal(time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)) ||
		*olive.Credentials != "FRSA" || olive.SortName != "Timer, Olive" || !olive.CreatedAt.Equal(olive.Membership.JoinedAt) {
		t.Errorf("olive %+v %+v", olive, olive.Membership)
	}
	// No expiry: the plan's term from joining.
	if cara := f.member(t, "cara@example.org"); !cara.Membership.ExpiresAt.Equal(time.Date(2019, 1, 10, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("cara expires %v", cara.Membership.ExpiresAt)
	}
	zoe := f.member(t, "zoe.angstrom@example.com")
	if zoe.Slug != "zoe-angstrom" || *zoe.Credentials != "Registered counsellor" || zoe.Membership.JoinedAt.Year() != 2016 {
		t.Errorf("the existing member was not updated in place: %+v", zoe)
	}
	first := 10
	events, err := f.svc.MembershipEvents(admin, olive.ID, &first, nil)
	if err != nil || len(events.Items) != 1 || events.Items[0].Kind != "imported" || !events.Items[0].NewExpiry.Equal(olive.Membership.ExpiresAt) {
		t.Fatalf("events %+v %v", events, err)
	}

	again, err := importer.Members(admin, f.svc, csv, importer.MembersOptions{Plans: plans})
	if err != nil || again.Unchanged != 4 || again.Imported+again.Updated != 0 {
		t.Errorf("re-import %+v %v", again, err)
	}
	if events, _ := f.svc.MembershipEvents(admin, olive.ID, &first, nil); len(events.Items) != 1 {
		t.Errorf("a re-import recorded another event: %+v", events.Items)
	}
}

// A file with bad rows imports nothing and names every bad line, plans included.
func TestMembersBadFileImportsNothing(t *testing.T) {
	f := mustService(t)
	csv := writeFile(t, "bad.csv", "name,email,plan,joinedAt\n"+
		"Good One,good@example.org,professional,2020-01-01\n"+
		"Bad Plan,badplan@example.org,platinum,2020-01-01\n"+
		"No Email,,professional,2020-01-01\n")
	_, err := importer.Members(admin, f.svc, csv, importer.MembersOptions{Plans: f.svc.Plans()})
	var problems memberscsv.Problems
	if !errors.As(err, &problems) {
		t.Fatalf("err %v", err)
	}
	if !strings.Contains(err.Error(), "line 4, email: is required") {
		t.Errorf("err %v", err)
	}
	// Plans are checked once the file reads well.
	csv = writeFile(t, "plan.csv", "name,email,plan,joinedAt\nGood One,good@example.org,professional,2020-01-01\nBad Plan,badplan@example.org,platinum,2020-01-01\n")
	_, err = importer.Members(admin, f.svc, csv, importer.MembersOptions{Plans: f.svc.Plans()})
	if err == nil || !strings.Contains(err.Error(), `line 3, plan: no plan "platinum"`) {
		t.Errorf("err %v", err)
	}
	if f.memberID("good@example.org") != "" {
		t.Error("a row of a bad file was imported")
	}
}
