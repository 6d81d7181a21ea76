package graph

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

// The docs explorer is the manual frontend teams and editors read: every type, field,
// argument, input field, enum value and directive of the schema says what it is. A new field
// without a description fails here, naming it.
func TestSchemaDescribesEverything(t *testing.T) {
	counts, missing := describeSchema(NewExecutableSchema(Config{Resolvers: &Resolver{}}).Schema())
	for _, kind := range describedKinds {
		t.Logf("%-12s %d of %d described", kind, counts[kind].described, counts[kind].all)
	}
	for _, m := range missing {
		t.Errorf("%s has no description (write one for the docs explorer: what it is, limits, errors, a format example)", m)
	}
}

// describedKinds are the kinds of schema item that carry a description.
var describedKinds = []string{"types", "fields", "arguments", "input fields", "enum values", "directives"}

type described struct{ described, all int }

// describeSchema counts the schema's own items (not GraphQL's built-ins) and lists those
// without a useful description: none, or one that only repeats the name.
func describeSchema(s *ast.Schema) (map[string]*described, []string) {
	counts := map[string]*described{}
	for _, kind := range describedKinds {
		counts[kind] = &described{}
	}
	var missing []string
	check := func(kind, name, what, desc string) {
		c := counts[kind]
		c.all++
		d := strings.Trim(strings.TrimSpace(desc), ".")
		if d == "" || strings.EqualFold(d, what) {
			missing = append(missing, name)
			return
		}
		c.described++
	}
	for _, def := range sortedDefinitions(s) {
		if def.BuiltIn {
			continue
		}
		check("types", fmt.Sprintf("%s %s", strings.ToLower(string(def.Kind)), def.Name), def.Name, def.Description)
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			name := def.Name + "." + f.Name
			if def.Kind == ast.InputObject {
				check("input fields", "input field "+name, f.Name, f.Description)
				continue
			}
			check("fields", "field "+name, f.Name, f.Description)
			for _, a := range f.Arguments {
				check("arguments", fmt.Sprintf("argument %s(%s:)", name, a.Name), a.Name, a.Description)
			}
		}
		for _, v := range def.EnumValues {
			check("enum values", "enum value "+def.Name+"."+v.Name, v.Name, v.Description)
		}
	}
	for name, d := range s.Directives {
		if d.Position == nil || d.Position.Src == nil || d.Position.Src.BuiltIn {
			continue
		}
		check("directives", "directive @"+name, name, d.Description)
		for _, a := range d.Arguments {
			check("arguments", fmt.Sprintf("argument @%s(%s:)", name, a.Name), a.Name, a.Description)
		}
	}
	return counts, missing
}

func sortedDefinitions(s *ast.Schema) []*ast.Definition {
	defs := make([]*ast.Definition, 0, len(s.Types))
	for _, d := range s.Types {
		defs = append(defs, d)
	}
	slices.SortFunc(defs, func(a, b *ast.Definition) int { return strings.Compare(a.Name, b.Name) })
	return defs
}
