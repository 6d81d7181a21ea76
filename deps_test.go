package guildhall_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// The dependency rules of docs/ARCHITECTURE.md ("The shape in one picture"), checked against
// what the packages really import, so that the picture cannot drift from the code unnoticed.
// Test files are not checked: tests may reach across layers (an end-to-end test starts the
// whole program).

const module = "github.com/guildhall/guildhall"

// A rule says what one package (or every package under a prefix ending in "/") may not import.
type rule struct {
	pkg string
	// forbidden reports whether imp may not be imported by pkg.
	forbidden func(imp string) bool
	why       string
}

// helpers are leaf packages of general use: each knows its own job and nothing of Guildhall,
// so that every layer may use them.
var helpers = []string{"cursor", "fold", "richtext", "slug", "clock", "requestid", "auth", "webhook", "playground", "embedded/"}

var rules = []rule{
	{"", notStandard, "the domain depends on the standard library alone"},
	{"cms", anyOf(driver, "mongodb", "embedded/", "graph/", "feed", "app", "server"),
		"the service declares the stores it needs (cms/store.go) and app wires them: it knows no store's package"},
	{"catalog", anyOf(driver, "mongodb", "cms"), "the read model is memory alone"},
	{"mongodb", anyOf("cms", "catalog", "graph/", "feed", "app", "server"),
		"the store speaks the domain's vocabulary only; rules stay out of it"},
	{"graph/", anyOf(driver, "mongodb", "catalog"), "transports talk to the service layer"},
	{"feed", anyOf(driver, "mongodb", "catalog"), "transports talk to the service layer"},
}

// driver is the MongoDB driver, whose BSON, ObjectIDs and errors stay inside mongodb/.
const driver = "go.mongodb.org/"

// anyOf forbids the packages of this module named relative to it (a trailing "/" takes
// the package and those under it), and anything whose path starts with a prefix containing
// a dot (another module).
func anyOf(names ...string) func(imp string) bool {
	return func(imp string) bool {
		for _, n := range names {
			if strings.Contains(strings.SplitN(n, "/", 2)[0], ".") {
				if strings.HasPrefix(imp, n) {
					return true
				}
			} else if ours(imp) && applies(n, rel(imp)) {
				return true
			}
		}
		return false
	}
}

func init() {
	for _, h := range helpers {
		rules = append(rules, rule{h, func(imp string) bool { return ours(imp) && !applies(h, rel(imp)) },
			"a helper package knows nothing of Guildhall's domain or layers"})
	}
}

// ours reports whether imp is a package of this module.
func ours(imp string) bool { return imp == module || strings.HasPrefix(imp, module+"/") }

// rel is a package path relative to the module: "" for the root.
func rel(path string) string { return strings.TrimPrefix(strings.TrimPrefix(path, module), "/") }

// notStandard reports whether imp is outside the standard library, whose paths have no dot
// in their first element.
func notStandard(imp string) bool {
	first, _, _ := strings.Cut(imp, "/")
	return strings.Contains(first, ".")
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
	pkgs := listPackages(t)
	if _, ok := pkgs[""]; !ok || len(pkgs) < 20 {
		t.Fatalf("go list found %d packages, not the module's", len(pkgs))
	}
	for _, r := range rules {
		matched := false
		for pkg, imports := range pkgs {
			if !applies(r.pkg, pkg) {
				continue
			}
			matched = true
			for _, imp := range imports {
				if r.forbidden(imp) {
					t.Errorf("%s imports %s: %s", name(pkg), imp, r.why)
				}
			}
		}
		if !matched {
			t.Errorf("rule for %q matches no package: update the rule with the package layout", r.pkg)
		}
	}
}

// applies reports whether a rule written for pattern covers pkg (both relative to the module).
func applies(pattern, pkg string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "/"); ok {
		return pkg == prefix || strings.HasPrefix(pkg, pattern)
	}
	return pkg == pattern
}

func name(pkg string) string {
	if pkg == "" {
		return "the module root (guildhall)"
	}
	return pkg
}

// The matchers must catch what they name, or the rules above would pass vacuously.
func TestRuleMatchers(t *testing.T) {
	forbid := anyOf(driver, "mongodb", "graph/")
	for imp, want := range map[string]bool{
		module + "/mongodb":                   true,
		module + "/graph":                     true,
		module + "/graph/model":               true,
		"go.mongodb.org/mongo-driver/v2/bson": true,
		module + "/mongodbx":                  false,
		module:                                false,
		"github.com/99designs/gqlgen/graphql": false,
		"time":                                false,
	} {
		if got := forbid(imp); got != want {
			t.Errorf("anyOf(driver, mongodb, graph/)(%s) = %v, want %v", imp, got, want)
		}
	}
	if notStandard("net/http") || !notStandard("golang.org/x/text/unicode/norm") {
		t.Error("notStandard tells the standard library wrongly")
	}
}
