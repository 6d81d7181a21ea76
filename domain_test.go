package guildhall_test

import (
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
)

var now = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

func TestMembershipStatusAt(t *testing.T) {
	grace := guildhall.DefaultGracePeriod
	cancelled := now.Add(-time.Hour)
	for _, tc := range []struct {
		name    string
		expires time.Time
		cancel  *time.Time
		want    guildhall.MembershipStatus
	}{
		{"before expiry", now.Add(time.Hour), nil, guildhall.MembershipActive},
		{"at expiry", now, nil, guildhall.MembershipGrace},
		{"in grace", now.Add(-29 * 24 * time.Hour), nil, guildhall.MembershipGrace},
		{"at grace end", now.Add(-grace), nil, guildhall.MembershipLapsed},
		{"long lapsed", now.AddDate(-2, 0, 0), nil, guildhall.MembershipLapsed},
		{"cancelled while active", now.Add(time.Hour), &cancelled, guildhall.MembershipCancelled},
	} {
		m := &guildhall.Membership{ExpiresAt: tc.expires, CancelledAt: tc.cancel}
		if got := m.StatusAt(now, grace); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
		good := tc.want == guildhall.MembershipActive || tc.want == guildhall.MembershipGrace
		if m.InGoodStanding(now, grace) != good {
			t.Errorf("%s: good standing = %v", tc.name, !good)
		}
	}
}

func TestPostStatusAt(t *testing.T) {
	past, future := now.Add(-time.Minute), now.Add(time.Minute)
	for _, tc := range []struct {
		stored guildhall.PostStatus
		at     *time.Time
		want   guildhall.PostStatus
	}{
		{guildhall.PostDraft, nil, guildhall.PostDraft},
		{guildhall.PostPublished, &past, guildhall.PostPublished},
		{guildhall.PostPublished, &future, guildhall.PostScheduled},
		{guildhall.PostArchived, &past, guildhall.PostArchived},
	} {
		p := &guildhall.Post{Status: tc.stored, PublishedAt: tc.at}
		if got := p.StatusAt(now); got != tc.want {
			t.Errorf("%s at %v: %s, want %s", tc.stored, tc.at, got, tc.want)
		}
	}
}

// A take-down makes a published post ARCHIVED from its instant on, by the clock alone; a
// scheduled post with a later take-down is SCHEDULED first; a draft is never taken down.
func TestPostStatusAtTakeDown(t *testing.T) {
	past, future, later := now.Add(-time.Minute), now.Add(time.Minute), now.Add(time.Hour)
	for _, tc := range []struct {
		stored    guildhall.PostStatus
		at, until *time.Time
		want      guildhall.PostStatus
	}{
		{guildhall.PostPublished, &past, &future, guildhall.PostPublished},
		{guildhall.PostPublished, &past, &now, guildhall.PostArchived},
		{guildhall.PostPublished, &past, &past, guildhall.PostArchived},
		{guildhall.PostPublished, &future, &later, guildhall.PostScheduled},
		{guildhall.PostDraft, nil, &past, guildhall.PostDraft},
	} {
		p := &guildhall.Post{Status: tc.stored, PublishedAt: tc.at, UnpublishAt: tc.until}
		if got := p.StatusAt(now); got != tc.want {
			t.Errorf("%s at %v until %v: %s, want %s", tc.stored, tc.at, tc.until, got, tc.want)
		}
	}
}

func TestViewerRules(t *testing.T) {
	post := &guildhall.Post{AuthorID: "mbr_a", Status: guildhall.PostDraft, Visibility: guildhall.VisibilityMembers}
	author := &guildhall.Viewer{Role: guildhall.RoleAuthor, MemberID: "mbr_a"}
	memberOnly := &guildhall.Viewer{Role: guildhall.RoleMember, MemberID: "mbr_a"} // same member, but may not author
	editor := &guildhall.Viewer{Role: guildhall.RoleEditor}
	inGood := &guildhall.Viewer{Role: guildhall.RoleMember, MemberID: "mbr_b", GoodStanding: true}
	lapsed := &guildhall.Viewer{Role: guildhall.RoleMember, MemberID: "mbr_c"}
	service := &guildhall.Viewer{Scopes: []string{guildhall.ScopeMembership}}
	checks := []struct {
		name string
		got  bool
		want bool
	}{
		{"author sees own draft", author.CanSeePost(post, now), true},
		{"member role does not see own draft", memberOnly.CanSeePost(post, now), false},
		{"editor sees draft", editor.CanSeePost(post, now), true},
		{"anonymous does not see draft", guildhall.Anonymous.CanSeePost(post, now), false},
		{"member in good standing reads members body", inGood.CanReadBody(post), true},
		{"lapsed member does not", lapsed.CanReadBody(post), false},
		{"anonymous does not", guildhall.Anonymous.CanReadBody(post), false},
		{"member sees own contact", lapsed.CanSeeContact("mbr_c"), true},
		{"member does not see another's contact", lapsed.CanSeeContact("mbr_a"), false},
		{"editor sees contact", editor.CanSeeContact("mbr_a"), true},
		{"editor does not see membership", editor.CanSeeMembership("mbr_a"), false},
		{"membership service sees membership", service.CanSeeMembership("mbr_a"), true},
		{"membership service manages memberships", service.ManagesMemberships(), true},
		{"admin manages memberships", (&guildhall.Viewer{Role: guildhall.RoleAdmin}).ManagesMemberships(), true},
		{"editor does not manage memberships", editor.ManagesMemberships(), false},
		{"a member does not manage even their own", lapsed.ManagesMemberships(), false},
		{"admin includes editor", guildhall.RoleAdmin.AtLeast(guildhall.RoleEditor), true},
		{"author is not editor", guildhall.RoleAuthor.AtLeast(guildhall.RoleEditor), false},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestPageSize(t *testing.T) {
	for _, tc := range []struct {
		first   *int
		want    int
		invalid bool
	}{
		{nil, 20, false}, {ptr(0), 0, false}, {ptr(100), 100, false}, {ptr(101), 0, true}, {ptr(-1), 0, true},
	} {
		got, err := guildhall.PageSize(tc.first)
		if (guildhall.ErrorCode(err) == guildhall.EINVALID) != tc.invalid || got != tc.want {
			t.Errorf("PageSize(%v) = %d, %v", tc.first, got, err)
		}
	}
}

func TestIDs(t *testing.T) {
	a := guildhall.NewID(guildhall.KindPost, now)
	b := guildhall.NewID(guildhall.KindPost, now.Add(time.Millisecond))
	if guildhall.KindOf(a) != guildhall.KindPost || a >= b {
		t.Errorf("ids %s, %s: want kind pst and time order", a, b)
	}
	for _, bad := range []string{"", "pst", "pst_", "pst_short", "pst_" + "I" + a[5:], "x_" + a[4:]} {
		if guildhall.KindOf(bad) != "" {
			t.Errorf("KindOf(%q) accepted", bad)
		}
	}
}

func TestErrors(t *testing.T) {
	p := guildhall.Problems{}
	if p.Err() != nil {
		t.Error("no problems is no error")
	}
	p.Add("title", "is required")
	p.Add("title", "second problem is ignored")
	p.Add("tags", "too many")
	err := p.Err()
	e, ok := err.(*guildhall.Error)
	if !ok || e.Code != guildhall.EINVALID || len(e.Fields) != 2 || e.Fields["title"] != "is required" {
		t.Fatalf("err = %#v", err)
	}
	if guildhall.ErrorCode(nil) != "" || guildhall.ErrorCode(errString("x")) != guildhall.EINTERNAL {
		t.Error("ErrorCode of plain errors")
	}
	if guildhall.ErrorMessage(errString("driver: secret index name")) != "Internal error." {
		t.Error("internal messages must not leak")
	}
}

type errString string

func (e errString) Error() string { return string(e) }

func ptr[T any](v T) *T { return &v }

func TestIDTime(t *testing.T) {
	id := guildhall.NewID(guildhall.KindToken, now)
	got, ok := guildhall.IDTime(id)
	if !ok || !got.Equal(now) {
		t.Errorf("IDTime(%s) = %v, %v; want %v", id, got, ok, now)
	}
	if _, ok := guildhall.IDTime("nonsense"); ok {
		t.Error("IDTime of nonsense")
	}
}

func TestAddMonths(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 9, 30, 0, 0, time.UTC) }
	for _, tc := range []struct {
		from   time.Time
		months int
		want   time.Time
	}{
		{d(2026, 1, 15), 12, d(2027, 1, 15)},
		{d(2026, 1, 31), 1, d(2026, 2, 28)},
		{d(2024, 1, 31), 1, d(2024, 2, 29)},
		{d(2024, 2, 29), 12, d(2025, 2, 28)},
		{d(2026, 3, 31), 6, d(2026, 9, 30)},
		{d(2026, 12, 31), 2, d(2027, 2, 28)},
		{d(2026, 5, 10), 0, d(2026, 5, 10)},
	} {
		if got := guildhall.AddMonths(tc.from, tc.months); !got.Equal(tc.want) {
			t.Errorf("AddMonths(%s, %d) = %s, want %s", tc.from.Format(time.DateOnly), tc.months, got.Format(time.DateOnly), tc.want.Format(time.DateOnly))
		}
	}
}

// The renewal rules, as a table.
func TestRenewalTerm(t *testing.T) {
	grace := 30 * 24 * time.Hour
	year := guildhall.MembershipPlan{Code: "professional", TermMonths: 12}
	half := guildhall.MembershipPlan{Code: "student", TermMonths: 6}
	cancelled := now.AddDate(0, -1, 0)
	for _, tc := range []struct {
		name      string
		m         *guildhall.Membership
		plan      guildhall.MembershipPlan
		wantFrom  time.Time
		wantUntil time.Time
	}{
		{"early: from the current expiry", &guildhall.Membership{ExpiresAt: now.AddDate(0, 2, 0)}, year, now.AddDate(0, 2, 0), now.AddDate(1, 2, 0)},
		{"on the expiry day", &guildhall.Membership{ExpiresAt: now}, year, now, now.AddDate(1, 0, 0)},
		{"in grace: from now, the expiry is past", &guildhall.Membership{ExpiresAt: now.AddDate(0, 0, -10)}, year, now, now.AddDate(1, 0, 0)},
		{"after lapse: from now", &guildhall.Membership{ExpiresAt: now.AddDate(0, -3, 0)}, year, now, now.AddDate(1, 0, 0)},
		{"after cancel: from now", &guildhall.Membership{ExpiresAt: now.AddDate(0, 5, 0), CancelledAt: &cancelled}, year, now, now.AddDate(1, 0, 0)},
		{"plan change takes the new term", &guildhall.Membership{ExpiresAt: now.AddDate(0, 1, 0)}, half, now.AddDate(0, 1, 0), now.AddDate(0, 7, 0)},
		{"never a member", nil, year, now, now.AddDate(1, 0, 0)},
	} {
		from, until := guildhall.RenewalTerm(tc.m, tc.plan, now, grace)
		if !from.Equal(tc.wantFrom) || !until.Equal(tc.wantUntil) {
			t.Errorf("%s: %s..%s, want %s..%s", tc.name, from, until, tc.wantFrom, tc.wantUntil)
		}
	}
}

// A RichText reads the same in either form: as given, or through whatever PackedText the
// storage layer holds it in.
func TestRichTextForms(t *testing.T) {
	short := guildhall.NewRichText("<p>Hi</p>", "Hi", 1)
	if _, packed := short.Packed(); packed || short.HTML() != "<p>Hi</p>" || short.Text() != "Hi" {
		t.Errorf("a short text: packed %v, %q, %q", packed, short.HTML(), short.Text())
	}
	html, text := "<p>"+strings.Repeat("Notes from the AGM. ", 100)+"</p>", strings.Repeat("Notes from the AGM. ", 100)
	held := guildhall.PackedRichText(otherForm{html: html, text: text}, 400)
	if p, packed := held.Packed(); !packed || p == nil || held.HTML() != html || held.Text() != text || held.ReadingMinutes() != 2 {
		t.Errorf("a packed text: packed %v, HTML %d bytes, text %d bytes", packed, len(held.HTML()), len(held.Text()))
	}
	if h, x := held.Unpacked(); h != html || x != text {
		t.Error("Unpacked differs from HTML and Text")
	}
	if !held.Equal(guildhall.NewRichText(html, text, 400)) || held.Equal(short) || !short.Equal(guildhall.NewRichText("<p>Hi</p>", "Hi", 1)) {
		t.Error("Equal does not compare texts across their forms")
	}
	if m := guildhall.NewRichText("", "", 401).ReadingMinutes(); m != 3 {
		t.Errorf("401 words take %d minutes to read, want 3 (rounded up)", m)
	}
	if (guildhall.RichText{}).HTML() != "" || (guildhall.RichText{}).ReadingMinutes() != 0 {
		t.Error("the zero text must read as empty")
	}
}

// otherForm is a PackedText as a storage layer might supply one.
type otherForm struct{ html, text string }

func (f otherForm) Unpack() (string, string) { return f.html, f.text }
func (f otherForm) HTML() string             { return f.html }
func (f otherForm) Text() string             { return f.text }

// Every kind is declared once (BlockKinds) and makes a block of its own type; a copy can be
// changed without changing the block.
func TestBlockKinds(t *testing.T) {
	at := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	for _, k := range guildhall.BlockKinds {
		b, err := guildhall.NewBlock(k, guildhall.BlockBase{ID: "blk_1", Version: 1, CreatedAt: at})
		if err != nil || b.BlockKind() != k || b.BlockID() != "blk_1" || !k.IsValid() {
			t.Errorf("NewBlock(%s) = %#v, %v", k, b, err)
			continue
		}
		c := b.Clone()
		c.Base().Version = 2
		if b.BlockVersion() != 1 || c.BlockKind() != k {
			t.Errorf("changing a clone of a %s block changed the block", k)
		}
	}
	if _, err := guildhall.NewBlock("IMAGE", guildhall.BlockBase{}); guildhall.ErrorCode(err) != guildhall.EINVALID || guildhall.BlockKind("IMAGE").IsValid() {
		t.Errorf("an unknown kind: %v", err)
	}
	links := &guildhall.LinksBlock{Links: []guildhall.Link{{Label: "a"}}}
	links.Clone().(*guildhall.LinksBlock).Links[0].Label = "changed"
	if links.Links[0].Label != "a" {
		t.Error("a clone of a links block shares its links")
	}
}
