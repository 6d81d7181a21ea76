package demo_test

import (
	"html"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/demo"
	"github.com/guildhall/guildhall/slug"
)

const grace = guildhall.DefaultGracePeriod

var (
	refNow = time.Date(2026, time.March, 14, 15, 30, 0, 0, time.UTC)

	// nows are the moments the invariants are checked at: ordinary, leap day, just before and
	// just after midnight, and a non-UTC zone.
	nows = []time.Time{
		refNow,
		time.Date(2028, time.February, 29, 23, 59, 59, 0, time.UTC),
		time.Date(2025, time.December, 31, 0, 0, 0, 0, time.UTC),
		time.Date(2031, time.July, 1, 0, 0, 1, 0, time.UTC),
		time.Date(2027, time.January, 1, 1, 30, 0, 0, time.FixedZone("UTC+14", 14*3600)),
	}

	slugRE    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	tagRE     = regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	emailRE   = regexp.MustCompile(`^[a-z0-9.]+@example\.(org|com)$`)
	phoneRE   = regexp.MustCompile(`^\+[0-9]{1,3}( [0-9]{2,6}){2,4}$`)
	paymentRE = regexp.MustCompile(`^pay_[0-9]{4}_[0-9]{6}$`)
	tagTokRE  = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>`)
	hrefRE    = regexp.MustCompile(`href="([^"]*)"`)
	anyTagRE  = regexp.MustCompile(`<[^>]*>`)
	entityRE  = regexp.MustCompile(`^&([a-zA-Z]+|#[0-9]+);`)
)

func TestCounts(t *testing.T) {
	d := demo.New(refNow)
	if n := len(d.Members); n < 25 || n > 35 {
		t.Errorf("%d members, want 25-35", n)
	}
	if n := len(d.Posts); n < 90 || n > 120 {
		t.Errorf("%d posts, want 90-120", n)
	}
	if n := len(d.Blocks); n < 8 || n > 14 {
		t.Errorf("%d blocks, want 8-14", n)
	}
}

func TestUniqueAndWellFormedSlugs(t *testing.T) {
	d := demo.New(refNow)
	seen := map[string]string{}
	check := func(kind, s string) {
		t.Helper()
		if !slugRE.MatchString(s) || len(s) > slug.MaxLength {
			t.Errorf("%s slug %q is not a-z0-9 words joined by hyphens, at most %d long", kind, s, slug.MaxLength)
		}
		if prev, ok := seen[kind+" "+s]; ok {
			t.Errorf("%s slug %q is used twice (%s)", kind, s, prev)
		}
		seen[kind+" "+s] = kind
	}
	for _, m := range d.Members {
		check("member", m.Slug)
	}
	for _, p := range d.Posts {
		check("post", p.Slug)
	}
	for _, b := range d.Blocks {
		check("block", b.Key)
	}
	titles := map[string]bool{}
	for _, p := range d.Posts {
		if titles[p.Title] {
			t.Errorf("post title %q is used twice", p.Title)
		}
		titles[p.Title] = true
	}
}

// transliterate turns a name into its slug: lower case, accents and special letters folded to
// ASCII, apostrophes dropped, everything else a hyphen.
func transliterate(name string) string {
	fold := map[rune]string{
		'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'å': "a", 'ã': "a", 'æ': "ae",
		'ç': "c", 'ć': "c", 'č': "c",
		'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ę': "e",
		'í': "i", 'ì': "i", 'î': "i", 'ï': "i",
		'ł': "l", 'ñ': "n", 'ń': "n",
		'ó': "o", 'ò': "o", 'ô': "o", 'ö': "o", 'ø': "o", 'õ': "o",
		'ś': "s", 'š': "s", 'ß': "ss",
		'ú': "u", 'ù': "u", 'û': "u", 'ü': "u",
		'ý': "y", 'ź': "z", 'ż': "z", 'ž': "z",
	}
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '\'' || r == '’':
		case fold[r] != "":
			b.WriteString(fold[r])
		default:
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

func TestMemberProfiles(t *testing.T) {
	d := demo.New(refNow)
	nonASCII, particles := 0, 0
	for _, m := range d.Members {
		if m.Name == "" || m.BioHTML == "" {
			t.Errorf("%s: empty name or bio", m.Slug)
		}
		if got := transliterate(m.Name); got != m.Slug {
			t.Errorf("%s: slug should be %q, transliterated from %q", m.Slug, got, m.Name)
		}
		if strings.ContainsFunc(m.Name, func(r rune) bool { return r > 127 }) {
			nonASCII++
		}
		family, given, ok := strings.Cut(m.SortName, ", ")
		if !ok || family == "" || given == "" {
			t.Errorf("%s: sort name %q is not \"Family, Given\"", m.Slug, m.SortName)
		} else if given+" "+family != m.Name {
			t.Errorf("%s: sort name %q does not match name %q", m.Slug, m.SortName, m.Name)
		} else if first := []rune(family)[0]; first >= 'a' && first <= 'z' {
			particles++ // a particle kept with the family name: "van der Berg, Ruth"
		}
		if !emailRE.MatchString(m.Email) {
			t.Errorf("%s: email %q is not on example.org or example.com", m.Slug, m.Email)
		}
		if !phoneRE.MatchString(m.Phone) {
			t.Errorf("%s: phone %q is not +CC followed by digit groups", m.Slug, m.Phone)
		}
		if m.AvatarURL != "" && m.AvatarURL != "https://example.org/avatars/"+m.Slug+".jpg" {
			t.Errorf("%s: avatar URL %q", m.Slug, m.AvatarURL)
		}
		if n := strings.Count(m.BioHTML, "<p>"); n < 1 || n > 3 {
			t.Errorf("%s: bio has %d paragraphs, want 1-3", m.Slug, n)
		}
		checkHTML(t, "member "+m.Slug, m.BioHTML)
		for _, href := range hrefRE.FindAllStringSubmatch(m.BioHTML, -1) {
			checkExternalURL(t, "member "+m.Slug, href[1])
		}
	}
	if nonASCII < 7 {
		t.Errorf("%d names with non-ASCII letters, want at least 7", nonASCII)
	}
	if particles < 1 {
		t.Errorf("no family name starting with a lower-case particle")
	}
}

func TestMembershipMix(t *testing.T) {
	for _, now := range nows {
		d := demo.New(now)
		counts := map[guildhall.MembershipStatus]int{}
		noPlan := 0
		for _, m := range d.Members {
			if m.Plan == "" {
				noPlan++
				continue
			}
			// The status the domain derives, with cancellation taken to be in the past.
			ms := guildhall.Membership{PlanCode: m.Plan, JoinedAt: m.JoinedAt, ExpiresAt: m.ExpiresAt}
			if m.Cancelled {
				ms.CancelledAt = &m.JoinedAt
			}
			status := ms.StatusAt(now, grace)
			// The same, computed by hand from ExpiresAt.
			var want guildhall.MembershipStatus
			switch {
			case m.Cancelled:
				want = guildhall.MembershipCancelled
			case m.ExpiresAt.After(now):
				want = guildhall.MembershipActive
			case m.ExpiresAt.Add(grace).After(now):
				want = guildhall.MembershipGrace
			default:
				want = guildhall.MembershipLapsed
			}
			if status != want {
				t.Errorf("%v %s: StatusAt says %s, ExpiresAt %v says %s", now, m.Slug, status, m.ExpiresAt, want)
			}
			counts[status]++
		}
		withPlan := len(d.Members) - noPlan
		if counts[guildhall.MembershipGrace] < 3 || counts[guildhall.MembershipLapsed] < 3 ||
			counts[guildhall.MembershipCancelled] != 1 || 2*counts[guildhall.MembershipActive] <= withPlan || noPlan != 2 {
			t.Errorf("at %v: %v and %d without a plan; want >=3 grace, >=3 lapsed, 1 cancelled, most active, 2 without a plan", now, counts, noPlan)
		}
	}
}

func TestRenewalsConsistent(t *testing.T) {
	for _, now := range nows {
		d := demo.New(now)
		refs := map[string]string{}
		plans := map[string]int{}
		oldest := now
		for _, m := range d.Members {
			checkUTC(t, m.Slug, m.JoinedAt, m.ExpiresAt)
			if m.Plan == "" {
				if !m.JoinedAt.IsZero() || !m.ExpiresAt.IsZero() || m.Renewals != nil || m.Cancelled {
					t.Errorf("%s: no plan but has membership data", m.Slug)
				}
				continue
			}
			plans[m.Plan]++
			if !m.JoinedAt.Before(now) || m.JoinedAt.Before(now.AddDate(-8, -6, 0)) {
				t.Errorf("%s: joined %v, want within 8.5 years before %v", m.Slug, m.JoinedAt, now)
			}
			if m.JoinedAt.Before(oldest) {
				oldest = m.JoinedAt
			}
			expires := m.JoinedAt.AddDate(1, 0, 0)
			for i, r := range m.Renewals {
				checkUTC(t, m.Slug, r.RenewedAt, r.PreviousExpiresAt, r.NewExpiresAt)
				if !r.PreviousExpiresAt.Equal(expires) {
					t.Errorf("%s renewal %d: previous expiry %v, want %v", m.Slug, i, r.PreviousExpiresAt, expires)
				}
				if !r.NewExpiresAt.After(r.PreviousExpiresAt) || !r.NewExpiresAt.Equal(r.PreviousExpiresAt.AddDate(1, 0, 0)) {
					t.Errorf("%s renewal %d: %v -> %v is not 12 months", m.Slug, i, r.PreviousExpiresAt, r.NewExpiresAt)
				}
				if !r.RenewedAt.After(m.JoinedAt) || !r.RenewedAt.Before(now) ||
					r.RenewedAt.Before(r.PreviousExpiresAt.AddDate(0, -2, 0)) || !r.RenewedAt.Before(r.PreviousExpiresAt.Add(grace)) {
					t.Errorf("%s renewal %d: renewed %v, for expiry %v", m.Slug, i, r.RenewedAt, r.PreviousExpiresAt)
				}
				if i > 0 && !r.RenewedAt.After(m.Renewals[i-1].RenewedAt) {
					t.Errorf("%s: renewals out of order", m.Slug)
				}
				if !paymentRE.MatchString(r.PaymentReference) {
					t.Errorf("%s renewal %d: payment reference %q", m.Slug, i, r.PaymentReference)
				}
				if other, ok := refs[r.PaymentReference]; ok {
					t.Errorf("%s: payment reference %q also used by %s", m.Slug, r.PaymentReference, other)
				}
				refs[r.PaymentReference] = m.Slug
				expires = r.NewExpiresAt
			}
			if !m.ExpiresAt.Equal(expires) {
				t.Errorf("%s: expires %v, but the renewal chain ends at %v", m.Slug, m.ExpiresAt, expires)
			}
		}
		if oldest.After(now.AddDate(-6, 0, 0)) {
			t.Errorf("oldest membership began %v, want joins spread over the past ~8 years", oldest)
		}
		for _, p := range []string{"professional", "student", "retired"} {
			if plans[p] == 0 {
				t.Errorf("nobody on plan %q", p)
			}
		}
		if len(plans) != 3 {
			t.Errorf("plans %v, want only professional, student and retired", plans)
		}
	}
}

func TestBlocks(t *testing.T) {
	d := demo.New(refNow)
	kinds := map[guildhall.BlockKind]int{}
	actions := map[guildhall.CallToAction]bool{}
	for _, b := range d.Blocks {
		if !b.Kind.IsValid() || b.Title == "" {
			t.Errorf("%s: kind %q, title %q", b.Key, b.Kind, b.Title)
		}
		kinds[b.Kind]++
		switch b.Kind {
		case guildhall.BlockContact:
			if b.ContactName == "" || b.ContactTitle == "" || b.Email == "" || !phoneRE.MatchString(b.Phone) {
				t.Errorf("%s: incomplete contact block %+v", b.Key, b)
			}
			if u, err := url.Parse("https://" + b.Email[strings.Index(b.Email, "@")+1:]); err != nil || !allowedHost(u.Host) {
				t.Errorf("%s: email %q is not on an example domain", b.Key, b.Email)
			}
		case guildhall.BlockLinks:
			if len(b.Links) < 2 {
				t.Errorf("%s: %d links", b.Key, len(b.Links))
			}
			for _, l := range b.Links {
				if l.Label == "" {
					t.Errorf("%s: link without a label", b.Key)
				}
				checkExternalURL(t, b.Key, l.URL)
			}
		case guildhall.BlockRichText:
			if b.BodyHTML == "" {
				t.Errorf("%s: empty rich text", b.Key)
			}
			checkHTML(t, b.Key, b.BodyHTML)
		case guildhall.BlockCallToAction:
			if b.Label == "" || !b.Action.IsValid() {
				t.Errorf("%s: label %q, action %q", b.Key, b.Label, b.Action)
			}
			checkExternalURL(t, b.Key, b.URL)
			actions[b.Action] = true
		}
	}
	if kinds[guildhall.BlockContact] < 3 || kinds[guildhall.BlockLinks] < 3 || kinds[guildhall.BlockRichText] < 1 {
		t.Errorf("block kinds %v, want >=3 contact, >=3 links, >=1 rich text", kinds)
	}
	for _, a := range []guildhall.CallToAction{guildhall.ActionJoin, guildhall.ActionRenew, guildhall.ActionDonate} {
		if !actions[a] {
			t.Errorf("no %s call to action", a)
		}
	}
}

func TestPosts(t *testing.T) {
	for _, now := range nows {
		checkPosts(t, now)
	}
}

func checkPosts(t *testing.T, now time.Time) {
	d := demo.New(now)
	members := map[string]demo.Member{}
	for _, m := range d.Members {
		members[m.Slug] = m
	}
	blocks := map[string]bool{}
	for _, b := range d.Blocks {
		blocks[b.Key] = true
	}
	posts := map[string]demo.Post{}
	for _, p := range d.Posts {
		posts[p.Slug] = p
	}

	tags := map[string]int{}
	authors := map[string]int{}
	status := map[guildhall.PostStatus]int{}
	usedBlocks := map[string]bool{}
	var scheduled, membersOnly, withBlocks, crossLinks int
	for _, p := range d.Posts {
		checkUTC(t, p.Slug, p.PublishedAt)
		if p.Title == "" || len(p.Title) > guildhall.MaxTitleLength {
			t.Errorf("%s: title length %d", p.Slug, len(p.Title))
		}
		author, ok := members[p.AuthorSlug]
		if !ok {
			t.Errorf("%s: unknown author %q", p.Slug, p.AuthorSlug)
		}
		authors[p.AuthorSlug]++

		if n := len(p.Tags); n < 1 || n > 5 {
			t.Errorf("%s: %d tags, want 1-5", p.Slug, n)
		}
		for i, tag := range p.Tags {
			if !tagRE.MatchString(tag) || slices.Contains(p.Tags[:i], tag) {
				t.Errorf("%s: bad or repeated tag %q", p.Slug, tag)
			}
			tags[tag]++
		}

		if len(p.BlockKeys) > 3 {
			t.Errorf("%s: %d blocks, want at most 3", p.Slug, len(p.BlockKeys))
		}
		for i, k := range p.BlockKeys {
			if !blocks[k] || slices.Contains(p.BlockKeys[:i], k) {
				t.Errorf("%s: unknown or repeated block %q", p.Slug, k)
			}
			usedBlocks[k] = true
		}
		if len(p.BlockKeys) > 0 {
			withBlocks++
		}

		switch p.Visibility {
		case guildhall.VisibilityPublic:
		case guildhall.VisibilityMembers:
			membersOnly++
		default:
			t.Errorf("%s: visibility %q", p.Slug, p.Visibility)
		}

		status[p.Status]++
		switch p.Status {
		case guildhall.PostDraft:
			if !p.PublishedAt.IsZero() {
				t.Errorf("%s: draft with a publication date", p.Slug)
			}
		case guildhall.PostPublished, guildhall.PostArchived:
			if p.PublishedAt.IsZero() {
				t.Errorf("%s: %s without a publication date", p.Slug, p.Status)
			}
			if p.PublishedAt.Before(now.AddDate(-5, -3, 0)) || p.PublishedAt.After(now.AddDate(0, 2, 0)) {
				t.Errorf("%s: published %v, want within the past ~5 years or the next 2 months", p.Slug, p.PublishedAt)
			}
			if p.PublishedAt.After(now) {
				if p.Status != guildhall.PostPublished {
					t.Errorf("%s: %s post dated in the future", p.Slug, p.Status)
				}
				scheduled++
			}
			if author.Plan != "" && p.PublishedAt.Before(author.JoinedAt) {
				t.Errorf("%s: published %v, before its author joined on %v", p.Slug, p.PublishedAt, author.JoinedAt)
			}
		default:
			t.Errorf("%s: status %q", p.Slug, p.Status)
		}

		checkHTML(t, p.Slug, p.BodyHTML)
		if n := wordCount(p.BodyHTML); n < 150 || n > 800 {
			t.Errorf("%s: %d words, want 150-800", p.Slug, n)
		}
		if strings.Contains(strings.ToLower(p.BodyHTML), "lorem") {
			t.Errorf("%s: placeholder text", p.Slug)
		}
		for _, m := range hrefRE.FindAllStringSubmatch(p.BodyHTML, -1) {
			href := m[1]
			target, ok := strings.CutPrefix(href, "/posts/")
			if !ok {
				checkExternalURL(t, p.Slug, href)
				continue
			}
			crossLinks++
			other, ok := posts[target]
			if !ok {
				t.Errorf("%s: link to unknown post %q", p.Slug, href)
				continue
			}
			// A link must lead somewhere readers can go: a post that is live by the time the
			// linking post is (or now, for drafts).
			when := p.PublishedAt
			if p.Status == guildhall.PostDraft {
				when = now
			}
			if other.Status != guildhall.PostPublished || !other.PublishedAt.Before(when) {
				t.Errorf("%s: links to %s (%s, %v), which is not live at %v", p.Slug, target, other.Status, other.PublishedAt, when)
			}
		}
	}

	n := len(d.Posts)
	if crossLinks < 15 {
		t.Errorf("%d cross-links between posts, want at least 15", crossLinks)
	}
	if scheduled < 2 || scheduled > 3 {
		t.Errorf("%d scheduled posts, want 2-3", scheduled)
	}
	if status[guildhall.PostArchived] != 2 {
		t.Errorf("%d archived posts, want 2", status[guildhall.PostArchived])
	}
	if d := status[guildhall.PostDraft]; d < 3 || d > 10 {
		t.Errorf("%d drafts, want about 6", d)
	}
	if 2*status[guildhall.PostPublished] <= n {
		t.Errorf("%d of %d posts published, want most", status[guildhall.PostPublished], n)
	}
	if share := float64(membersOnly) / float64(n); share < 0.08 || share > 0.25 {
		t.Errorf("%d of %d posts members-only, want about 15%%", membersOnly, n)
	}
	if share := float64(withBlocks) / float64(n); share < 0.35 || share > 0.65 {
		t.Errorf("%d of %d posts have blocks, want about half", withBlocks, n)
	}
	if len(usedBlocks) != len(d.Blocks) {
		t.Errorf("%d of %d blocks used by some post", len(usedBlocks), len(d.Blocks))
	}
	if len(tags) < 12 || len(tags) > 25 {
		t.Errorf("%d distinct tags, want a vocabulary of about 15-20", len(tags))
	}
	if len(authors) < 15 || len(authors) > 25 {
		t.Errorf("%d authors, want about 20", len(authors))
	}
	prolific := 0
	for _, c := range authors {
		if c >= 6 {
			prolific++
		}
	}
	if prolific < 3 {
		t.Errorf("%d authors with 6 or more posts, want some prolific authors", prolific)
	}
}

// TestPostsSpreadOverTime checks that published posts come a few a month over about five years.
func TestPostsSpreadOverTime(t *testing.T) {
	d := demo.New(refNow)
	perQuarter := map[int]int{}
	for _, p := range d.Posts {
		if p.Status == guildhall.PostDraft || p.PublishedAt.After(refNow) {
			continue
		}
		perQuarter[int(refNow.Sub(p.PublishedAt).Hours()/24/91)]++
	}
	for q := range 20 {
		if perQuarter[q] == 0 {
			t.Errorf("no posts %d-%d months ago", 3*q, 3*q+3)
		}
		if perQuarter[q] > 12 {
			t.Errorf("%d posts %d-%d months ago, want a few a month", perQuarter[q], 3*q, 3*q+3)
		}
	}
}

// TestBodiesHaveStructure checks the bodies use the range of markup an editor produces.
func TestBodiesHaveStructure(t *testing.T) {
	d := demo.New(refNow)
	with := map[string]int{}
	for _, p := range d.Posts {
		for _, el := range []string{"<h2>", "<h3>", "<ul>", "<ol>", "<blockquote>", "<table>", "<strong>", "<em>", `<a href="https://`} {
			if strings.Contains(p.BodyHTML, el) {
				with[el]++
			}
		}
	}
	want := map[string]int{"<h2>": 60, "<h3>": 2, "<ul>": 40, "<ol>": 15, "<blockquote>": 10, "<table>": 5, "<strong>": 20, "<em>": 15, `<a href="https://`: 3}
	for el, min := range want {
		if with[el] < min {
			t.Errorf("%d posts contain %s, want at least %d", with[el], el, min)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := demo.New(refNow), demo.New(refNow)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("New(now) twice gave different data")
	}
	if c := demo.New(refNow.In(time.FixedZone("UTC-5", -5*3600))); !reflect.DeepEqual(a, c) {
		t.Error("the same moment in another zone gave different data")
	}

	// Callers may change what they get without changing what the next caller gets.
	a.Posts[0].Tags[0] = "changed"
	a.Posts[0].BlockKeys[0] = "changed"
	for i := range a.Blocks {
		if len(a.Blocks[i].Links) > 0 {
			a.Blocks[i].Links[0].Label = "changed"
			if a.Blocks[i].Links[0].Description != nil {
				*a.Blocks[i].Links[0].Description = "changed"
			}
		}
	}
	if c := demo.New(refNow); !reflect.DeepEqual(b, c) {
		t.Error("changing a dataset changed the next one")
	}
}

// TestDatesRelativeToNow checks that moving now by whole days moves every date with it.
func TestDatesRelativeToNow(t *testing.T) {
	a := demo.New(refNow)
	b := demo.New(refNow.AddDate(0, 0, 10))
	for i, p := range a.Posts {
		q := b.Posts[i]
		if p.Slug != q.Slug || p.Status == guildhall.PostDraft {
			continue
		}
		if got := q.PublishedAt.Sub(p.PublishedAt); got != 10*24*time.Hour {
			t.Errorf("%s: moving now by 10 days moved the post by %v", p.Slug, got)
		}
	}
	for i, m := range a.Members {
		if m.Plan == "" {
			continue
		}
		if got := b.Members[i].ExpiresAt.Sub(m.ExpiresAt); got < 9*24*time.Hour || got > 11*24*time.Hour {
			t.Errorf("%s: moving now by 10 days moved the expiry by %v", m.Slug, got)
		}
	}
}

func checkUTC(t *testing.T, what string, times ...time.Time) {
	t.Helper()
	for _, tm := range times {
		if !tm.IsZero() && tm.Location() != time.UTC {
			t.Errorf("%s: %v is not in UTC", what, tm)
		}
	}
}

func allowedHost(host string) bool {
	return host == "example.org" || host == "example.com" ||
		strings.HasSuffix(host, ".example.org") || strings.HasSuffix(host, ".example.com") ||
		strings.HasSuffix(host, ".example")
}

func checkExternalURL(t *testing.T, what, raw string) {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || !allowedHost(u.Host) {
		t.Errorf("%s: URL %q is not https on an example domain", what, raw)
	}
}

// checkHTML checks that elements nest and close properly and that ampersands are escaped.
func checkHTML(t *testing.T, what, s string) {
	t.Helper()
	var open []string
	for _, m := range tagTokRE.FindAllStringSubmatch(s, -1) {
		name := strings.ToLower(m[2])
		switch {
		case name == "br" || name == "hr" || name == "img":
		case m[1] == "":
			open = append(open, name)
		case len(open) == 0 || open[len(open)-1] != name:
			t.Errorf("%s: </%s> closes %v", what, name, open)
			return
		default:
			open = open[:len(open)-1]
		}
	}
	if len(open) > 0 {
		t.Errorf("%s: unclosed %v", what, open)
	}
	for i := strings.IndexByte(s, '&'); i >= 0; i = strings.IndexByte(s[i+1:], '&') + i + 1 {
		if !entityRE.MatchString(s[i:]) {
			t.Errorf("%s: unescaped & near %q", what, s[i:min(len(s), i+20)])
		}
		if strings.IndexByte(s[i+1:], '&') < 0 {
			break
		}
	}
	if text := anyTagRE.ReplaceAllString(s, ""); strings.ContainsAny(text, "<>") {
		t.Errorf("%s: stray < or > in text", what)
	}
	if !strings.HasPrefix(s, "<") {
		t.Errorf("%s: text outside any element", what)
	}
}

func wordCount(s string) int {
	return len(strings.Fields(html.UnescapeString(anyTagRE.ReplaceAllString(s, " "))))
}
