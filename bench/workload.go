package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/embedded"
	"github.com/guildhall/guildhall/internal/packtext"
	"github.com/guildhall/guildhall/mongodb"
	"github.com/guildhall/guildhall/richtext"
)

// workload is what the bench seeded and its scenarios draw from: IDs, slugs and names, so
// requests can name real content without asking the server first.
type workload struct {
	MemberIDs  []string
	NamePrefix []string // two-letter prefixes of member names and sort names, one per member and name
	PostIDs    []string // every post, in seeding order
	LiveIDs    []string // published posts whose time has come
	LiveSlugs  []string // and their slugs
	LivePosts  int
	TotalPosts int
	Seconds    float64 // how long seeding took
}

// The workload's proportions, fixed so every run (and every machine) seeds the same content.
const (
	seedA, seedB   = 2026, 7
	postChunk      = 10000 // posts generated, rendered and inserted at a time, to bound the bench's memory
	numBlocks      = 40
	numTags        = 60
	writersPerMill = 700 // members who write posts, per thousand
)

var (
	givenNames = []string{"Ann", "Christian", "Zoë", "Łukasz", "José", "Ruth", "Amara", "Benedikt", "Chloé", "Dmitri",
		"Eilidh", "Farah", "Gareth", "Hana", "Ingrid", "Jonah", "Kwame", "Lucía", "Mairead", "Nikolai", "Olu", "Priya",
		"Quentin", "Rosa", "Søren", "Tomasz", "Uma", "Valentina", "Wen", "Ximena", "Yusuf", "Zainab", "Aoife", "Bram",
		"Camille", "Darius", "Elif", "Fionn", "Greta", "Hamish", "Isla", "Jurgen", "Kaito", "Leila", "Mateo", "Nadia",
		"Oskar", "Pilar", "Rhys", "Sakura", "Tariq", "Ulla", "Viktor", "Wanjiru", "Yara", "Zoltan"}
	familyNames = []string{"Billington", "Ångström", "Nowak", "Núñez", "van der Berg", "O'Connor", "Okafor", "Schmidt",
		"Dubois", "Ivanova", "MacLeod", "Haddad", "Pritchard", "Tanaka", "Lindqvist", "Mensah", "García", "Ní Bhriain",
		"Petrov", "Adeyemi", "Sharma", "Lefèvre", "Ortega", "Kowalski", "Andersen", "Walsh", "Chen", "Morales", "Kamau",
		"Rahman", "Eriksson", "Fitzgerald", "Gallagher", "Horvath", "Iqbal", "Jansen", "Kelly", "Larsen", "Moreau",
		"Nakamura", "Oyelaran", "Papadopoulos", "Quigley", "Rossi", "Søndergaard", "Thompson", "Ueda", "Vasquez",
		"Whitfield", "Yilmaz", "Zielinski", "de la Cruz", "Abernethy", "Bianchi", "Costa", "Dąbrowski"}
	credentials = []string{"Counselor in training", "MBACP (Accred)", "UKCP registered psychotherapist", "PhD",
		"Clinical supervisor", "Registered member", "BA (Hons), PGDip"}
	words = strings.Fields(`the of and to a in that is was he for it with as his on be at by had not are but from or
		have an they which one you were her all she there would their we him been has when who will more no if out so
		said what up its about into than them can only other new some could time these two may then do first any my now
		such like our over man me even most made after also did many before must through back years where much your way
		well down should because each just those people how too little state good very make world still own see men
		work long get here between both life being under never day same another know while last might us great old year
		off come since against go came right used take three supervision counselling therapy client practice ethics
		membership renewal conference workshop training accreditation register committee association journal research
		reflective wellbeing boundaries assessment referral confidentiality trauma grief anxiety resilience mentoring
		placement hours portfolio evidence framework guidance consultation network regional branch annual meeting
		minutes treasurer volunteer bursary library archive newsletter webinar seminar keynote panel discussion`)
	tagNames = func() []string {
		base := []string{"cpd", "ethics", "supervision", "events", "research", "training", "practice", "wellbeing",
			"membership", "policy", "students", "trauma", "grief", "children", "couples", "online-therapy", "books",
			"conference", "regional", "accreditation"}
		out := append([]string{}, base...)
		for i := len(base); i < numTags; i++ {
			out = append(out, fmt.Sprintf("%s-%d", base[i%len(base)], i/len(base)))
		}
		return out
	}()
)

// workloadFile is where a kept folder remembers its workload, so that it can be reused.
const workloadFile = "workload.json"

// loadWorkload reads the workload of a folder kept from an earlier run, if there is one.
func loadWorkload(dir string) (*workload, bool, error) {
	b, err := os.ReadFile(filepath.Join(dir, workloadFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	} else if err != nil {
		return nil, false, err
	}
	w := &workload{}
	if err := json.Unmarshal(b, w); err != nil {
		return nil, false, fmt.Errorf("%s: %w", workloadFile, err)
	}
	return w, true, nil
}

func saveWorkload(dir string, w *workload) error {
	b, err := json.Marshal(w)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, workloadFile), b, 0o600)
}

// seedWorkload writes the fixed workload into a fresh embedded database in dir, straight
// through mongodb.Store.Seed (as the demo content is seeded), and returns what the
// scenarios need to know about it.
func seedWorkload(ctx context.Context, dir string, members, posts int, log *slog.Logger) (*workload, error) {
	began := time.Now()
	srv, err := embedded.Start(dir, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})))
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	store, err := mongodb.Open(ctx, srv.URI(), "guildhall")
	if err != nil {
		return nil, err
	}
	defer store.Close(context.Background())
	if _, err := store.Migrate(ctx); err != nil {
		return nil, err
	}
	if empty, err := store.IsEmpty(ctx); err != nil {
		return nil, err
	} else if !empty {
		return nil, fmt.Errorf("the data folder %s already holds content; give an empty or new folder", dir)
	}

	g := newGenerator(time.Now().UTC(), members, posts)
	if err := store.Seed(ctx, &guildhall.Content{Members: g.members(), Blocks: g.blocks()}); err != nil {
		return nil, fmt.Errorf("seed members and blocks: %w", err)
	}
	for start := 0; start < posts; start += postChunk {
		chunk := g.posts(start, min(start+postChunk, posts))
		if err := store.Seed(ctx, &guildhall.Content{Posts: chunk}); err != nil {
			return nil, fmt.Errorf("seed posts: %w", err)
		}
		log.Info("seeded posts", "done", min(start+postChunk, posts), "of", posts)
	}
	g.w.Seconds = time.Since(began).Seconds()
	return g.w, nil
}

// generator makes the workload's content. Everything comes from one seeded random source,
// with dates relative to the start of today (UTC), so the same day gives the same content
// (IDs apart, which carry fresh randomness by design).
type generator struct {
	rng        *rand.Rand
	today      time.Time
	numMembers int
	numPosts   int
	writers    []string // member IDs of authors
	blockIDs   []string
	w          *workload
}

func newGenerator(now time.Time, members, posts int) *generator {
	return &generator{
		rng:        rand.New(rand.NewPCG(seedA, seedB)),
		today:      time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC),
		numMembers: members,
		numPosts:   posts,
		w:          &workload{TotalPosts: posts},
	}
}

func (g *generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// between returns a time uniformly in [from, to), at millisecond precision as stored.
func (g *generator) between(from, to time.Time) time.Time {
	d := to.Sub(from)
	return from.Add(time.Duration(g.rng.Int64N(int64(d)))).Truncate(time.Millisecond)
}

func (g *generator) members() []*guildhall.Member {
	out := make([]*guildhall.Member, 0, g.numMembers)
	slugs := map[string]int{}
	for i := range g.numMembers {
		given, family := g.pick(givenNames), g.pick(familyNames)
		name := given + " " + family
		base := asciiSlug(name)
		slugs[base]++
		slug := base
		if n := slugs[base]; n > 1 {
			slug = base + "-" + strconv.Itoa(n)
		}
		joined := g.between(g.today.AddDate(-12, 0, 0), g.today.AddDate(0, -1, 0))
		m := &guildhall.Member{
			ID: guildhall.NewID(guildhall.KindMember, joined), Version: 1, Slug: slug, Name: name,
			SortName: family + ", " + given, CreatedAt: joined, UpdatedAt: joined,
		}
		if g.rng.IntN(3) > 0 {
			c := g.pick(credentials)
			m.Credentials = &c
		}
		bio := held(richtext.Render(fmt.Sprintf("<p>%s %s is a member of the association. %s</p>", given, family, g.sentence(25))))
		m.Bio = &bio
		email, phone := slug+"@members.example.org", fmt.Sprintf("+44 20 7946 %04d", i%10000)
		m.Email, m.Phone = &email, &phone
		plan := guildhall.DefaultPlans[g.rng.IntN(len(guildhall.DefaultPlans))].Code
		// Most memberships run; some are in grace or lapsed, as in a real register.
		m.Membership = &guildhall.Membership{PlanCode: plan, JoinedAt: joined,
			ExpiresAt: g.between(g.today.AddDate(0, -3, 0), g.today.AddDate(1, 0, 0))}
		out = append(out, m)
		g.w.MemberIDs = append(g.w.MemberIDs, m.ID)
		g.w.NamePrefix = append(g.w.NamePrefix, prefix2(given), prefix2(family))
		if i*1000 < g.numMembers*writersPerMill {
			g.writers = append(g.writers, m.ID)
		}
	}
	return out
}

func (g *generator) blocks() []guildhall.Block {
	out := make([]guildhall.Block, 0, numBlocks)
	for i := range numBlocks {
		created := g.today.AddDate(-10, 0, i)
		title := fmt.Sprintf("Related %d", i)
		base := guildhall.BlockBase{ID: guildhall.NewID(guildhall.KindBlock, created), Version: 1, Title: &title, CreatedAt: created, UpdatedAt: created}
		var b guildhall.Block
		switch i % 4 {
		case 0:
			name, role, email := "Events team", "Organiser", "events@example.org"
			b = &guildhall.ContactBlock{BlockBase: base, ContactName: &name, ContactTitle: &role, Email: &email}
		case 1:
			b = &guildhall.LinksBlock{BlockBase: base, Links: []guildhall.Link{
				{Label: "Code of ethics", URL: "https://example.org/ethics"},
				{Label: "Find a supervisor", URL: "https://example.org/supervisors"},
			}}
		case 2:
			b = &guildhall.RichTextBlock{BlockBase: base, Body: held(richtext.Render("<p>" + g.sentence(40) + "</p>"))}
		default:
			b = &guildhall.CallToActionBlock{BlockBase: base, Label: "Join / Renew now", URL: "https://example.org/join", Action: guildhall.ActionRenew}
		}
		out = append(out, b)
		g.blockIDs = append(g.blockIDs, base.ID)
	}
	return out
}

// posts makes posts [from, to): 90% published over the last ten years (15% of them for
// members only), 5% drafts, 3% archived, 2% scheduled within the next two months.
func (g *generator) posts(from, to int) []*guildhall.Post {
	out := make([]*guildhall.Post, 0, to-from)
	html := make([]string, 0, to-from)
	for i := from; i < to; i++ {
		author := g.writers[g.rng.IntN(len(g.writers))]
		title := g.title()
		p := &guildhall.Post{
			Version: 1, Slug: asciiSlug(title) + "-" + strconv.FormatInt(int64(i), 36), Title: title,
			Status: guildhall.PostPublished, Visibility: guildhall.VisibilityPublic, AuthorID: author,
			Tags: g.tags(), BlockIDs: g.postBlocks(), UpdatedBy: author,
		}
		var at time.Time
		live := false
		switch r := g.rng.IntN(100); {
		case r < 90:
			at = g.between(g.today.AddDate(-10, 0, 0), g.today)
			p.PublishedAt = &at
			if g.rng.IntN(100) < 15 {
				p.Visibility = guildhall.VisibilityMembers
			}
			g.w.LivePosts++
			g.w.LiveSlugs = append(g.w.LiveSlugs, p.Slug)
			live = true
		case r < 95:
			p.Status = guildhall.PostDraft
			at = g.between(g.today.AddDate(-1, 0, 0), g.today)
		case r < 98:
			p.Status = guildhall.PostArchived
			at = g.between(g.today.AddDate(-10, 0, 0), g.today.AddDate(-1, 0, 0))
			p.PublishedAt = &at
		default:
			goesLive := g.between(g.today.AddDate(0, 0, 1), g.today.AddDate(0, 2, 0))
			p.PublishedAt = &goesLive
			at = g.between(g.today.AddDate(0, 0, -7), g.today)
		}
		p.ID = guildhall.NewID(guildhall.KindPost, at)
		if live {
			g.w.LiveIDs = append(g.w.LiveIDs, p.ID)
		}
		p.CreatedAt, p.UpdatedAt = at, at
		out = append(out, p)
		html = append(html, g.body())
		g.w.PostIDs = append(g.w.PostIDs, p.ID)
	}
	// Sanitising is the expensive part: spread it over the cores.
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				body := richtext.Render(html[i])
				out[i].Body = held(body)
				out[i].Excerpt = richtext.Excerpt(body.Text, 50)
			}
		})
	}
	for i := range out {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

func (g *generator) tags() []string {
	n := 1 + g.rng.IntN(4)
	out := make([]string, 0, n)
	for len(out) < n {
		t := g.pick(tagNames)
		if !contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func (g *generator) postBlocks() []string {
	out := []string{}
	for range g.rng.IntN(3) {
		if b := g.pick(g.blockIDs); !contains(out, b) {
			out = append(out, b)
		}
	}
	return out
}

func (g *generator) title() string {
	n := 4 + g.rng.IntN(6)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.pick(words)
	}
	ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
	return strings.Join(ws, " ")
}

func (g *generator) sentence(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.pick(words)
	}
	ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
	return strings.Join(ws, " ") + "."
}

// body is about 4 KB of editor HTML: a heading, paragraphs with inline formatting and
// links, a list and a quote.
func (g *generator) body() string {
	var b strings.Builder
	fmt.Fprintf(&b, "<h2>%s</h2>\n", g.sentence(6))
	for b.Len() < 3600 {
		switch g.rng.IntN(8) {
		case 0:
			fmt.Fprintf(&b, "<ul><li>%s</li><li>%s</li><li>%s</li></ul>\n", g.sentence(8), g.sentence(10), g.sentence(7))
		case 1:
			fmt.Fprintf(&b, "<blockquote><p>%s</p></blockquote>\n", g.sentence(18))
		default:
			fmt.Fprintf(&b, "<p>%s <strong>%s</strong> %s <a href=\"https://example.org/%s\">%s</a> %s <em>%s</em></p>\n",
				g.sentence(14), g.pick(words), g.sentence(12), g.pick(words), g.pick(words), g.sentence(16), g.pick(words))
		}
	}
	return b.String()
}

// editBodies are bodies W1 sends with its updates: editor HTML, as a save sends it.
func editBodies(n int) []string {
	g := newGenerator(time.Now(), 0, 0)
	out := make([]string, n)
	for i := range out {
		out[i] = g.body()
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// asciiSlug is a slug for generated text, which is ASCII words apart from a few names.
func asciiSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func prefix2(name string) string {
	r := []rune(strings.ToLower(name))
	return string(r[:min(2, len(r))])
}

// held is a rendered text as the service holds and stores it (packed when long).
func held(r richtext.Rendered) guildhall.RichText { return packtext.RichText(r.HTML, r.Text, r.Words) }
