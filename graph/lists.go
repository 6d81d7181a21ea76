package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// marshalSliceSequentially stands in for graphql.MarshalSliceConcurrently in the generated
// executor (internal/seqlists puts it there): it marshals the elements of a list one after
// the other on the calling goroutine. Resolvers here read memory and never wait, so a
// goroutine per element only cost time. Like gqlgen's, it gives every element its own field
// context, and a panic while marshalling one element nulls that element and is reported as
// an error (unless the panic handler is omitted), leaving the others intact.
func marshalSliceSequentially(
	ctx context.Context,
	length int,
	_ int64, // gqlgen's worker limit: one worker
	omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) graphql.Array {
	ret := make(graphql.Array, length)
	for i := range length {
		childCtx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
		if omitPanicHandler {
			ret[i] = marshalElement(childCtx, i)
			continue
		}
		ret[i] = marshalGuarded(childCtx, i, marshalElement)
	}
	return ret
}

func marshalGuarded(ctx context.Context, i int, marshalElement func(ctx context.Context, i int) graphql.Marshaler) (m graphql.Marshaler) {
	defer func() {
		if r := recover(); r != nil {
			graphql.AddError(ctx, graphql.Recover(ctx, r))
			m = graphql.Null
		}
	}()
	return marshalElement(ctx, i)
}
