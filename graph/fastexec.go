package graph

import (
	"context"
	"io"

	"github.com/99designs/gqlgen/graphql"
)

// The generated executor calls these in place of gqlgen's own (internal/fastexec puts them
// there, and says why).

// responseBufferSize is where the buffer an answer is written into starts: a page of 20 posts
// is 2-4 KB. Larger answers grow it as before.
const responseBufferSize = 4 << 10

// marshalSliceSequentially stands in for graphql.MarshalSliceConcurrently: it marshals the elements of a list one after
// the other on the calling goroutine. Resolvers here read memory and never wait, so a
// goroutine per element only cost time. Like gqlgen's, it gives every element its own field
// context, and a panic while marshalling one element nulls that element and is reported as
// an error (unless the panic handler is omitted), leaving the others intact. It stops when
// the request's context ends.
func marshalSliceSequentially(
	ctx context.Context,
	length int,
	_ int64, // gqlgen's worker limit: one worker
	omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) graphql.Array {
	ret := make(graphql.Array, length)
	for i := range length {
		if ctx.Err() != nil {
			// The request has ended (out of time, or its client gone): the rest is not
			// marshalled, and the transport answers UNAVAILABLE instead.
			for j := i; j < length; j++ {
				ret[j] = graphql.Null
			}
			return ret
		}
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

// newDeferredGroup stands in for graphql.NewDeferredGroup, which every object calls: the
// group (with the object's path, a field set and a map) is only built when one of fields is
// deferred. gqlgen touches the group's field set and map only for a deferred field, and
// processes it only when its map is not empty.
func newDeferredGroup(ctx context.Context, fields []graphql.CollectedField) graphql.DeferredGroup {
	for _, f := range fields {
		if f.IsDeferred() {
			return graphql.NewDeferredGroup(ctx)
		}
	}
	return graphql.DeferredGroup{Context: ctx}
}

// fieldSet writes an object: what *graphql.FieldSet writes, from the same fields and values,
// without moving each field to the heap or making a map per object. Field collection has
// merged the fields by response key already; a repeated key would still be written once.
type fieldSet struct {
	fields []graphql.CollectedField
	values []graphql.Marshaler
}

func (s fieldSet) MarshalGQL(w io.Writer) {
	_, _ = io.WriteString(w, "{")
	first := true
	for i := range s.fields {
		key := s.fields[i].Alias
		if repeated(s.fields[:i], key) {
			continue
		}
		if !first {
			_, _ = io.WriteString(w, ",")
		}
		first = false
		writeKey(w, key)
		s.values[i].MarshalGQL(w)
	}
	_, _ = io.WriteString(w, "}")
}

func repeated(before []graphql.CollectedField, key string) bool {
	for i := range before {
		if before[i].Alias == key {
			return true
		}
	}
	return false
}

// writeKey writes "key": for a response key. Keys are GraphQL names (the parser accepts
// nothing else), which need no escaping; anything else is quoted as gqlgen quotes it.
func writeKey(w io.Writer, key string) {
	for i := 0; i < len(key); i++ {
		if c := key[i]; !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			graphql.MarshalString(key).MarshalGQL(w)
			_, _ = io.WriteString(w, ":")
			return
		}
	}
	_, _ = io.WriteString(w, `"`)
	_, _ = io.WriteString(w, key)
	_, _ = io.WriteString(w, `":`)
}
