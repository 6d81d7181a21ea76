package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

func testDocuments() *documents {
	return newDocuments(NewSchema(nil).Schema(), DefaultLimits, false)
}

func code(errs gqlerror.List) string {
	if len(errs) == 0 {
		return ""
	}
	c, _ := errs[0].Extensions["code"].(string)
	return c
}

// Limits are checked before validation: a document both too big and invalid is refused for
// its size, so validation never ran on it.
func TestPrepareMeasuresBeforeValidating(t *testing.T) {
	d := testDocuments()
	fan := "{ viewer { ...G0 } }\nfragment G40 on Viewer { nope }\n" // 2^40 copies of an unknown field
	for i := range 40 {
		fan += fmt.Sprintf("fragment G%d on Viewer { ...G%d ...G%d }\n", i, i+1, i+1)
	}
	for name, q := range map[string]string{
		"fan-out of an unknown field":        fan,
		"14,000 copies of an unknown field":  "{ viewer { " + strings.Repeat("nope ", 14000) + "} }",
		"deep, and an unknown argument":      "{ " + strings.Repeat("viewer { member { ", 10) + "name(x: 1)" + strings.Repeat(" } }", 10) + " }",
		"many aliases of an unknown field":   "{" + strings.Repeat(" a: viewer { nope }", 60) + " }",
		"500 copies of a field, all unknown": "{ viewer { " + strings.Repeat("nope ", 500) + "} }",
	} {
		_, errs := d.prepare(t.Context(), &graphql.RawParams{Query: q})
		if code(errs) != codeTooComplex {
			t.Errorf("%s: %v", name, errs)
		}
	}
	// A fragment that spreads itself is refused as invalid, as the validator would.
	_, errs := d.prepare(t.Context(), &graphql.RawParams{Query: "{ viewer { ...A } }\nfragment A on Viewer { role ...A }"})
	if len(errs) != 1 || errcode.GetErrorKind(errs) != errcode.KindProtocol || errs[0].Extensions["code"] != errcode.ValidationFailed {
		t.Errorf("a cycle: %v", errs)
	}
	// @defer is refused.
	if _, errs := d.prepare(t.Context(), &graphql.RawParams{Query: "{ viewer { ... @defer { role } } }"}); code(errs) != codeBadInput {
		t.Errorf("@defer: %v", errs)
	}
}

// Each text is parsed and validated once; later requests get the same document.
func TestPrepareParsesOnce(t *testing.T) {
	d := testDocuments()
	q := `{ posts(first: 2) { nodes { title } } }`
	first, errs := d.prepare(t.Context(), &graphql.RawParams{Query: q})
	if errs != nil {
		t.Fatal(errs)
	}
	again, _ := d.prepare(t.Context(), &graphql.RawParams{Query: q})
	if again != first {
		t.Error("the same text was parsed again")
	}
	// gqlgen's executor is handed the request's document through its query cache.
	ctx := withPrepared(t.Context(), q, first)
	if doc, ok := (preparedCache{}).Get(ctx, q); !ok || doc != first {
		t.Error("the executor does not get the prepared document")
	}
	if _, ok := (preparedCache{}).Get(ctx, "{ other }"); ok {
		t.Error("the executor got a document for another text")
	}
	// Invalid documents are not kept.
	d.prepare(t.Context(), &graphql.RawParams{Query: "{ nope }"})
	if _, ok := d.parsed.Get("{ nope }"); ok {
		t.Error("an invalid document was cached")
	}
}

// Validation stops at the next fields once the request has ended.
func TestValidationStopsWhenTheRequestEnds(t *testing.T) {
	d := testDocuments()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	q := "{ " + strings.Repeat("viewer { role } ", 30) + "posts { nodes { id title slug excerpt status tags createdAt updatedAt publishedAt version } } }"
	doc, errs := d.prepare(context.WithoutCancel(ctx), &graphql.RawParams{Query: q})
	if errs != nil || doc == nil {
		t.Fatalf("the document is valid: %v", errs)
	}
	d = testDocuments()
	_, errs = d.prepare(ctx, &graphql.RawParams{Query: q})
	if code(errs) != codeUnavailable {
		t.Errorf("an ended request: %v", errs)
	}
	_, err := d.validate(ctx, doc)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("validate with an ended context: %v", err)
	}
}

// Persisted queries and documents are kept within a byte budget, whatever clients send.
func TestDocumentCachesAreBounded(t *testing.T) {
	d := testDocuments()
	for i := range 200 {
		q := fmt.Sprintf("{ viewer { role } } # %d %s", i, strings.Repeat("x", 200<<10))
		if _, errs := d.prepare(t.Context(), &graphql.RawParams{Query: q}); errs != nil {
			t.Fatal(errs)
		}
		params := &graphql.RawParams{Query: q, Extensions: map[string]any{"persistedQuery": map[string]any{"version": 1.0, "sha256Hash": sha(q)}}}
		if _, errs := d.prepare(t.Context(), params); errs != nil {
			t.Fatal(errs)
		}
	}
	if d.parsed.Bytes() > parsedCacheBytes || d.persisted.Bytes() > persistedCacheBytes {
		t.Errorf("caches hold %d and %d bytes", d.parsed.Bytes(), d.persisted.Bytes())
	}
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
