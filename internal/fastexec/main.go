// Command fastexec rewrites gqlgen's generated executor (graph/generated.go) where gqlgen
// pays, on every request, for work Guildhall never needs. `go generate ./...` runs it right
// after gqlgen; CI fails if the two together change any file.
//
// Every read is answered from the in-memory catalog, so resolvers never wait, and a 20-post
// page holds about 140 fields. Under load (go run ./bench -profile Q1-cold), gqlgen's
// per-field and per-object machinery was most of the CPU and of the garbage, and the garbage
// collector's work was most of the tail latency. Each rewrite keeps gqlgen's output byte for
// byte; the end-to-end tests check every query shape over HTTP. The rewrites:
//
//   - Lists: gqlgen marshals every list of objects with graphql.MarshalSliceConcurrently,
//     a goroutine per element, with no setting to turn it off (worker_limit only bounds how
//     many run at once). marshalSliceSequentially (graph/fastexec.go) marshals them one
//     after the other, with the same field context per element and the same panic handling.
//   - Plain fields: a scalar field read straight from a struct field or a method without
//     arguments, context or error (`return obj.Title, nil`) gets a FieldContext, a context
//     carrying it, its value boxed into an interface and back, a recover and three closures:
//     about 800 bytes and a dozen allocations. It is marshalled directly with the marshaller
//     gqlgen would call. That skips two things, which is right only while both hold:
//     (1) field middleware: Guildhall installs none (graph.extensions; TestNoFieldInterceptor),
//     limits are checked on the document before execution; (2) the recover: a struct field
//     cannot panic, and a method may only be rewritten if it is in plainGetters, a list of
//     methods reviewed to read memory and never fail. A getter that may fail must return an
//     error, which takes it out of this rewrite (WebhookDeliveryConnection.totalCount, a
//     database count, does).
//   - Deferred groups: every object builds a graphql.DeferredGroup for @defer (its path, a
//     field set and a map) before it knows whether any field is deferred.
//     newDeferredGroup (graph/fastexec.go) builds the full group only when one is.
//   - Objects: gqlgen writes an object's fields through an iterator that moves each
//     CollectedField to the heap, and makes a map per object to skip repeated keys (which
//     field collection has already merged). fieldSet (graph/fastexec.go) writes the same
//     JSON from the same fields and values without either. Only object marshallers (the
//     functions that build a graphql.NewFieldSet) are rewritten, each exactly once.
//   - The answer's buffer starts empty and doubles its way up (64 bytes, 128, ... 4 KiB for
//     a page of posts, 8 KB allocated in all); it starts at responseBufferSize instead.
//
// Every rewrite checks its matches: a rewrite that finds nothing to rewrite in a freshly
// generated file, an object marshaller it cannot rewrite, or a method getter that is not in
// plainGetters (and one in plainGetters that is no longer plain) fails the generation, so
// that a new gqlgen or a new getter is looked at rather than silently left slow or made
// unsafe. main_test.go checks the committed file against the same rules.
//
// # Upgrading gqlgen
//
//  1. go get -tool github.com/99designs/gqlgen@vX.Y.Z, then go generate ./...
//  2. If fastexec fails, gqlgen changed a shape this program matches: compare the new output
//     of one object marshaller and one scalar field function with the patterns here
//     (fieldFunc, scalarContext, the literals), and change the patterns, not the rules. If a
//     helper in graph/fastexec.go stands in for a gqlgen function whose signature or
//     behaviour changed (MarshalSliceConcurrently, NewDeferredGroup, FieldSet.MarshalGQL),
//     follow it: TestMarshalSliceSequentially and TestFieldSetWritesWhatGqlgenWrites compare
//     them with gqlgen's own.
//  3. go test ./internal/fastexec ./graph ./app: the rewritten file's rules, the helpers
//     against gqlgen's, and every query shape end to end.
//  4. Measure: go test ./graph -run '^$' -bench FieldSet -benchmem, and
//     go run ./bench -scenarios ceiling,Q1-cold,Q2 with -server-bin old,new (the README's
//     Benchmark section). A rewrite that no longer pays should be removed, not kept.
//
// When a new scalar field is a method, generation fails until the method is added to
// plainGetters: add it only if it reads memory and cannot fail; otherwise make it return an
// error, or resolve it with a resolver.
package main

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
)

const file = "graph/generated.go"

func main() {
	src, err := os.ReadFile(file)
	if err != nil {
		fail(err)
	}
	if src, err = rewriteAll(src, plainGetters); err != nil {
		fail(err)
	}
	if err := os.WriteFile(file, src, 0o644); err != nil {
		fail(err)
	}
}

// plainGetters are the methods that may be marshalled as plain fields, as "Type.field": each
// reviewed to read memory only and never fail. Struct fields need no entry.
var plainGetters = []string{
	// Counts of a page held in memory (guildhall.Page.Total over the catalog or a short list).
	"AccountConnection.totalCount", "ApiTokenConnection.totalCount", "AssetConnection.totalCount", "BlockConnection.totalCount", "MemberConnection.totalCount",
	"MembershipEventConnection.totalCount", "PostConnection.totalCount", "PostRevisionConnection.totalCount",
	"RenewalConnection.totalCount", "TagConnection.totalCount", "WebhookConnection.totalCount",
	// A block's title, or "" (BlockBase.TitleOrEmpty).
	"CallToActionBlock.title", "ContactBlock.title", "LinksBlock.title", "RichTextBlock.title",
	// Whether an account is disabled (guildhall.Account.Disabled: DisabledAt is set).
	"Account.disabled",
	// A membership event's derived ID (DerivedID of fields it holds).
	"MembershipEvent.id",
	// A rich text's forms: a field, or an unpacking that reads as empty text if damaged.
	"RichText.html", "RichText.text", "RichText.readingMinutes",
	// Introspection, from the parsed schema.
	"__EnumValue.isDeprecated", "__Field.isDeprecated", "__InputValue.isDeprecated", "__Type.kind", "__Type.isOneOf",
}

// rewriteAll applies every rewrite to src and checks what each found; getters are the
// methods allowed as plain fields.
func rewriteAll(src []byte, getters []string) ([]byte, error) {
	objects := objectMarshallers(src)
	if len(objects) == 0 {
		return nil, fmt.Errorf("no object marshallers (graphql.NewFieldSet) in %s: gqlgen changed its generated code", file)
	}
	for _, r := range []rewrite{sequentialLists, plainFields(getters), lazyDeferredGroups(len(objects)), objectWriters, answerBuffers} {
		var (
			n   int
			err error
		)
		src, n, err = r.apply(src)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.name, err)
		}
		if n == 0 && !bytes.Contains(src, []byte(r.done)) {
			return nil, fmt.Errorf("%s: nothing to rewrite in %s: gqlgen changed its generated code; revisit this step", r.name, file)
		}
	}
	return src, nil
}

// rewrite is one change to the generated code; apply reports how many places it changed, or
// why it cannot. done is text only a rewritten file holds.
type rewrite struct {
	name  string
	apply func(src []byte) (out []byte, n int, err error)
	done  string
}

// literal is a rewrite of every occurrence of one piece of generated code into another.
func literal(name, from, to string) rewrite {
	return rewrite{
		name: name,
		apply: func(src []byte) ([]byte, int, error) {
			return bytes.ReplaceAll(src, []byte(from), []byte(to)), bytes.Count(src, []byte(from)), nil
		},
		done: to,
	}
}

var (
	sequentialLists = literal("sequential lists",
		"graphql.MarshalSliceConcurrently(",
		"marshalSliceSequentially(")
	answerBuffers = literal("answer buffers",
		"\t\t\tvar buf bytes.Buffer\n\t\t\tdata.MarshalGQL(&buf)\n",
		"\t\t\tbuf := bytes.NewBuffer(make([]byte, 0, responseBufferSize))\n\t\t\tdata.MarshalGQL(buf)\n")
)

// lazyDeferredGroups rewrites the deferred group every object marshaller makes: exactly one
// in each of the objects.
func lazyDeferredGroups(objects int) rewrite {
	r := literal("lazy deferred groups",
		"deferred := graphql.NewDeferredGroup(ctx)\n",
		"deferred := newDeferredGroup(ctx, fields)\n")
	apply := r.apply
	r.apply = func(src []byte) ([]byte, int, error) {
		out, n, _ := apply(src)
		if n != 0 && n != objects {
			return nil, 0, fmt.Errorf("%d deferred groups for %d object marshallers: gqlgen changed their shape", n, objects)
		}
		return out, n, nil
	}
	return r
}

// objectStart opens what gqlgen writes for an object: the field set its fields are written
// into. A function holding it is an object marshaller.
const objectStart = "out := graphql.NewFieldSet(fields)"

// objectMarshallers returns the byte ranges of the top-level functions that marshal objects:
// from "func" at the start of a line to the first "}" at the start of a line (gofmt's).
func objectMarshallers(src []byte) [][2]int {
	var out [][2]int
	for _, s := range funcStart.FindAllIndex(src, -1) {
		end := bytes.Index(src[s[0]:], []byte("\n}\n"))
		if end < 0 {
			break
		}
		end += s[0] + len("\n}\n")
		if bytes.Contains(src[s[0]:end], []byte(objectStart)) {
			out = append(out, [2]int{s[0], end})
		}
	}
	return out
}

var funcStart = regexp.MustCompile(`(?m)^func `)

const (
	objectReturn = "\n\treturn out\n}\n"
	fieldSetDone = "\n\treturn fieldSet{fields, out.Values}\n}\n"
)

// objectWriters makes every object marshaller, and nothing else, return a fieldSet: each must
// end in gqlgen's "return out" once (or have been rewritten already).
var objectWriters = rewrite{
	name: "object writers",
	apply: func(src []byte) ([]byte, int, error) {
		var out []byte
		n, last := 0, 0
		for _, r := range objectMarshallers(src) {
			fn := src[r[0]:r[1]]
			switch {
			case bytes.HasSuffix(fn, []byte(fieldSetDone)):
			case bytes.Count(fn, []byte(objectReturn)) == 1 && bytes.HasSuffix(fn, []byte(objectReturn)):
				out = append(append(out, src[last:r[0]]...), fn[:len(fn)-len(objectReturn)]...)
				out = append(out, fieldSetDone...)
				last = r[1]
				n++
			default:
				name, _, _ := bytes.Cut(fn, []byte("(ctx"))
				return nil, 0, fmt.Errorf("the object marshaller %q does not end in %q once: gqlgen changed its shape", name, objectReturn)
			}
		}
		return append(out, src[last:]...), n, nil
	},
	done: fieldSetDone,
}

const plainMarker = "// fastexec: a plain field"

// plainFields rewrites the scalar fields read straight from a struct field or from one of
// getters, and fails on a method getter that getters does not list, or a listed one that is
// not a plain field (any more).
func plainFields(getters []string) rewrite {
	return rewrite{
		name: "plain fields",
		apply: func(src []byte) ([]byte, int, error) {
			n := 0
			seen := map[string]bool{}
			var unlisted []string
			out := fieldFunc.ReplaceAllFunc(src, func(fn []byte) []byte {
				m := fieldFunc.FindSubmatch(fn)
				name, obj, ctxFunc, value, marshal := m[1], m[2], m[3], m[4], m[5]
				if !scalarContext(string(ctxFunc)).Match(src) {
					return fn
				}
				if bytes.HasSuffix(value, []byte("()")) {
					field := fieldName(string(ctxFunc))
					if !slices.Contains(getters, field) {
						unlisted = append(unlisted, field+" ("+string(value)+")")
						return fn
					}
					seen[field] = true
				}
				n++
				return fmt.Appendf(nil, "func (ec *executionContext) %s(ctx context.Context, field graphql.CollectedField, obj %s) (ret graphql.Marshaler) {\n"+
					"\treturn %s(ctx, field.Selections, %s) %s\n}\n", name, obj, marshal, value, plainMarker)
			})
			for _, m := range plainDone.FindAllSubmatch(src, -1) {
				seen[fieldName(string(m[1]))] = true // rewritten before: a second run
			}
			if len(unlisted) > 0 {
				return nil, 0, fmt.Errorf("methods marshalled as plain fields but not reviewed (add them to plainGetters only if they read memory and cannot fail): %s",
					strings.Join(unlisted, ", "))
			}
			var gone []string
			for _, g := range getters {
				if !seen[g] {
					gone = append(gone, g)
				}
			}
			if len(gone) > 0 {
				return nil, 0, fmt.Errorf("plainGetters lists fields that are not plain method getters: %s", strings.Join(gone, ", "))
			}
			return out, n, nil
		},
		done: plainMarker,
	}
}

// plainDone finds a method getter rewritten by an earlier run, by the field context it names.
var plainDone = regexp.MustCompile(`(?m)^func \(ec \*executionContext\) (_\w+)\(ctx context\.Context, field graphql\.CollectedField, obj [^)]+\) \(ret graphql\.Marshaler\) \{
	return ec\.marshal\w+\(ctx, field\.Selections, obj\.\w+\(\)\) ` + plainMarker)

// fieldName is "Type.field" for the field context function or field function of a field
// ("fieldContext_Post_title", "_Post_title"): field names have no underscore.
func fieldName(fn string) string {
	fn = strings.TrimPrefix(strings.TrimPrefix(fn, "fieldContext"), "_")
	i := strings.LastIndex(fn, "_")
	return fn[:i] + "." + fn[i+1:]
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
