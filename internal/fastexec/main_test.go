package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// The committed executor keeps every rule: running fastexec on it again finds everything
// rewritten, every object marshaller rewritten once, and exactly the reviewed getters plain.
func TestCommittedFileKeepsTheRules(t *testing.T) {
	src, err := os.ReadFile("../../" + file)
	if err != nil {
		t.Fatal(err)
	}
	again, err := rewriteAll(src, plainGetters)
	if err != nil {
		t.Fatalf("the committed %s breaks a rule: %v", file, err)
	}
	if !bytes.Equal(again, src) {
		t.Errorf("fastexec changes the committed %s: run go generate ./...", file)
	}
	objects := objectMarshallers(src)
	for _, r := range objects {
		if fn := src[r[0]:r[1]]; !bytes.HasSuffix(fn, []byte(fieldSetDone)) {
			t.Errorf("an object marshaller is not rewritten: %.80s", fn)
		}
	}
	if n := bytes.Count(src, []byte(fieldSetDone)); n != len(objects) {
		t.Errorf("%d fieldSet returns for %d object marshallers: one went where it does not belong", n, len(objects))
	}
	if bytes.Contains(src, []byte("graphql.MarshalSliceConcurrently(")) || bytes.Contains(src, []byte("graphql.NewDeferredGroup(ctx)\n")) {
		t.Error("gqlgen's list marshalling or deferred groups are left in the executor")
	}
}

// A sample in the shapes gqlgen v0.17 writes: two objects, a function that is not one but
// also ends in "return out", a plain struct field, a reviewed and an unreviewed method getter,
// a getter that can fail, and a field of object type.
const sample = `package graph

func (ec *executionContext) _Post(ctx context.Context, sel ast.SelectionSet, obj *guildhall.Post) graphql.Marshaler {
	fields := graphql.CollectFields(ec.OperationContext, sel, postImplementors)

	out := graphql.NewFieldSet(fields)
	deferred := graphql.NewDeferredGroup(ctx)
	return out
}

// endregion

func (ec *executionContext) _Tag(ctx context.Context, sel ast.SelectionSet, obj *guildhall.Tag) graphql.Marshaler {
	fields := graphql.CollectFields(ec.OperationContext, sel, tagImplementors)

	out := graphql.NewFieldSet(fields)
	deferred := graphql.NewDeferredGroup(ctx)
	ret := graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, f)
	return out
}

func (ec *executionContext) notAnObject(v []int) []int {
	out := v
	return out
}
` + `
func (ec *executionContext) _Post_title(ctx context.Context, field graphql.CollectedField, obj *guildhall.Post) (ret graphql.Marshaler) {
	return graphql.ResolveField(
		ctx,
		ec.OperationContext,
		field,
		func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
			return ec.fieldContext_Post_title(ctx, field)
		},
		func(ctx context.Context) (any, error) {
			return obj.Title, nil
		},
		nil,
		func(ctx context.Context, selections ast.SelectionSet, v string) graphql.Marshaler {
			return ec.marshalNString2string(ctx, selections, v)
		},
		true,
		true,
	)
}
func (ec *executionContext) fieldContext_Post_title(_ context.Context, field graphql.CollectedField) (fc *graphql.FieldContext, err error) {
	return graphql.NewScalarFieldContext("Post", field, false, false, "String")
}
` + `
func (ec *executionContext) _Post_wordCount(ctx context.Context, field graphql.CollectedField, obj *guildhall.Post) (ret graphql.Marshaler) {
	return graphql.ResolveField(
		ctx,
		ec.OperationContext,
		field,
		func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
			return ec.fieldContext_Post_wordCount(ctx, field)
		},
		func(ctx context.Context) (any, error) {
			return obj.WordCount(), nil
		},
		nil,
		func(ctx context.Context, selections ast.SelectionSet, v int) graphql.Marshaler {
			return ec.marshalNInt2int(ctx, selections, v)
		},
		true,
		true,
	)
}
func (ec *executionContext) fieldContext_Post_wordCount(_ context.Context, field graphql.CollectedField) (fc *graphql.FieldContext, err error) {
	return graphql.NewScalarFieldContext("Post", field, false, false, "Int")
}
` + `
func (ec *executionContext) _Post_views(ctx context.Context, field graphql.CollectedField, obj *guildhall.Post) (ret graphql.Marshaler) {
	return graphql.ResolveField(
		ctx,
		ec.OperationContext,
		field,
		func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
			return ec.fieldContext_Post_views(ctx, field)
		},
		func(ctx context.Context) (any, error) {
			return obj.Views()
		},
		nil,
		func(ctx context.Context, selections ast.SelectionSet, v int) graphql.Marshaler {
			return ec.marshalNInt2int(ctx, selections, v)
		},
		true,
		true,
	)
}
func (ec *executionContext) fieldContext_Post_views(_ context.Context, field graphql.CollectedField) (fc *graphql.FieldContext, err error) {
	return graphql.NewScalarFieldContext("Post", field, false, false, "Int")
}
` + `
func (ec *executionContext) _Post_tag(ctx context.Context, field graphql.CollectedField, obj *guildhall.Post) (ret graphql.Marshaler) {
	return graphql.ResolveField(
		ctx,
		ec.OperationContext,
		field,
		func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
			return ec.fieldContext_Post_tag(ctx, field)
		},
		func(ctx context.Context) (any, error) {
			return obj.Tag, nil
		},
		nil,
		func(ctx context.Context, selections ast.SelectionSet, v *guildhall.Tag) graphql.Marshaler {
			return ec.marshalNTag2ᚖTag(ctx, selections, v)
		},
		true,
		true,
	)
}
func (ec *executionContext) fieldContext_Post_tag(_ context.Context, field graphql.CollectedField) (fc *graphql.FieldContext, err error) {
	fc = &graphql.FieldContext{Object: "Post", Field: field}
	return fc, nil
}
` + `
func (e *executableSchema) Exec(ctx context.Context) graphql.ResponseHandler {
			var buf bytes.Buffer
			data.MarshalGQL(&buf)
}
`

func TestRewritesTouchOnlyWhatTheyMay(t *testing.T) {
	out, err := rewriteAll([]byte(sample), []string{"Post.wordCount"})
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{
		"return ec.marshalNString2string(ctx, field.Selections, obj.Title) " + plainMarker, // a struct field
		"return ec.marshalNInt2int(ctx, field.Selections, obj.WordCount()) " + plainMarker, // a reviewed getter
		"return obj.Views()\n",                     // a getter that can fail keeps gqlgen's error handling
		"return obj.Tag, nil\n",                    // an object field keeps its field context
		"\tout := v\n\treturn out\n}\n",            // not an object marshaller: untouched
		"marshalSliceSequentially(ctx, len(v), 0,", // lists
		"buf := bytes.NewBuffer(make([]byte, 0, responseBufferSize))",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the rewritten sample lacks %q", want)
		}
	}
	if n := strings.Count(got, fieldSetDone); n != 2 {
		t.Errorf("%d object marshallers rewritten, want both", n)
	}
	if n := strings.Count(got, "deferred := newDeferredGroup(ctx, fields)\n"); n != 2 {
		t.Errorf("%d deferred groups rewritten, want 2", n)
	}
	if again, err := rewriteAll(out, []string{"Post.wordCount"}); err != nil || !bytes.Equal(again, out) {
		t.Errorf("a second run changes the file or fails: %v", err)
	}
}

// Every way the generated code can stop matching what fastexec assumes is an error that
// says what to look at.
func TestRewritesRefuseWhatTheyDoNotKnow(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		getters   []string
		want      string
	}{
		{"an unreviewed method getter", sample, nil, "Post.wordCount (obj.WordCount())"},
		{"a reviewed getter that is not plain any more", sample, []string{"Post.wordCount", "Post.views"}, "Post.views"},
		{"an object marshaller that ends otherwise",
			strings.Replace(sample, "\tdeferred := graphql.NewDeferredGroup(ctx)\n\treturn out\n}", "\tdeferred := graphql.NewDeferredGroup(ctx)\n\treturn out.Done()\n}", 1),
			[]string{"Post.wordCount"}, `"func (ec *executionContext) _Post"`},
		{"lists marshalled another way", strings.ReplaceAll(sample, "graphql.MarshalSliceConcurrently(", "graphql.MarshalSlice("),
			[]string{"Post.wordCount"}, "sequential lists: nothing to rewrite"},
		{"no objects at all", "package graph\n", nil, "no object marshallers"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := rewriteAll([]byte(tc.src), tc.getters); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error saying %q", err, tc.want)
			}
		})
	}
}
