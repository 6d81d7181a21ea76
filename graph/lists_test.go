package graph

import (
	"bytes"
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
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
