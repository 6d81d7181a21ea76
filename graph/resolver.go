// Package graph is Guildhall's GraphQL transport: gqlgen's generated executor, thin
// resolvers that call the service layer, and the HTTP handler with its limits and error
// presenter.
package graph

import (
	"context"
	"io"

	"github.com/99designs/gqlgen/graphql"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/media"
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

// readUpload reads a multipart file part, at most media.MaxBytes (one byte more is read, so
// the pipeline can say the file is too large).
func readUpload(file graphql.Upload) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(file.File, media.MaxBytes+1))
	if err != nil {
		return nil, guildhall.Errorf(guildhall.EINVALID, "The upload was cut short.")
	}
	return data, nil
}
