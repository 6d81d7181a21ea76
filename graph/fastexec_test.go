package graph

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

func TestMarshalSliceSequentially(t *testing.T) {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter,
		func(ctx context.Context, p any) error { return gqlerror.Errorf("panic: %v", p) })
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{})
	var indexes []int
	got := marshalSliceSequentially(ctx, 3, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		indexes = append(indexes, *graphql.GetFieldContext(ctx).Index)
		if i == 1 {
			panic("boom")
		}
		return graphql.MarshalInt(i)
	})
	var buf bytes.Buffer
	got.MarshalGQL(&buf)
	if buf.String() != "[0,null,2]" {
		t.Errorf("marshalled %s, want the panicking element null and the others intact", buf.String())
	}
	if len(indexes) != 3 || indexes[0] != 0 || indexes[1] != 1 || indexes[2] != 2 {
		t.Errorf("field context indexes %v", indexes)
	}
	if errs := graphql.GetErrors(ctx); len(errs) != 1 {
		t.Errorf("errors = %v, want the panic reported once", errs)
	}
	if got := marshalSliceSequentially(ctx, 0, 0, false, nil); len(got) != 0 {
		t.Errorf("empty list: %v", got)
	}
}

// A list stops being marshalled once the request's context ends.
func TestMarshalSliceStopsWhenTheRequestEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(graphql.WithFieldContext(context.Background(), &graphql.FieldContext{}))
	defer cancel()
	calls := 0
	got := marshalSliceSequentially(ctx, 100, 0, true, func(ctx context.Context, i int) graphql.Marshaler {
		calls++
		if i == 2 {
			cancel()
		}
		return graphql.MarshalInt(i)
	})
	if calls != 3 || len(got) != 100 || got[3] != graphql.Null || got[99] != graphql.Null {
		t.Errorf("after the context ended at the third element: %d calls, %d elements", calls, len(got))
	}
}

func TestNewDeferredGroup(t *testing.T) {
	ctx := graphql.WithFieldContext(context.Background(), &graphql.FieldContext{})
	plain := []graphql.CollectedField{{}, {}}
	if g := newDeferredGroup(ctx, plain); g.Defers != nil || g.FieldSet != nil || g.Context != ctx {
		t.Errorf("without a deferred field: %+v, want only the context", g)
	}
	deferred := append(plain, graphql.CollectedField{Deferrables: []*graphql.Deferrable{{Label: "x"}}})
	if g := newDeferredGroup(ctx, deferred); g.Defers == nil || g.FieldSet == nil {
		t.Errorf("with a deferred field: %+v, want gqlgen's full group", g)
	}
}

// fieldSet writes exactly what gqlgen's FieldSet writes for the same fields and values.
func TestFieldSetWritesWhatGqlgenWrites(t *testing.T) {
	for _, keys := range [][]string{
		nil,
		{"title"},
		{"title", "slug", "publishedAt", "_id2"},
		{"a", "b", "a"},       // a repeated key is written once
		{"odd\"key", "é", ""}, // not GraphQL names: quoted as gqlgen quotes them
	} {
		fields := make([]graphql.CollectedField, len(keys))
		values := make([]graphql.Marshaler, len(keys))
		for i, k := range keys {
			fields[i] = graphql.CollectedField{Field: &ast.Field{Alias: k}}
			values[i] = graphql.MarshalString("v<" + strconv.Itoa(i) + ">")
		}
		values = append(values[:0:0], values...)
		want := graphql.NewFieldSet(fields)
		copy(want.Values, values)
		var got, gqlgen bytes.Buffer
		fieldSet{fields, values}.MarshalGQL(&got)
		want.MarshalGQL(&gqlgen)
		if got.String() != gqlgen.String() {
			t.Errorf("keys %q: wrote %s, gqlgen writes %s", keys, got.String(), gqlgen.String())
		}
	}
}

func BenchmarkFieldSet(b *testing.B) {
	keys := []string{"title", "slug", "publishedAt", "author"}
	fields := make([]graphql.CollectedField, len(keys))
	values := make([]graphql.Marshaler, len(keys))
	for i, k := range keys {
		fields[i], values[i] = graphql.CollectedField{Field: &ast.Field{Alias: k}}, graphql.MarshalString("Annual meeting notes")
	}
	gqlgen := graphql.NewFieldSet(fields)
	copy(gqlgen.Values, values)
	var buf bytes.Buffer
	b.Run("gqlgen", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buf.Reset()
			gqlgen.MarshalGQL(&buf)
		}
	})
	b.Run("fieldSet", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buf.Reset()
			fieldSet{fields, values}.MarshalGQL(&buf)
		}
	})
}

// No field middleware runs: internal/fastexec marshals plain fields without the machinery
// that would call it. The handler's extensions intercept operations and responses only, and
// nothing in the program installs one another way.
func TestNoFieldInterceptor(t *testing.T) {
	for _, introspection := range []bool{false, true} {
		exts := extensions(NewSchema(nil), Options{Introspection: introspection})
		if len(exts) == 0 {
			t.Fatal("no extensions: the test would pass vacuously")
		}
		for _, e := range exts {
			if _, ok := e.(graphql.FieldInterceptor); ok {
				t.Errorf("%s intercepts fields, which plain fields skip (see internal/fastexec)", e.ExtensionName())
			}
		}
	}
	for _, dir := range []string{".", "../app"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no sources in %s: %v", dir, err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") || strings.HasSuffix(f, "generated.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, hook := range []string{".AroundFields(", ") InterceptField("} {
				if bytes.Contains(src, []byte(hook)) {
					t.Errorf("%s installs field middleware (%s), which plain fields skip (see internal/fastexec)", f, hook)
				}
			}
		}
	}
}
