package querycost_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/complexity"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"github.com/guildhall/guildhall/graph"
	"github.com/guildhall/guildhall/internal/querycost"
)

func parse(t *testing.T, q string) *ast.QueryDocument {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: q})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return doc
}

// fanOut is a fragment spread twice in a fragment spread twice, k deep: k lines, 2^k fields.
func fanOut(k int, leaf string) string {
	var b strings.Builder
	b.WriteString("{ viewer { ...G0 } }\n")
	for i := range k {
		fmt.Fprintf(&b, "fragment G%d on Viewer { ...G%d ...G%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment G%d on Viewer { %s }\n", k, leaf)
	return b.String()
}

func TestMeasure(t *testing.T) {
	for _, tc := range []struct {
		name  string
		query string
		want  querycost.Shape
	}{
		{"plain", `{ viewer { role scopes } }`, querycost.Shape{Selections: 3, Depth: 2}},
		{"arguments and directives count", `query($s: Boolean!) { posts(first: 5, filter: {tag: "a", search: "b"}) @include(if: $s) { totalCount } }`,
			querycost.Shape{Selections: 1 + 1 + 3 + 1 + 1 + 1, Depth: 2}},
		{"aliases", `{ a: viewer { role } b: viewer { r: role } viewer { role: role } }`, querycost.Shape{Selections: 6, Depth: 2, Aliases: 3}},
		{"a fragment counts wherever it is spread", "{ viewer { ...F } me: viewer { ...F } }\nfragment F on Viewer { role member { name } }",
			querycost.Shape{Selections: 2 + 2*(1+3), Depth: 3, Aliases: 1}},
		{"inline fragments", `{ node(id: "x") { ... on Post { title } ... on Member { name } } }`, querycost.Shape{Selections: 1 + 1 + 2 + 2, Depth: 2}},
		{"unused fragments count once", "{ viewer { role } }\nfragment U on Viewer { scopes }", querycost.Shape{Selections: 3, Depth: 2}},
		{"deferred", "{ viewer { ... @defer { role } } }", querycost.Shape{Selections: 4, Depth: 2, Deferred: true}},
		{"depth through fragments", "{ viewer { member { ...M } } }\nfragment M on Member { posts { nodes { title } } }",
			querycost.Shape{Selections: 6, Depth: 5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := querycost.Measure(t.Context(), parse(t, tc.query))
			if err != nil || got != tc.want {
				t.Errorf("Measure = %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

// Issue 11: a 40-line document that expands to 2^40 fields is measured at once, and its
// count saturates instead of overflowing.
func TestMeasureFanOut(t *testing.T) {
	got, err := querycost.Measure(t.Context(), parse(t, fanOut(40, "role")))
	if err != nil || got.Selections < 1<<31-1 || got.Depth != 2 {
		t.Errorf("fan-out: %+v, %v", got, err)
	}
	got, _ = querycost.Measure(t.Context(), parse(t, fanOut(200, "a: role")))
	if got.Selections != 1<<31-1 || got.Aliases != 1<<31-1 {
		t.Errorf("fan-out 200 deep: %+v", got)
	}
}

func TestMeasureRefusesCycles(t *testing.T) {
	for _, q := range []string{
		"{ viewer { ...A } }\nfragment A on Viewer { ...A }",
		"{ viewer { ...A } }\nfragment A on Viewer { role ...B }\nfragment B on Viewer { member { viewer: id } ...A }",
		"{ viewer { role } }\nfragment A on Viewer { ...B }\nfragment B on Viewer { ...A }", // unused, still a cycle
	} {
		_, err := querycost.Measure(t.Context(), parse(t, q))
		var cycle *querycost.CycleError
		if !errors.As(err, &cycle) {
			t.Errorf("%q: %v, want a cycle", q, err)
		}
	}
	// A fragment spread twice is not a cycle.
	if _, err := querycost.Measure(t.Context(), parse(t, "{ viewer { ...A ...A } }\nfragment A on Viewer { role }")); err != nil {
		t.Errorf("a repeated spread: %v", err)
	}
}

func TestMeasureStopsWhenTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := querycost.Measure(ctx, parse(t, "{ viewer { "+strings.Repeat("role ", 1000)+"} }")); !errors.Is(err, context.Canceled) {
		t.Errorf("Measure with an ended context: %v", err)
	}
	if _, err := querycost.RepeatedPairs(ctx, parse(t, "{ viewer { "+strings.Repeat("role ", 1000)+"} }")); !errors.Is(err, context.Canceled) {
		t.Errorf("RepeatedPairs with an ended context: %v", err)
	}
}

func TestRepeatedPairs(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  int
	}{
		{`{ viewer { role scopes } }`, 0},
		{`{ viewer { role role role } }`, 3},
		{`{ viewer { role } viewer { role } }`, 1 + 1},
		{`{ a: viewer { role } b: viewer { role } }`, 0},
		{"{ viewer { role ...F } }\nfragment F on Viewer { role }", 1},
		{`{ node(id: "x") { ... on Post { id } ... on Member { id } } }`, 1},
		// 8 copies at one place; and each fragment is checked on its own too (G0 holds 8
		// copies, G1 4, G2 2).
		{fanOut(3, "role"), 28 + 28 + 6 + 1},
	} {
		got, err := querycost.RepeatedPairs(t.Context(), parse(t, tc.query))
		if err != nil || got != tc.want {
			t.Errorf("%q: %d pairs, %v; want %d", tc.query, got, err, tc.want)
		}
	}
}

// Complexity gives gqlgen's numbers, from the schema's own complexity functions.
func TestComplexityAsGqlgen(t *testing.T) {
	es := graph.NewSchema(nil)
	vars := map[string]any{"n": int64(7)}
	for _, q := range []string{
		`{ viewer { role } }`,
		`query($n: Int) { posts(first: $n) { totalCount nodes { title author { name posts(first: 3) { nodes { title } } } } } }`,
		`{ posts { nodes { revisions(first: 4) { nodes { body { html } } } } } }`,
		`{ node(id: "x") { id ... on Post { related(first: 5) { title } } } }`,
		"{ posts(first: 50) { nodes { ...P } } members { nodes { posts(first: 2) { nodes { ...P } } } } }\nfragment P on Post { title tags related(first: 3) { ...Q } }\nfragment Q on Post { slug }",
		fanOut(12, "member { name }"),
		`{ __schema { types { name } } __type(name: "Post") { name } }`,
	} {
		doc := parse(t, q)
		if errs := validator.ValidateWithRules(es.Schema(), doc, rules.NewDefaultRules()); len(errs) > 0 {
			t.Fatalf("%q: %v", q, errs)
		}
		op := doc.Operations[0]
		want := complexity.Calculate(t.Context(), es, op, vars)
		got, err := querycost.Complexity(t.Context(), es, op, vars, nil)
		if err != nil || got != want {
			t.Errorf("%q: %d, %v; gqlgen says %d", q, got, err, want)
		}
	}
}

func TestComplexityVisitsEachFieldOnce(t *testing.T) {
	es := graph.NewSchema(nil)
	doc := parse(t, fanOut(40, "role"))
	if errs := validator.ValidateWithRules(es.Schema(), doc, rules.NewDefaultRules()); len(errs) > 0 {
		t.Fatal(errs)
	}
	visits := 0
	n, err := querycost.Complexity(t.Context(), es, doc.Operations[0], nil, func(*ast.Field, map[string]any) error { visits++; return nil })
	if err != nil || n < 1<<31-1 || visits != 2 {
		t.Errorf("fan-out: complexity %d, %v, %d fields visited", n, err, visits)
	}
	refuse := errors.New("refused")
	if _, err := querycost.Complexity(t.Context(), es, doc.Operations[0], nil, func(*ast.Field, map[string]any) error { return refuse }); err != refuse {
		t.Errorf("a refusing visit: %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	big := parse(t, "{ viewer { "+strings.Repeat("role ", 500)+"} }")
	validator.ValidateWithRules(es.Schema(), big, rules.NewDefaultRules())
	if _, err := querycost.Complexity(ctx, es, big.Operations[0], nil, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Complexity with an ended context: %v", err)
	}
}
