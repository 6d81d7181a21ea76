package graph

import (
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

// A field name means one type wherever a frontend can select it side by side: in
// `node(id:) { ... on Post { title } ... on LinksBlock { title } }` GraphQL refuses two
// fields of one name whose types differ (a leaf type, nullability or list-ness), unless the
// client aliases one. So among the types of an interface (Node, Block), a shared field name
// has the same shape everywhere.
func TestSharedFieldNamesHaveOneShape(t *testing.T) {
	s := NewExecutableSchema(Config{Resolvers: &Resolver{}}).Schema()
	for _, iface := range []string{"Node", "Block"} {
		impls := s.PossibleTypes[iface]
		slices.SortFunc(impls, func(a, b *ast.Definition) int { return strings.Compare(a.Name, b.Name) })
		for i, a := range impls {
			for _, b := range impls[i+1:] {
				for _, fa := range a.Fields {
					fb := b.Fields.ForName(fa.Name)
					if fb == nil || strings.HasPrefix(fa.Name, "__") {
						continue
					}
					if !sameShape(s, fa.Type, fb.Type) {
						t.Errorf("%s: %s.%s is %s but %s.%s is %s: they clash in one selection", iface, a.Name, fa.Name, fa.Type, b.Name, fb.Name, fb.Type)
					}
				}
			}
		}
	}
}

// sameShape is GraphQL's SameResponseShape for two field types: the same nullability and
// list nesting, and the same type where either is a scalar or an enum (objects may differ:
// their own selections are compared when they are selected).
func sameShape(s *ast.Schema, a, b *ast.Type) bool {
	if a.NonNull != b.NonNull || (a.Elem == nil) != (b.Elem == nil) {
		return false
	}
	if a.Elem != nil {
		return sameShape(s, a.Elem, b.Elem)
	}
	leaf := func(name string) bool {
		d := s.Types[name]
		return d == nil || d.Kind == ast.Scalar || d.Kind == ast.Enum
	}
	if leaf(a.NamedType) || leaf(b.NamedType) {
		return a.NamedType == b.NamedType
	}
	return true
}
