package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
)

// runSizes is the scale run (-sizes): the scenarios at each number of posts, each seeded in
// a folder of its own (kept and reused with -data), then the sizes side by side: what a
// start costs at each (the first start of a binary on the data loads everything from the
// database; a restart may start from the snapshot its predecessor wrote), the memory, and
// each scenario's p99 at the first -latency-load fraction of its rate (half, by default).
func runSizes(ctx context.Context, o options) error {
	base := o.data
	if base == "" {
		tmp, err := os.MkdirTemp("", "guildhall-bench-sizes-")
		if err != nil {
			return err
		}
		base = tmp
		if !o.keep {
			defer os.RemoveAll(base)
		}
	}
	fmt.Printf("load at start of the scale run: %s\n", loadAverage())
	var results []*sizeResult
	for _, n := range o.sizes {
		one := o
		one.posts, one.data = n, filepath.Join(base, fmt.Sprintf("posts-%d", n))
		if err := os.MkdirAll(one.data, 0o700); err != nil {
			return err
		}
		fmt.Printf("\n=== %d posts (%s)\n", n, one.data)
		res, err := run(ctx, one)
		if err != nil {
			return err
		}
		results = append(results, res)
		if ctx.Err() != nil {
			break
		}
	}
	printSizes(o, results)
	fmt.Printf("load at end of the scale run: %s\n", loadAverage())
	if o.data == "" && o.keep {
		fmt.Printf("data and logs kept in %s\n", base)
	}
	return nil
}

// printSizes prints one line per size and binary, and the ratios of the largest size to the
// smallest that issue 18 sets targets for.
func printSizes(o options, results []*sizeResult) {
	if len(results) == 0 {
		return
	}
	frac := 0.5
	if len(o.fractions) > 0 {
		frac = o.fractions[0]
	}
	var scenarios []string
	for _, name := range o.scenarios {
		if s, ok := findScenario(name); ok && !s.ceiling {
			scenarios = append(scenarios, name)
		}
	}
	fmt.Printf("\nScale: the sizes side by side (p99 at %.0f%% of each scenario's measured rate)\n", 100*frac)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := "posts\tserver\tready first s\tready restart s\tRSS ready MiB\tpeak RSS MiB\tlive heap MiB\t"
	for _, name := range scenarios {
		head += name + " req/s\t" + name + " p99 ms\t"
	}
	fmt.Fprintln(tw, head)
	type key struct {
		posts int
		bin   string
	}
	ready := map[key][2]float64{} // first, restart
	p99 := map[key]map[string]float64{}
	bins := binLabels(o)
	for _, res := range results {
		for _, bin := range bins {
			k := key{res.posts, bin}
			first, restart, rssReady := "-", "-", "-"
			var rd [2]float64
			for _, st := range res.starts {
				if st.bin != bin {
					continue
				}
				if !st.restart && first == "-" {
					first, rd[0] = fmt.Sprintf("%.2f", st.ready.Seconds()), st.ready.Seconds()
					rssReady = mib(st.rss)
				}
				if st.restart { // the last restart counts: the one from the newest snapshot
					restart, rd[1] = fmt.Sprintf("%.2f", st.ready.Seconds()), st.ready.Seconds()
					rssReady = mib(st.rss)
				}
			}
			ready[k] = rd
			var peak, heap int64
			cells := ""
			p99[k] = map[string]float64{}
			for _, name := range scenarios {
				r := findRow(res.rows, name+bin)
				if r == nil || r.notRun != "" {
					cells += "-\t-\t"
					continue
				}
				peak, heap = max(peak, r.rss), max(heap, r.heap)
				q := "-"
				if len(r.lat) > 0 && r.lat[0].latency != nil && r.lat[0].requests > 0 {
					p99[k][name] = r.lat[0].quantileMillis(99)
					q = fmt.Sprintf("%.2f", p99[k][name])
				}
				cells += fmt.Sprintf("%.0f\t%s\t", r.max.perSecond(), q)
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", res.posts, cmpOr(strings.TrimSpace(bin), "-"), first, restart, rssReady, mib(peak), mib(heap), cells)
		}
	}
	tw.Flush()
	if len(results) < 2 {
		return
	}
	small, large := results[0].posts, results[len(results)-1].posts
	for _, bin := range bins {
		a, b := ready[key{small, bin}], ready[key{large, bin}]
		label := cmpOr(strings.TrimSpace(bin), "this build")
		if a[1] > 0 && b[1] > 0 {
			fmt.Printf("%s: ready at %d posts / at %d posts, restarts: %.1fx (issue 18: at most 3x)\n", label, large, small, b[1]/a[1])
		}
		if a[0] > 0 && b[0] > 0 {
			fmt.Printf("%s: ready at %d posts / at %d posts, first starts (full loads): %.1fx\n", label, large, small, b[0]/a[0])
		}
		for _, name := range scenarios {
			x, y := p99[key{small, bin}][name], p99[key{large, bin}][name]
			if x > 0 && y > 0 {
				fmt.Printf("%s: %s p99 at %d posts / at %d posts: %.1fx (issue 18: at most 2x, from 20,000)\n", label, name, large, small, y/x)
			}
		}
	}
}

func binLabels(o options) []string {
	out := make([]string, len(o.serverBins))
	for i := range o.serverBins {
		out[i] = abLabel(o.serverBins, i)
	}
	return out
}

func findRow(rows []*row, name string) *row {
	i := slices.IndexFunc(rows, func(r *row) bool { return r.name == name })
	if i < 0 {
		return nil
	}
	return rows[i]
}
