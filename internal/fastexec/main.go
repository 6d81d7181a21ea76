// Command fastexec rewrites gqlgen's generated executor (graph/generated.go) in three places
// where gqlgen pays, on every request, for work Guildhall never needs. `go generate ./...`
// runs it right after gqlgen; CI fails if the two together change any file.
//
// Every read is answered from the in-memory catalog, so resolvers never wait, and a 20-post
// page holds about 140 fields. Under load (go run ./bench -profile Q1-cold), gqlgen's
// per-field and per-object machinery was most of the CPU and of the garbage, and the garbage
// collector's work was most of the tail latency. Each rewrite keeps gqlgen's output byte for
// byte; the end-to-end tests check every query shape over HTTP.
//
//  1. Lists: gqlgen marshals every list of objects with graphql.MarshalSliceConcurrently,
//     a goroutine per element, with no setting to turn it off (worker_limit only bounds how
//     many run at once). marshalSliceSequentially (graph/fastexec.go) marshals them one
//     after the other, with the same field context per element and the same panic handling.
//  2. Plain fields: a scalar field read straight from a struct field or a plain method
//     (`return obj.Title, nil`) gets a FieldContext, a context carrying it, its value boxed
//     into an interface and back, a recover and three closures: about 800 bytes and a dozen
//     allocations. Such a field cannot fail and has no arguments, directives or resolver
//     middleware (Guildhall installs none; limits are checked on the document before
//     execution), so it is marshalled directly with the marshaller gqlgen would call.
//  3. Deferred groups: every object builds a graphql.DeferredGroup for @defer (its path, a
//     field set and a map) before it knows whether any field is deferred.
//     newDeferredGroup (graph/fastexec.go) builds the full group only when one is.
//  4. Objects: gqlgen writes an object's fields through an iterator that moves each
//     CollectedField to the heap, and makes a map per object to skip repeated keys (which
//     field collection has already merged). fieldSet (graph/fastexec.go) writes the same
//     JSON from the same fields and values without either.
//  5. The answer's buffer starts empty and doubles its way up (64 bytes, 128, ... 4 KiB for
//     a page of posts, 8 KB allocated in all); it starts at responseBufferSize instead.
//
// A rewrite that finds nothing to rewrite in a freshly generated file fails, so that a new
// gqlgen which changes these shapes is noticed rather than silently left slow.
package main

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
)

const file = "graph/generated.go"

func main() {
	src, err := os.ReadFile(file)
	if err != nil {
		fail(err)
	}
	for _, r := range []rewrite{sequentialLists, plainFields, lazyDeferredGroups, objectWriters, answerBuffers} {
		var n int
		src, n = r.apply(src)
		if n == 0 && !bytes.Contains(src, []byte(r.done)) {
			fail(fmt.Errorf("%s: nothing to rewrite in %s: gqlgen changed its generated code; revisit this step", r.name, file))
		}
	}
	if err := os.WriteFile(file, src, 0o644); err != nil {
		fail(err)
	}
}

// rewrite is one change to the generated code. done is text only a rewritten file holds.
type rewrite struct {
	name  string
	apply func(src []byte) (out []byte, n int)
	done  string
}

// literal is a rewrite of every occurrence of one piece of generated code into another.
func literal(name, from, to string) rewrite {
	return rewrite{
		name: name,
		apply: func(src []byte) ([]byte, int) {
			return bytes.ReplaceAll(src, []byte(from), []byte(to)), bytes.Count(src, []byte(from))
		},
		done: to,
	}
}

var (
	sequentialLists = literal("sequential lists",
		"graphql.MarshalSliceConcurrently(",
		"marshalSliceSequentially(")
	lazyDeferredGroups = literal("lazy deferred groups",
		"deferred := graphql.NewDeferredGroup(ctx)\n",
		"deferred := newDeferredGroup(ctx, fields)\n")
	objectWriters = literal("object writers",
		"\n\treturn out\n}\n",
		"\n\treturn fieldSet{fields, out.Values}\n}\n")
	answerBuffers = literal("answer buffers",
		"\t\t\tvar buf bytes.Buffer\n\t\t\tdata.MarshalGQL(&buf)\n",
		"\t\t\tbuf := bytes.NewBuffer(make([]byte, 0, responseBufferSize))\n\t\t\tdata.MarshalGQL(buf)\n")
)

const plainMarker = "// fastexec: a plain field"

var plainFields = rewrite{
	name: "plain fields",
	apply: func(src []byte) ([]byte, int) {
		n := 0
		out := fieldFunc.ReplaceAllFunc(src, func(fn []byte) []byte {
			m := fieldFunc.FindSubmatch(fn)
			name, obj, ctxFunc, value, marshal := m[1], m[2], m[3], m[4], m[5]
			if !scalarContext(string(ctxFunc)).Match(src) {
				return fn
			}
			n++
			return fmt.Appendf(nil, "func (ec *executionContext) %s(ctx context.Context, field graphql.CollectedField, obj %s) (ret graphql.Marshaler) {\n"+
				"\treturn %s(ctx, field.Selections, %s) %s\n}\n", name, obj, marshal, value, plainMarker)
		})
		return out, n
	},
	done: plainMarker,
}

// fieldFunc is one field function as gqlgen v0.17 writes it for a struct field or a method
// without arguments, context or error.
var fieldFunc = regexp.MustCompile(`(?m)^func \(ec \*executionContext\) (_\w+)\(ctx context\.Context, field graphql\.CollectedField, obj ([^)]+)\) \(ret graphql\.Marshaler\) \{
	return graphql\.ResolveField\(
		ctx,
		ec\.OperationContext,
		field,
		func\(ctx context\.Context, field graphql\.CollectedField\) \(\*graphql\.FieldContext, error\) \{
			return ec\.(fieldContext_\w+)\(ctx, field\)
		\},
		func\(ctx context\.Context\) \(any, error\) \{
			return (obj\.\w+(?:\(\))?), nil
		\},
		nil,
		func\(ctx context\.Context, selections ast\.SelectionSet, v [^)]+\) graphql\.Marshaler \{
			return (ec\.marshal\w+)\(ctx, selections, v\)
		\},
		true,
		(?:true|false),
	\)
\}
`)

// scalarContext matches the field context function of a scalar or enum field: only those
// are rewritten (an object field's marshaller needs the field context for its children).
func scalarContext(name string) *regexp.Regexp {
	return regexp.MustCompile(`(?m)^func \(ec \*executionContext\) ` + name + `\(_ context\.Context, field graphql\.CollectedField\) \(fc \*graphql\.FieldContext, err error\) \{
	return graphql\.NewScalarFieldContext\(`)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "fastexec:", err)
	os.Exit(1)
}
