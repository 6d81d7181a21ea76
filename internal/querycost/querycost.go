// Package querycost measures GraphQL documents in time linear in their size, so that what a
// query costs is known before anything expensive is done with it.
//
// A document is small but may expand to an enormous one: a fragment spread twice in a
// fragment spread twice, forty deep, is 40 lines and 2^40 fields. Walking every path (as
// gqlgen's complexity count and some of gqlparser's validation rules do) costs what the
// expansion costs. Here each fragment is measured once, and its measure reused wherever it
// is spread; the counts saturate rather than overflow.
package querycost

import (
	"context"
	"fmt"
	"math"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Shape is what a document asks for once every fragment is expanded where it is spread.
type Shape struct {
	// Selections counts fields, fragment spreads, inline fragments, directives and the
	// nodes of argument values: what validation and execution visit.
	Selections int
	Depth      int  // the deepest nesting of fields
	Aliases    int  // fields with an alias
	Deferred   bool // some fragment or field is marked @defer
}

// CycleError is a fragment that spreads itself, directly or through others. Such a
// document is invalid, and would expand forever.
type CycleError struct{ Fragment string }

func (e *CycleError) Error() string {
	return fmt.Sprintf("Cannot spread fragment %q within itself.", e.Fragment)
}

// saturated is where counts stop: far past any limit, far from overflowing when added.
const saturated = math.MaxInt32

func add(a, b int) int { return min(a+b, saturated) }

func mul(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	if a > saturated/b {
		return saturated
	}
	return a * b
}

// checkEvery is how many nodes a walk visits between looks at its context.
const checkEvery = 64

// Measure measures doc: every operation, and every fragment no operation spreads (the
// validator walks those too). It returns a *CycleError for a fragment that spreads itself,
// and the context's error if ctx ends first.
func Measure(ctx context.Context, doc *ast.QueryDocument) (Shape, error) {
	m := meter{ctx: ctx, fragments: map[string]*ast.FragmentDefinition{}, measured: map[string]*Shape{}}
	for _, f := range doc.Fragments {
		if _, dup := m.fragments[f.Name]; !dup { // as gqlparser: the first of a name
			m.fragments[f.Name] = f
		}
	}
	var total Shape
	sum := func(s Shape) {
		total.Selections = add(total.Selections, s.Selections)
		total.Aliases = add(total.Aliases, s.Aliases)
		total.Depth = max(total.Depth, s.Depth)
		total.Deferred = total.Deferred || s.Deferred
	}
	for _, op := range doc.Operations {
		sum(m.directives(op.Directives))
		sum(m.selectionSet(op.SelectionSet))
	}
	for _, f := range doc.Fragments {
		if _, reached := m.measured[f.Name]; !reached {
			sum(m.fragment(f.Name))
		}
	}
	return total, m.err
}

type meter struct {
	ctx       context.Context
	fragments map[string]*ast.FragmentDefinition
	// measured holds each fragment's shape once known, and nil while it is being measured:
	// meeting a nil again is a cycle.
	measured map[string]*Shape
	visited  int
	err      error
}

// stop reports whether the walk must end: a cycle was found, or the context ended.
func (m *meter) stop() bool {
	if m.err != nil {
		return true
	}
	if m.visited++; m.visited%checkEvery == 0 {
		m.err = m.ctx.Err()
	}
	return m.err != nil
}

func (m *meter) selectionSet(set ast.SelectionSet) Shape {
	var out Shape
	for _, sel := range set {
		if m.stop() {
			return out
		}
		var s Shape
		switch sel := sel.(type) {
		case *ast.Field:
			s = m.selectionSet(sel.SelectionSet)
			s.Depth++
			s.Selections = add(s.Selections, 1)
			for _, arg := range sel.Arguments {
				s.Selections = add(s.Selections, valueNodes(arg.Value))
			}
			if sel.Alias != "" && sel.Alias != sel.Name {
				s.Aliases = add(s.Aliases, 1)
			}
			s = join(s, m.directives(sel.Directives))
		case *ast.InlineFragment:
			s = join(m.selectionSet(sel.SelectionSet), m.directives(sel.Directives))
			s.Selections = add(s.Selections, 1)
		case *ast.FragmentSpread:
			s = join(m.fragment(sel.Name), m.directives(sel.Directives))
			s.Selections = add(s.Selections, 1)
		}
		out = join(out, s)
	}
	return out
}

// join is the shape of two selections side by side.
func join(a, b Shape) Shape {
	return Shape{
		Selections: add(a.Selections, b.Selections),
		Depth:      max(a.Depth, b.Depth),
		Aliases:    add(a.Aliases, b.Aliases),
		Deferred:   a.Deferred || b.Deferred,
	}
}

func (m *meter) fragment(name string) Shape {
	if s, seen := m.measured[name]; seen {
		if s == nil {
			if m.err == nil {
				m.err = &CycleError{Fragment: name}
			}
			return Shape{}
		}
		return *s
	}
	def := m.fragments[name]
	if def == nil {
		return Shape{} // an unknown fragment: validation says so
	}
	m.measured[name] = nil
	s := join(m.selectionSet(def.SelectionSet), m.directives(def.Directives))
	m.measured[name] = &s
	return s
}

func (m *meter) directives(list ast.DirectiveList) Shape {
	var s Shape
	for _, d := range list {
		s.Selections = add(s.Selections, 1)
		for _, arg := range d.Arguments {
			s.Selections = add(s.Selections, valueNodes(arg.Value))
		}
		if d.Name == "defer" {
			s.Deferred = true
		}
	}
	return s
}

// valueNodes counts the nodes of an argument's value: a list or an object counts its
// elements too.
func valueNodes(v *ast.Value) int {
	if v == nil {
		return 0
	}
	n := 1
	for _, c := range v.Children {
		n = add(n, valueNodes(c.Value))
	}
	return n
}

// Complexity is gqlgen's complexity.Calculate for a validated operation (the same numbers,
// from the same per-field functions), with each fragment's cost computed once per call
// rather than once for every path that reaches it. visit, when not nil, sees every field
// once per place it appears (each fragment once) with its arguments, and may refuse it.
// It returns the context's error if ctx ends first.
func Complexity(ctx context.Context, es graphql.ExecutableSchema, op *ast.OperationDefinition, vars map[string]any,
	visit func(f *ast.Field, args map[string]any) error,
) (int, error) {
	w := weigher{meter: meter{ctx: ctx}, es: es, schema: es.Schema(), vars: vars, visit: visit}
	n := w.selectionSet(op.SelectionSet)
	return n, w.err
}

type weigher struct {
	meter
	es     graphql.ExecutableSchema
	schema *ast.Schema
	vars   map[string]any
	visit  func(*ast.Field, map[string]any) error
	costs  map[string]int // by fragment name; made at the first spread
}

func (w *weigher) selectionSet(set ast.SelectionSet) int {
	total := 0
	for _, sel := range set {
		if w.stop() {
			return total
		}
		switch sel := sel.(type) {
		case *ast.Field:
			total = add(total, w.field(sel))
		case *ast.InlineFragment:
			total = add(total, w.selectionSet(sel.SelectionSet))
		case *ast.FragmentSpread:
			if w.costs == nil {
				w.costs = map[string]int{}
			}
			cost, ok := w.costs[sel.Name]
			if !ok {
				w.costs[sel.Name] = 0 // validation refused cycles; never loop on one anyway
				if sel.Definition != nil {
					cost = w.selectionSet(sel.Definition.SelectionSet)
				}
				w.costs[sel.Name] = cost
			}
			total = add(total, cost)
		}
	}
	return total
}

func (w *weigher) field(f *ast.Field) int {
	if f.Definition == nil || f.ObjectDefinition == nil {
		return 0 // not validated: nothing to price
	}
	typ := w.schema.Types[f.Definition.Type.Name()]
	if typ == nil || typ.Name == "__Schema" {
		return 0 // as gqlgen: introspection of the schema is not priced
	}
	args := f.ArgumentMap(w.vars)
	if w.visit != nil && w.err == nil {
		w.err = w.visit(f, args)
	}
	child := 0
	switch typ.Kind {
	case ast.Object, ast.Interface, ast.Union:
		child = w.selectionSet(f.SelectionSet)
	}
	if f.ObjectDefinition.Kind != ast.Interface {
		return w.fieldCost(f.ObjectDefinition, f.Name, child, args)
	}
	// An interface's field costs what it costs on its most expensive implementation.
	worst := 0
	for _, impl := range w.schema.GetPossibleTypes(f.ObjectDefinition) {
		worst = max(worst, w.fieldCost(impl, f.Name, child, args))
	}
	return worst
}

func (w *weigher) fieldCost(obj *ast.Definition, field string, child int, args map[string]any) int {
	if cost, ok := w.es.Complexity(w.ctx, obj.Name, field, child, args); ok && cost >= 1 {
		return min(cost, saturated)
	}
	return add(1, child)
}

// RepeatedPairs counts the pairs of fields that answer at the same place in the response
// (the same path of response names, whichever fragments they come from): validation
// compares each such pair to check that they can be merged, so this, not the number of
// fields, is what that check costs. It expands every fragment where it is spread, so call
// it only on a document that Measure found small.
func RepeatedPairs(ctx context.Context, doc *ast.QueryDocument) (int, error) {
	c := pairCounter{
		meter: meter{ctx: ctx, fragments: map[string]*ast.FragmentDefinition{}},
		paths: map[pathKey]int32{}, counts: []int{0}, active: map[string]bool{},
	}
	for _, f := range doc.Fragments {
		if _, dup := c.fragments[f.Name]; !dup {
			c.fragments[f.Name] = f
		}
	}
	for _, op := range doc.Operations {
		c.walk(c.root(), op.SelectionSet)
	}
	// The validator checks each fragment on its own as well.
	for _, f := range doc.Fragments {
		c.walk(c.root(), f.SelectionSet)
	}
	return c.pairs, c.err
}

type pathKey struct {
	parent int32
	name   string
}

type pairCounter struct {
	meter
	paths  map[pathKey]int32 // a path (its parent's ID and a response name) -> its ID
	counts []int             // fields seen so far at each path, by ID
	active map[string]bool   // fragments being expanded, so that a cycle ends
	pairs  int
}

// root returns a new top-level path: operations and fragments are checked apart.
func (c *pairCounter) root() int32 {
	c.counts = append(c.counts, 0)
	return int32(len(c.counts) - 1)
}

func (c *pairCounter) walk(parent int32, set ast.SelectionSet) {
	for _, sel := range set {
		if c.stop() {
			return
		}
		switch sel := sel.(type) {
		case *ast.Field:
			name := sel.Alias
			if name == "" {
				name = sel.Name
			}
			key := pathKey{parent, name}
			id, ok := c.paths[key]
			if !ok {
				c.counts = append(c.counts, 0)
				id = int32(len(c.counts) - 1)
				c.paths[key] = id
			}
			c.pairs = add(c.pairs, c.counts[id])
			c.counts[id]++
			c.walk(id, sel.SelectionSet)
		case *ast.InlineFragment:
			c.walk(parent, sel.SelectionSet)
		case *ast.FragmentSpread:
			def := c.fragments[sel.Name]
			if def == nil || c.active[sel.Name] {
				continue
			}
			c.active[sel.Name] = true
			c.walk(parent, def.SelectionSet)
			delete(c.active, sel.Name)
		}
	}
}
