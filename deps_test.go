package guildhall_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The dependency rules are the tables of docs/ARCHITECTURE.md's "Layers (enforced)": this
// test reads them from there and checks them against what the packages really import, so
// the document cannot drift from the code unnoticed, and a rule changes in one place.
// Test files are not checked: tests may reach across layers (an end-to-end test starts the
// whole program).

const (
	module       = "github.com/guildhall/guildhall"
	architecture = "docs/ARCHITECTURE.md"
	layersTitle  = "## Layers (enforced)"
)

// layerRules is what the section says.
type layerRules struct {
	// layers holds the package names of each layer, the highest first. A name ending in "/"
	// is a folder and the packages in it; "guildhall" is the module root.
	layers [][]string
	// kept says which packages (or outside-module path prefixes) only some may import.
	kept []keptRule
}

// keptRule: the packages named by pkgs may be imported only by those named by by.
type keptRule struct{ pkgs, by []string }

// domainMayImport is what the domain may use outside the standard library (the section says
// so in words): Unicode tables the standard library lacks.
var domainMayImport = []string{"golang.org/x/text/"}

var backticked = regexp.MustCompile("`([^`]+)`")

// readLayerRules parses the section's two tables: the layers, then what is kept inside.
func readLayerRules(doc string) (layerRules, error) {
	_, section, ok := strings.Cut(doc, "\n"+layersTitle+"\n")
	if !ok {
		return layerRules{}, fmt.Errorf("no %q section", layersTitle)
	}
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	var tables [][][]string // table, row, cell
	inTable := false
	for line := range strings.SplitSeq(section, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "|") {
			inTable = false
			continue
		}
		if !inTable {
			tables = append(tables, nil)
			inTable = true
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if strings.Trim(cells[0], " -:") == "" { // the line under the header
			continue
		}
		tables[len(tables)-1] = append(tables[len(tables)-1], cells)
	}
	if len(tables) != 2 {
		return layerRules{}, fmt.Errorf("%d tables in %q, want 2 (the layers, what is kept inside)", len(tables), layersTitle)
	}
	names := func(cell string) []string {
		var out []string
		for _, m := range backticked.FindAllStringSubmatch(cell, -1) {
			out = append(out, m[1])
		}
		return out
	}
	var r layerRules
	for _, row := range tables[0][1:] { // [0] is the header
		if len(row) < 2 || len(names(row[1])) == 0 {
			return layerRules{}, fmt.Errorf("layer row %q names no package", strings.Join(row, "|"))
		}
		r.layers = append(r.layers, names(row[1]))
	}
	for _, row := range tables[1][1:] {
		if len(row) < 2 || len(names(row[0])) == 0 || len(names(row[1])) == 0 {
			return layerRules{}, fmt.Errorf("kept row %q does not name packages and importers", strings.Join(row, "|"))
		}
		r.kept = append(r.kept, keptRule{names(row[0]), names(row[1])})
	}
	return r, nil
}

// name is a table's name for a package path relative to the module.
func name(pkg string) string {
	if pkg == "" {
		return "guildhall"
	}
	return pkg
}

// covers reports whether the table's name n covers pkg (relative to the module), and how
// specifically: an exact name beats a folder, a longer folder a shorter one (0: not at all).
func covers(n, pkg string) int {
	if folder, ok := strings.CutSuffix(n, "/"); ok {
		if name(pkg) == folder || strings.HasPrefix(name(pkg), n) {
			return len(n)
		}
		return 0
	}
	if name(pkg) == n {
		return 1 << 20
	}
	return 0
}

// layerOf returns the layer of pkg (0 the highest) and the name that put it there, or -1.
func (r layerRules) layerOf(pkg string) (int, string) {
	layer, by, best := -1, "", 0
	for i, names := range r.layers {
		for _, n := range names {
			if s := covers(n, pkg); s > best {
				layer, by, best = i, n, s
			}
		}
	}
	return layer, by
}

// outside reports whether n names paths outside the module (its first element has a dot).
func outside(n string) bool {
	first, _, _ := strings.Cut(n, "/")
	return strings.Contains(first, ".")
}

// matches reports whether the table's name n covers the import path imp.
func matches(n, imp string) bool {
	if outside(n) {
		return strings.HasPrefix(imp, n)
	}
	return ours(imp) && covers(n, rel(imp)) > 0
}

// ours reports whether imp is a package of this module.
func ours(imp string) bool { return imp == module || strings.HasPrefix(imp, module+"/") }

// rel is a package path relative to the module: "" for the root.
func rel(path string) string { return strings.TrimPrefix(strings.TrimPrefix(path, module), "/") }

// standard reports whether imp is in the standard library, whose paths have no dot in their
// first element.
func standard(imp string) bool { return !outside(imp) }

// check returns every import in pkgs (package relative to the module -> its imports) that
// breaks r, and every name of r that covers no package (a table gone stale).
func check(r layerRules, pkgs map[string][]string) []string {
	var broken []string
	for _, pkg := range slices.Sorted(maps.Keys(pkgs)) {
		layer, by := r.layerOf(pkg)
		if layer < 0 {
			broken = append(broken, fmt.Sprintf("%s is in no layer: add it to the row of its job in %s", name(pkg), architecture))
		}
		for _, imp := range pkgs[pkg] {
			if pkg == "" && !ours(imp) && !standard(imp) && !slices.ContainsFunc(domainMayImport, func(p string) bool { return strings.HasPrefix(imp, p) }) {
				broken = append(broken, fmt.Sprintf("the domain imports %s: it uses the standard library alone", imp))
			}
			if ours(imp) && layer >= 0 {
				il, iby := r.layerOf(rel(imp))
				sameFolder := strings.HasSuffix(by, "/") && iby == by
				if il >= 0 && il <= layer && !sameFolder {
					broken = append(broken, fmt.Sprintf("%s imports %s: a package imports only layers below its own", name(pkg), name(rel(imp))))
				}
			}
			for _, k := range r.kept {
				if !slices.ContainsFunc(k.pkgs, func(n string) bool { return matches(n, imp) }) {
					continue
				}
				inside := slices.ContainsFunc(k.pkgs, func(n string) bool { return !outside(n) && covers(n, pkg) > 0 })
				allowed := slices.ContainsFunc(k.by, func(n string) bool { return covers(n, pkg) > 0 })
				if !inside && !allowed {
					broken = append(broken, fmt.Sprintf("%s imports %s, which only %s may import", name(pkg), imp, strings.Join(k.by, ", ")))
				}
			}
		}
	}
	var named []string
	for _, names := range r.layers {
		named = append(named, names...)
	}
	for _, k := range r.kept {
		named = append(named, k.pkgs...)
		named = append(named, k.by...)
	}
	for _, n := range named {
		if outside(n) {
			continue
		}
		if !slices.ContainsFunc(slices.Collect(maps.Keys(pkgs)), func(pkg string) bool { return covers(n, pkg) > 0 }) {
			broken = append(broken, fmt.Sprintf("%s names %s, which is no package", architecture, n))
		}
	}
	return slices.Compact(broken)
}

// pkgList is what `go list` says of one package.
type pkgList struct {
	ImportPath string
	Imports    []string
}

// listPackages asks the go command for every package of the module and its imports.
func listPackages(t *testing.T) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports", "./...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	pkgs := map[string][]string{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkgList
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs[rel(p.ImportPath)] = p.Imports
	}
	return pkgs
}

func TestDependencyRules(t *testing.T) {
	doc, err := os.ReadFile(architecture)
	if err != nil {
		t.Fatal(err)
	}
	r, err := readLayerRules(string(doc))
	if err != nil {
		t.Fatalf("%s: %v", architecture, err)
	}
	pkgs := listPackages(t)
	if _, ok := pkgs[""]; !ok || len(pkgs) < 20 {
		t.Fatalf("go list found %d packages, not the module's", len(pkgs))
	}
	for _, b := range check(r, pkgs) {
		t.Error(b)
	}
}

// The checker must catch what the rules forbid, or TestDependencyRules would pass vacuously.
func TestDependencyRulesCatchBreaks(t *testing.T) {
	const doc = "# x\n" + layersTitle + `
| Layer | Packages | Job |
|---|---|---|
| wiring | ` + "`app`" + ` | x |
| transports | ` + "`graph/`, `feed`" + ` | x |
| service | ` + "`cms/`" + ` | x |
| parts | ` + "`catalog`, `mongodb`" + ` | x |
| forms | ` + "`internal/packtext`" + ` | x |
| foundation | ` + "`guildhall`, `fold`, `internal/`, `embedded/`" + ` | x |

| Package | Imported only by |
|---|---|
| ` + "`mongodb`, `embedded/`" + ` | ` + "`app`" + ` |
| ` + "`go.mongodb.org/`" + ` | ` + "`mongodb`" + ` |

## Next
| not | ` + "`read`" + ` |
`
	r, err := readLayerRules(doc)
	if err != nil {
		t.Fatal(err)
	}
	m := func(names ...string) []string {
		var out []string
		for _, n := range names {
			if outside(n) || standard(n) && !strings.Contains(n, "!") {
				out = append(out, n)
			} else {
				out = append(out, strings.TrimSuffix(module+"/"+strings.TrimPrefix(n, "!"), "/"))
			}
		}
		return out
	}
	good := map[string][]string{
		"":                      m("time", "golang.org/x/text/cases"),
		"fold":                  m("strings", "golang.org/x/text/unicode/norm"),
		"internal/packtext":     m("!", "github.com/klauspost/compress/zstd"),
		"internal/a":            m("!internal/b"),
		"internal/b":            nil,
		"embedded":              nil,
		"embedded/embeddedtest": m("!embedded"),
		"catalog":               m("!", "!fold", "!internal/packtext"),
		"mongodb":               m("!", "!internal/packtext", "go.mongodb.org/mongo-driver/v2/bson"),
		"cms":                   m("!", "!catalog", "!fold"),
		"cms/cmstest":           m("!cms", "!"),
		"graph":                 m("!cms", "!graph/model"),
		"graph/model":           m("!"),
		"feed":                  m("!cms"),
		"app":                   m("!cms", "!graph", "!feed", "!mongodb", "!embedded"),
	}
	if b := check(r, good); len(b) > 0 {
		t.Fatalf("a graph that keeps the rules is refused:\n%s", strings.Join(b, "\n"))
	}
	for _, c := range []struct{ pkg, imp, want string }{
		{"", "github.com/google/btree", "the domain imports"},
		{"", "!fold", "guildhall imports fold"},
		{"fold", "!", "fold imports guildhall"},
		{"internal/a", "!internal/packtext", "internal/a imports internal/packtext"},
		{"catalog", "!mongodb", "catalog imports mongodb"},
		{"catalog", "!cms", "catalog imports cms"},
		{"graph", "!mongodb", "only app may import"},
		{"graph", "!feed", "graph imports feed"},
		{"cms", "go.mongodb.org/mongo-driver/v2/mongo", "only mongodb may import"},
		{"cms", "!embedded/embeddedtest", "only app may import"},
		{"feed", "!app", "feed imports app"},
	} {
		pkgs := map[string][]string{}
		for k, v := range good {
			pkgs[k] = v
		}
		pkgs[c.pkg] = append(slices.Clone(pkgs[c.pkg]), m(c.imp)...)
		b := check(r, pkgs)
		if !slices.ContainsFunc(b, func(s string) bool { return strings.Contains(s, c.want) }) {
			t.Errorf("%s importing %s: got %q, want a break saying %q", name(c.pkg), c.imp, b, c.want)
		}
	}
	unknown := map[string][]string{"newpkg": nil}
	for k, v := range good {
		unknown[k] = v
	}
	if b := check(r, unknown); len(b) != 1 || !strings.Contains(b[0], "newpkg is in no layer") {
		t.Errorf("a package in no layer: got %q", b)
	}
	delete(good, "feed")
	if b := check(r, good); len(b) != 1 || !strings.Contains(b[0], "names feed, which is no package") {
		t.Errorf("a stale name: got %q", b)
	}
}
