// Command bench measures Guildhall under a fixed workload: `go run ./bench`.
//
// It seeds 1,000 members and 20,000 posts of about 4 KB of HTML (90% published, over ten
// years, with tags and blocks) into a fresh embedded database, starts the server on it as a
// separate process, and drives GraphQL over HTTP with 16 connections for each scenario of
// issue 7 (Q1 to Q5 and W1), beside a plain Go handler that answers a fixed 2 KB JSON body
// (the ceiling). It prints requests a second, p50 and p99 latency, errors, the server's peak
// RSS and its time to ready. See the README's "Benchmark" section for how to read it.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

type options struct {
	duration   time.Duration
	warmup     time.Duration
	conns      int
	posts      int
	members    int
	scenarios  []string
	assets     int
	fractions  []float64 // of the measured rate, for the latency phases
	cacheOff   bool
	logLevel   string
	data       string
	keep       bool
	profile    string
	profOut    string
	serverBins []string
	sizes      []int // the scale run's numbers of posts, each seeded in its own folder
}

func main() {
	if runRole() {
		return
	}
	var o options
	var list string
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "how long each measured phase lasts (every scenario has two)")
	flag.DurationVar(&o.warmup, "warmup", 2*time.Second, "unmeasured load before each scenario")
	flag.IntVar(&o.conns, "conns", 16, "concurrent connections")
	flag.IntVar(&o.posts, "posts", 20000, "posts to seed (200000 for the scale run)")
	flag.IntVar(&o.members, "members", 1000, "members to seed")
	flag.IntVar(&o.assets, "assets", 2000, "images to upload for the cold media scenarios (M-original-cold, M-variant-cold)")
	// Q4 runs right after Q1-cold: the target compares the two, and on a shared machine the
	// rate drifts from minute to minute, so they are measured side by side.
	flag.StringVar(&list, "scenarios", "ceiling,Q1-cold,Q4,Q2,Q3,Q1,Q5,W1", "comma-separated scenarios to run, in this order")
	var loads string
	flag.StringVar(&loads, "latency-load", "0.5,0.8", "comma-separated fractions of the measured requests a second: an open-loop latency phase runs at each")
	flag.BoolVar(&o.cacheOff, "cache-off", false, "run every scenario with the response cache off")
	flag.StringVar(&o.logLevel, "server-log-level", "warn", "the server's GUILDHALL_LOG_LEVEL (info logs a line per request)")
	flag.StringVar(&o.data, "data", "", "folder for the database and logs, kept afterwards and reused without seeding by the next run (default: a temporary one)")
	flag.BoolVar(&o.keep, "keep", false, "keep the temporary database folder and server logs")
	flag.StringVar(&o.profile, "profile", "", "take a CPU profile of the server during this scenario's requests-a-second phase (e.g. Q1-cold)")
	flag.StringVar(&o.profOut, "profile-out", "cpu.pprof", "where -profile writes the profile")
	var soak soakOptions
	flag.DurationVar(&soak.duration, "soak", 0, "run the soak for this long instead of the scenarios (e.g. 10m): two instances on one database, one killed and restarted every -soak-kill-every")
	flag.DurationVar(&soak.killEvery, "soak-kill-every", 2*time.Minute, "how often the soak kills an instance (SIGKILL) and restarts it, taking turns")
	flag.IntVar(&soak.workers, "soak-workers", 4, "the soak's concurrent clients, each sending to both instances in turn")
	flag.Float64Var(&soak.writes, "soak-writes", 0.2, "the share of the soak's requests that write")
	flag.DurationVar(&soak.pace, "soak-pace", 10*time.Millisecond, "each soak client's pause between requests")
	var bins string
	flag.StringVar(&bins, "server-bin", "", "comma-separated server binaries to compare (A/B) on the same data, each run as the bench's server role; default: this binary")
	var sizes string
	flag.StringVar(&sizes, "sizes", "", "comma-separated numbers of posts (e.g. 1000,200000): run the scenarios at each, one folder each, restarting every server once more to time a start from its snapshot, and end with a table of the sizes side by side (ready, RSS, live heap, p99)")
	var wxr string
	flag.StringVar(&wxr, "wxr", "", "write the content (-members, -posts) as a WordPress export to this file and exit, to measure `server import wordpress`")
	flag.Parse()
	if wxr != "" {
		if err := writeWXR(wxr, o.members, o.posts); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	o.scenarios = strings.Split(list, ",")
	for _, f := range strings.Split(loads, ",") {
		x, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || x <= 0 || x > 1 {
			fmt.Fprintf(os.Stderr, "bench: -latency-load: %q is not a fraction between 0 and 1\n", f)
			os.Exit(2)
		}
		o.fractions = append(o.fractions, x)
	}
	for _, f := range strings.Split(sizes, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "bench: -sizes: %q is not a number of posts\n", f)
			os.Exit(2)
		}
		o.sizes = append(o.sizes, n)
	}
	o.serverBins = []string{""}
	if bins != "" {
		o.serverBins = strings.Split(bins, ",")
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if soak.duration > 0 {
		if err := runSoak(ctx, soak); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if len(o.sizes) > 0 {
		if err := runSizes(ctx, o); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if _, err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// row is one line of the table.
type row struct {
	name       string
	max        result   // closed loop: requests a second
	lat        []result // open loop: latency, one per fraction of the rate
	rss        int64    // peak resident memory of the server so far (VmHWM)
	heap       int64    // the heap its last garbage collection left live
	note       string
	notRun     string
	firstError string
}

// start is one start of a server: how long it took to be ready, and whether it was the
// binary's first on this data (a full load) or a restart (from its snapshot, if it keeps one).
type start struct {
	bin     string // the A/B label, or ""
	restart bool
	ready   time.Duration
	rss     int64 // resident memory once ready
}

// sizeResult is what one run at one size measured.
type sizeResult struct {
	posts  int
	rows   []*row
	starts []start
}

func run(ctx context.Context, o options) (*sizeResult, error) {
	res := &sizeResult{posts: o.posts}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	dir := o.data
	if dir == "" {
		tmp, err := os.MkdirTemp("", "guildhall-bench-")
		if err != nil {
			return nil, err
		}
		dir = tmp
	}
	if o.data == "" && !o.keep {
		defer os.RemoveAll(dir) // only a folder the bench made itself
	}
	dbDir, logDir := filepath.Join(dir, "db"), filepath.Join(dir, "logs")
	if err := os.MkdirAll(logDir, 0o700); err != nil {
		return nil, err
	}

	fmt.Printf("Guildhall bench: %d members, %d posts, %d connections, %s per phase, %s, GOMAXPROCS %d\n",
		o.members, o.posts, o.conns, o.duration, runtime.Version(), runtime.GOMAXPROCS(0))
	fmt.Printf("load at start: %s\n", loadAverage())
	w, reused, err := loadWorkload(dir)
	if err != nil {
		return nil, err
	}
	if reused {
		fmt.Printf("reusing the workload in %s: %d posts (-posts and -members do not apply)\n", dir, w.TotalPosts)
	} else {
		if w, err = seedWorkload(ctx, dbDir, o.members, o.posts, log); err != nil {
			return nil, err
		}
		if err := saveWorkload(dir, w); err != nil {
			return nil, err
		}
		fmt.Printf("seeded in %.1f s (%d published posts whose time has come)\n", w.Seconds, w.LivePosts)
	}

	token := randomHex(24)
	e := &env{token: token, w: w, conns: o.conns, run: randomHex(4), bodies: editBodies(64), reused: reused,
		assets: o.assets, media: &mediaState{}}
	if err := writeStaticPhoto(); err != nil {
		return nil, err
	}
	var rows []*row
	var ceiling *row
	var readiness []string
	started := map[string]bool{} // binaries started once already on this data

	// Group scenarios by the process they run against, starting each process once (per
	// server binary, for A/B runs).
	type group struct {
		ceiling, cold bool
		names         []string
	}
	var groups []*group
	for _, name := range o.scenarios {
		s, ok := findScenario(name)
		if !ok {
			return nil, fmt.Errorf("unknown scenario %q", name)
		}
		cold := s.cold || o.cacheOff
		gi := slices.IndexFunc(groups, func(g *group) bool { return g.ceiling == s.ceiling && g.cold == cold })
		if gi < 0 {
			groups = append(groups, &group{ceiling: s.ceiling, cold: cold})
			gi = len(groups) - 1
		}
		groups[gi].names = append(groups[gi].names, name)
	}

	if len(o.sizes) > 0 {
		// The scale run starts each binary once first and stops it (which writes its
		// snapshot, where it keeps one): the scenarios then measure servers as they run
		// after their first start on the data, and their starts are restarts.
		for bi, bin := range o.serverBins {
			c, err := startChild(bin, "server", []string{"-data", dbDir, "-seed=false"},
				[]string{"GUILDHALL_ADMIN_TOKEN=" + token, "GUILDHALL_LOG_LEVEL=" + o.logLevel}, "/readyz", logDir, false)
			if err != nil {
				return nil, err
			}
			st := start{bin: abLabel(o.serverBins, bi), ready: c.ready, rss: procMemory(c.cmd.Process.Pid, "VmRSS")}
			res.starts = append(res.starts, st)
			started[bin] = true
			readiness = append(readiness, fmt.Sprintf("time to ready%s (first start on this data): %.2f s", st.bin, c.ready.Seconds()))
			fmt.Fprintln(os.Stderr, "  "+readiness[len(readiness)-1])
			c.stop()
		}
	}
	for _, g := range groups {
		bins := o.serverBins
		if g.ceiling {
			bins = []string{""}
		}
		for bi, bin := range bins {
			var c *child
			label := abLabel(bins, bi)
			if g.ceiling {
				c, err = startChild("", "ceiling", nil, nil, "/", logDir, false)
			} else {
				environ := []string{"GUILDHALL_ADMIN_TOKEN=" + token, "GUILDHALL_LOG_LEVEL=" + o.logLevel, "GUILDHALL_ENV=development"}
				if g.cold {
					environ = append(environ, "GUILDHALL_RESPONSE_CACHE=off")
				}
				c, err = startChild(bin, "server", []string{"-data", dbDir, "-seed=false"}, environ, "/readyz", logDir, o.profile != "")
				if err == nil {
					res.starts = append(res.starts, start{bin: label, restart: started[bin], ready: c.ready, rss: procMemory(c.cmd.Process.Pid, "VmRSS")})
					started[bin] = true
					line := fmt.Sprintf("time to ready%s (response cache %s): %.2f s", label, onOff(!g.cold), c.ready.Seconds())
					readiness = append(readiness, line)
					fmt.Fprintln(os.Stderr, "  "+line)
				}
			}
			if err != nil {
				return nil, err
			}
			e.base = c.base
			for _, name := range g.names {
				if ctx.Err() != nil {
					break
				}
				s, _ := findScenario(name)
				r := &row{name: name + label}
				rows = append(rows, r)
				if s.ceiling {
					ceiling = r
				}
				if err := measure(ctx, o, e, s, c, r); err != nil {
					r.notRun = err.Error()
				}
				if !g.ceiling {
					r.rss, r.heap = c.peakRSS(), c.liveHeap()
				}
				fmt.Fprintf(os.Stderr, "  %s: %.0f/s\n", r.name, r.max.perSecond())
			}
			c.stop()
		}
	}
	if ceiling != nil && len(groups) > 1 && ctx.Err() == nil {
		// The machine's ceiling again at the end: on a shared machine other work comes and
		// goes, and a ceiling measured low would flatter every share. The higher one counts.
		if c, err := startChild("", "ceiling", nil, nil, "/", logDir, false); err == nil {
			e.base = c.base
			again := &row{name: "ceiling (end)"}
			s, _ := findScenario("ceiling")
			if err := measure(ctx, o, e, s, c, again); err == nil {
				rows = append(rows, again)
				if again.max.perSecond() > ceiling.max.perSecond() {
					ceiling = again
				}
			}
			c.stop()
		}
	}
	printTable(os.Stdout, rows, ceiling, o.fractions)
	for _, line := range readiness {
		fmt.Println(line)
	}
	fmt.Printf("load at end: %s\n", loadAverage())
	if o.keep {
		fmt.Printf("data and logs kept in %s\n", dir)
	}
	res.rows = rows
	return res, nil
}

// measure runs one scenario: a warm-up, the closed loop for requests a second, then the open
// loop at a fraction of that rate for latency.
func measure(ctx context.Context, o options, e *env, s scenario, c *child, r *row) error {
	if s.prepare != nil {
		if err := s.prepare(ctx, e); err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
	}
	jobs := make([]job, o.conns)
	for i := range jobs {
		jobs[i] = s.job(e, i)
	}
	if s.want != "" {
		if err := probe(jobs[0], s.want); err != nil {
			return fmt.Errorf("probe: %w", err)
		}
	}
	hc := make([]*http.Client, o.conns)
	for i := range hc {
		hc[i] = newClient()
	}
	drive(ctx, jobs, hc, o.warmup, 0)

	profiled := make(chan error, 1)
	if o.profile == s.name {
		go func() { profiled <- c.profile(max(1, int(o.duration.Seconds())-1), o.profOut) }()
	} else {
		profiled <- nil
	}
	r.max = drive(ctx, jobs, hc, o.duration, 0)
	if err := <-profiled; err != nil {
		return fmt.Errorf("profile: %w", err)
	} else if o.profile == s.name {
		fmt.Printf("CPU profile of %s written to %s (go tool pprof -top %s)\n", s.name, o.profOut, o.profOut)
	}
	r.firstError = r.max.firstError
	for _, f := range o.fractions {
		var lat result
		if rate := r.max.perSecond() * f; rate > 0 {
			lat = drive(ctx, jobs, hc, o.duration, rate)
		}
		r.lat = append(r.lat, lat)
		r.firstError = cmpOr(r.firstError, lat.firstError)
	}
	if s.note != nil {
		r.note = s.note(e)
	}
	return nil
}

// abLabel names binary i of an A/B run (" [A]"), or nothing when there is one.
func abLabel(bins []string, i int) string {
	if len(bins) < 2 {
		return ""
	}
	return fmt.Sprintf(" [%c]", 'A'+i)
}

func printTable(w io.Writer, rows []*row, ceiling *row, fractions []float64) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := "scenario\treq/s\tof ceiling\t"
	for _, f := range fractions {
		head += fmt.Sprintf("p50 ms @%.0f%%\tp99 ms @%.0f%%\t", 100*f, 100*f)
	}
	fmt.Fprintln(tw, head+"errors\tpeak RSS MiB\tlive heap MiB\t")
	for _, r := range rows {
		if r.notRun != "" {
			fmt.Fprintf(tw, "%s\t-\t-\t%s-\t-\t-\t\n", r.name, strings.Repeat("-\t-\t", len(fractions)))
			continue
		}
		share := "-"
		if ceiling != nil && ceiling.max.perSecond() > 0 {
			share = fmt.Sprintf("%.1f%%", 100*r.max.perSecond()/ceiling.max.perSecond())
		}
		rss, heap := mib(r.rss), mib(r.heap)
		latency, errors := "", r.max.errors
		for i := range fractions {
			p50, p99 := "-", "-"
			if i < len(r.lat) && r.lat[i].latency != nil && r.lat[i].requests > 0 {
				p50, p99 = fmt.Sprintf("%.2f", r.lat[i].quantileMillis(50)), fmt.Sprintf("%.2f", r.lat[i].quantileMillis(99))
				errors += r.lat[i].errors
			}
			latency += p50 + "\t" + p99 + "\t"
		}
		fmt.Fprintf(tw, "%s\t%.0f\t%s\t%s%d\t%s\t%s\t\n", r.name, r.max.perSecond(), share, latency, errors, rss, heap)
	}
	tw.Flush()
	for _, r := range rows {
		switch {
		case r.notRun != "":
			fmt.Fprintf(w, "%s not run: %s\n", r.name, r.notRun)
		case r.firstError != "":
			fmt.Fprintf(w, "%s first error: %s\n", r.name, r.firstError)
		}
		if r.note != "" {
			fmt.Fprintf(w, "%s: %s\n", r.name, r.note)
		}
	}
}

// mib renders bytes in MiB, or "-" for none.
func mib(b int64) string {
	if b <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f", float64(b)/(1<<20))
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return fmt.Sprintf("load average %s %s %s (1, 5, 15 min) on %d cores", f[0], f[1], f[2], runtime.NumCPU())
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
