package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"github.com/guildhall/guildhall/internal/querycost"
	"github.com/guildhall/guildhall/internal/sizedlru"
)

// documents turns the query text of a request into a parsed, measured and validated
// document, before gqlgen sees it, parsing each text once:
//
//  1. A persisted query (Automatic Persisted Queries) is looked up by its hash, or
//     remembered.
//  2. A document already prepared is taken from a cache, by its text.
//  3. Otherwise the text is parsed (at most Limits.Tokens tokens), then measured in time
//     linear in its size (querycost.Measure: each fragment once, cycles refused), and
//     refused with QUERY_TOO_COMPLEX if it selects too much, nests too deep, uses too many
//     aliases or repeats fields at one place too often: all before gqlparser's validation,
//     whose rules walk every path and compare repeated fields pairwise.
//  4. Then it is validated (gqlparser's rules, as gqlgen runs them), stopping when the
//     request's context ends, and cached.
//
// The prepared document reaches gqlgen's executor through its query cache (preparedCache),
// which hands back the request's own document, so the executor neither parses nor
// validates it again. Both caches are keyed by text a client sends, so both are bounded by
// bytes.
type documents struct {
	schema            *ast.Schema
	limits            Limits
	disableSuggestion bool
	parsed            *sizedlru.Cache[string, *ast.QueryDocument] // by query text
	persisted         *sizedlru.Cache[string, string]             // query text by SHA-256
}

// Cache budgets. A parsed and validated document takes about 30 to 50 times the bytes of
// its text; real queries are a few hundred bytes to a few KiB.
const (
	parsedCacheBytes    = 16 << 20
	persistedCacheBytes = 8 << 20
	parsedBytesPerByte  = 50
)

func newDocuments(schema *ast.Schema, limits Limits, disableSuggestion bool) *documents {
	return &documents{
		schema: schema, limits: limits, disableSuggestion: disableSuggestion,
		parsed:    sizedlru.New[string, *ast.QueryDocument](parsedCacheBytes),
		persisted: sizedlru.New[string, string](persistedCacheBytes),
	}
}

// prepare resolves a persisted query into params.Query and returns its document, ready to
// execute, or the errors that refuse it (coded as gqlgen codes them, so the error presenter
// and the transports' statuses treat them alike).
func (d *documents) prepare(ctx context.Context, params *graphql.RawParams) (*ast.QueryDocument, gqlerror.List) {
	if err := d.resolvePersisted(params); err != nil {
		return nil, gqlerror.List{err}
	}
	if doc, ok := d.parsed.Get(params.Query); ok {
		return doc, nil
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: params.Query}, d.limits.Tokens)
	if err != nil {
		var gerr *gqlerror.Error
		if !errors.As(err, &gerr) {
			gerr = gqlerror.Wrap(err)
		}
		errcode.Set(gerr, errcode.ParseFailed)
		return nil, gqlerror.List{gerr}
	}
	if len(doc.Operations) == 0 {
		gerr := gqlerror.Errorf("no operation provided")
		errcode.Set(gerr, errcode.ValidationFailed)
		return nil, gqlerror.List{gerr}
	}
	if gerr := d.measure(ctx, doc); gerr != nil {
		return nil, gqlerror.List{gerr}
	}
	errs, err := d.validate(ctx, doc)
	if err != nil {
		return nil, gqlerror.List{stoppedError(err)}
	}
	if len(errs) > 0 {
		for _, e := range errs {
			errcode.Set(e, errcode.ValidationFailed)
		}
		return nil, errs
	}
	d.parsed.Add(params.Query, doc, int64(len(params.Query))*parsedBytesPerByte)
	return doc, nil
}

// measure refuses a document that would cost too much to validate or to run.
func (d *documents) measure(ctx context.Context, doc *ast.QueryDocument) *gqlerror.Error {
	shape, err := querycost.Measure(ctx, doc)
	if cycle, ok := errors.AsType[*querycost.CycleError](err); ok {
		gerr := gqlerror.Errorf("%s", cycle.Error())
		errcode.Set(gerr, errcode.ValidationFailed)
		return gerr
	}
	if err != nil {
		return stoppedError(err)
	}
	l := d.limits
	switch {
	case shape.Selections > l.Selections:
		return limitError("The query selects %s fields, fragments, directives and arguments once its fragments are expanded; the limit is %d.", count(shape.Selections), l.Selections)
	case shape.Depth > l.Depth:
		return limitError("The query is nested %d levels deep; the limit is %d.", shape.Depth, l.Depth)
	case shape.Aliases > l.Aliases:
		return limitError("The query uses %s aliases; the limit is %d.", count(shape.Aliases), l.Aliases)
	case shape.Deferred:
		// The transports answer one JSON document; gqlgen would answer a deferred fragment
		// there with its fields null and "hasNext": true, as if they were empty.
		gerr := gqlerror.Errorf("@defer is not supported: every answer is sent whole. Remove the directive.")
		gerr.Extensions = map[string]any{"code": codeBadInput, "fields": map[string]string{"query": "uses @defer"}}
		return gerr
	}
	pairs, err := querycost.RepeatedPairs(ctx, doc)
	if err != nil {
		return stoppedError(err)
	}
	if pairs > l.RepeatedPairs {
		return limitError("The query asks for the same fields at the same place too often (%d pairs to compare; the limit is %d): ask for each field once.", pairs, l.RepeatedPairs)
	}
	return nil
}

// count writes a saturated count as what it is: more than anyone needs.
func count(n int) string {
	if n >= 1<<31-1 {
		return "more than 2 billion"
	}
	return fmt.Sprint(n)
}

// errStopped ends a validation whose request has ended.
var errStopped = errors.New("validation stopped")

// validate runs gqlparser's validation with the rules gqlgen would use. One more rule looks
// at the context between fields and stops the walk once the request has ended; err is then
// the context's error.
func (d *documents) validate(ctx context.Context, doc *ast.QueryDocument) (errs gqlerror.List, err error) {
	defer func() {
		if p := recover(); p != nil {
			if p != errStopped {
				panic(p)
			}
			errs, err = nil, ctx.Err()
		}
	}()
	set := validationRules(d.disableSuggestion)
	set.AddRule("StopWhenRequestEnds", func(observers *validator.Events, _ validator.AddErrFunc) {
		fields := 0
		observers.OnField(func(*validator.Walker, *ast.Field) {
			if fields++; fields%64 == 0 && ctx.Err() != nil {
				panic(errStopped)
			}
		})
	})
	return validator.ValidateWithRules(d.schema, doc, set), nil
}

// validationRules are the rules gqlgen's executor would validate with (SetValidationRulesFn):
// without any suggestion when they are turned off.
func validationRules(disableSuggestion bool) *rules.Rules {
	if disableSuggestion {
		return rulesWithoutSuggestions()
	}
	return rules.NewDefaultRules()
}

// resolvePersisted implements Automatic Persisted Queries (as gqlgen's extension does): a
// request with only a hash gets the query remembered for it, or PERSISTED_QUERY_NOT_FOUND;
// a request with both has its query remembered under the hash, if they match.
func (d *documents) resolvePersisted(params *graphql.RawParams) *gqlerror.Error {
	ext, ok := params.Extensions["persistedQuery"].(map[string]any)
	if !ok {
		if params.Extensions["persistedQuery"] != nil {
			return gqlerror.Errorf("invalid APQ extension data")
		}
		return nil
	}
	hash, _ := ext["sha256Hash"].(string)
	if version, _ := number(ext["version"]); version != 1 {
		return gqlerror.Errorf("unsupported APQ version")
	}
	if params.Query == "" {
		query, ok := d.persisted.Get(hash)
		if !ok {
			err := gqlerror.Errorf("PersistedQueryNotFound")
			errcode.Set(err, codeAPQNotFound)
			return err
		}
		params.Query = query
		return nil
	}
	sum := sha256.Sum256([]byte(params.Query))
	if hex.EncodeToString(sum[:]) != hash {
		return gqlerror.Errorf("provided APQ hash does not match query")
	}
	d.persisted.Add(hash, params.Query, int64(len(params.Query)+len(hash)))
	return nil
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case float64:
		return n, true
	case int:
		return float64(n), true
	}
	return 0, false
}

// preparedKey carries the document prepare made into gqlgen's executor.
type preparedKey struct{}

type prepared struct {
	query string
	doc   *ast.QueryDocument
}

func withPrepared(ctx context.Context, query string, doc *ast.QueryDocument) context.Context {
	return context.WithValue(ctx, preparedKey{}, &prepared{query: query, doc: doc})
}

// preparedCache is gqlgen's query cache, holding only the request's own document: the
// executor finds it there and goes straight to execution. (Only the transports call the
// executor, always after prepare; were the document missing, gqlgen would parse and
// validate the text itself, as it does without a cache.)
type preparedCache struct{}

func (preparedCache) Get(ctx context.Context, query string) (*ast.QueryDocument, bool) {
	if p, ok := ctx.Value(preparedKey{}).(*prepared); ok && p.query == query {
		return p.doc, true
	}
	return nil, false
}

func (preparedCache) Add(context.Context, string, *ast.QueryDocument) {}

// stoppedError is the answer to a request that ended while its query was being checked: the
// client has gone (nobody reads it) or the request ran out of time.
func stoppedError(err error) *gqlerror.Error {
	gerr := gqlerror.Errorf("The request took too long and was stopped.")
	gerr.Extensions = map[string]any{"code": codeUnavailable}
	gerr.Err = err
	return gerr
}
