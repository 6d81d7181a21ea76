// Package graph is Guildhall's GraphQL transport: gqlgen's generated executor, thin
// resolvers that call the service layer, and the HTTP handler with its limits and error
// presenter.
package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/guildhall/guildhall/cms"
)

// Resolver is the root resolver; every field resolver reaches the service through it.
type Resolver struct {
	Service *cms.Service
}

// pointers returns pointers to the elements of a slice, as gqlgen's list fields want them.
func pointers[T any](items []T) []*T {
	out := make([]*T, len(items))
	for i := range items {
		out[i] = &items[i]
	}
	return out
}

// argumentGiven reports whether the field being resolved was given the argument, null
// included: GraphQL tells an explicit null (clear it) from an argument left out (keep it).
func argumentGiven(ctx context.Context, name string) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil {
		return false
	}
	_, given := fc.Field.ArgumentMap(graphql.GetOperationContext(ctx).Variables)[name]
	return given
}
