package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/media"
	"github.com/guildhall/guildhall/requestid"
)

// Limits bound what one request may ask for, so a hostile query cannot take the server down.
type Limits struct {
	Tokens     int // parser tokens in the query document
	Depth      int // nesting of selection sets
	Aliases    int // aliased fields in the operation
	Complexity int // gqlgen complexity, with lists weighted by their page size
}

// DefaultLimits are generous for real clients and fatal for abuse.
var DefaultLimits = Limits{Tokens: 15000, Depth: 15, Aliases: 50, Complexity: 20000}

// Options configure the handler.
type Options struct {
	Limits Limits
	// Introspection and "did you mean" suggestions help people explore the API. Production
	// turns them off: suggestions for everyone, introspection for all but EDITOR and ADMIN.
	Introspection bool
	Logger        *slog.Logger
}

// MaxMultipartBytes bounds a multipart request: one image of media.MaxBytes and room for the
// operation.
const MaxMultipartBytes = media.MaxBytes + 1<<20

// NewHandler returns the GraphQL HTTP handler: POST with a JSON body, and GET for queries
// only (as gqlgen's transports, which transport.go adapts).
func NewHandler(svc *cms.Service, opts Options) *handler.Server {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	cfg := Config{Resolvers: &Resolver{Service: svc}}
	weighComplexity(&cfg.Complexity)
	srv := handler.New(NewExecutableSchema(cfg))
	srv.AddTransport(getTransport{})
	srv.AddTransport(postTransport{})
	// Uploads (uploadAsset) by the GraphQL multipart request spec: the file goes to a
	// temporary file past 1 MiB, never all into memory; the body is bounded to one image and
	// the operation. The HTTP layer lets such requests through only with a credential.
	srv.AddTransport(transport.MultipartForm{MaxUploadSize: MaxMultipartBytes, MaxMemory: 1 << 20})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(opts.Limits.Tokens)
	srv.SetDisableSuggestion(!opts.Introspection)
	if !opts.Introspection {
		srv.SetValidationRulesFn(rulesWithoutSuggestions)
	}
	for _, e := range extensions(opts) {
		srv.Use(e)
	}
	srv.SetErrorPresenter(presenter(opts.Logger))
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		opts.Logger.ErrorContext(ctx, "panic in resolver", "panic", p, "request_id", requestid.From(ctx), "stack", string(debug.Stack()))
		return fmt.Errorf("panic: %v", p)
	})
	return srv
}

// extensions are every extension the handler runs. None may intercept fields: the plain
// fields internal/fastexec writes out skip field interceptors, so one would silently not run
// for them (TestNoFieldInterceptor).
func extensions(opts Options) []graphql.HandlerExtension {
	return []graphql.HandlerExtension{
		staffIntrospection{production: !opts.Introspection},
		extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)},
		shapeLimit{depth: opts.Limits.Depth, aliases: opts.Limits.Aliases},
		extension.FixedComplexityLimit(opts.Limits.Complexity),
	}
}

// weighComplexity makes every list cost its page size times what one element costs, so
// "first: 100" nested three deep is priced as the million objects it could return.
func weighComplexity(c *ComplexityRoot) {
	page := func(first *int) int {
		if first == nil || *first < 1 {
			return guildhall.DefaultPageSize
		}
		return *first
	}
	c.Query.Posts = func(child int, first *int, _ *string, _ *guildhall.PostFilter, _ *guildhall.PostOrder) int {
		return 1 + page(first)*child
	}
	c.Query.Members = func(child int, first *int, _ *string, _ *guildhall.MemberFilter) int { return 1 + page(first)*child }
	c.Query.Blocks = func(child int, first *int, _ *string, _ *guildhall.BlockKind) int { return 1 + page(first)*child }
	c.Member.Posts = func(child int, first *int, _ *string) int { return 1 + page(first)*child }
	c.Post.Revisions = func(child int, first *int, _ *string) int { return 1 + page(first)*child }
	// An old revision's body is a database read (by _id, a scan on the embedded engine):
	// priced so that one query can open a page of them, not thousands.
	c.PostRevision.Body = func(child int) int { return 100 + child }
	c.Membership.Renewals = func(child int, first *int, _ *string) int { return 1 + page(first)*child }
	c.Post.Related = func(child int, first *int) int { return 1 + page(first)*child }
	c.Query.APITokens = func(child int, first *int, _ *string) int { return 1 + page(first)*child }
	c.Query.Accounts = func(child int, first *int, _ *string) int { return 1 + page(first)*child }
	// An account's working sessions are few (each lasts 12 hours), but they are a list.
	c.Account.Sessions = func(child int) int { return 1 + guildhall.DefaultPageSize*child }
	c.Query.MembersExpiring = func(child int, _ int, first *int, _ *string) int { return 1 + page(first)*child }
	c.Query.MembershipEvents = func(child int, _ string, first *int, _ *string) int { return 1 + page(first)*child }
	c.Query.Webhooks = func(child int, first *int, _ *string) int { return 1 + page(first)*child }
	c.Query.WebhookDeliveries = func(child int, _ *string, first *int, _ *string) int { return 1 + page(first)*child }
}

// Codes as the API contract names them (extensions.code).
const (
	codeBadInput      = "BAD_USER_INPUT"
	codeUnauth        = "UNAUTHENTICATED"
	codeForbidden     = "FORBIDDEN"
	codeNotFound      = "NOT_FOUND"
	codeConflict      = "CONFLICT"
	codeRateLimited   = "RATE_LIMITED"
	codeTooComplex    = "QUERY_TOO_COMPLEX"
	codeUnavailable   = "UNAVAILABLE"
	codeInternal      = "INTERNAL_SERVER_ERROR"
	codeAPQNotFound   = "PERSISTED_QUERY_NOT_FOUND"
	gqlgenComplexity  = "COMPLEXITY_LIMIT_EXCEEDED"
	gqlgenAPQNotFound = "PERSISTED_QUERY_NOT_FOUND"
)

var domainCodes = map[string]string{
	guildhall.EINVALID:      codeBadInput,
	guildhall.ENOTFOUND:     codeNotFound,
	guildhall.ECONFLICT:     codeConflict,
	guildhall.EUNAUTHORIZED: codeUnauth,
	guildhall.EFORBIDDEN:    codeForbidden,
	guildhall.ERATELIMITED:  codeRateLimited,
	guildhall.EUNAVAILABLE:  codeUnavailable,
	guildhall.EINTERNAL:     codeInternal,
}

// Code maps a domain error code to the API's extensions.code.
func Code(domainCode string) string {
	if c, ok := domainCodes[domainCode]; ok {
		return c
	}
	return codeInternal
}

// presenter turns every error into the contract's shape: a people-facing message and
// extensions.code. Internal errors are logged in full and shown only as a request ID.
func presenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		if e, ok := errors.AsType[*guildhall.Error](err); ok {
			gerr.Message = e.Message
			gerr.Extensions = map[string]any{"code": Code(e.Code)}
			if len(e.Fields) > 0 {
				gerr.Extensions["fields"] = e.Fields
			} else if e.Code == guildhall.EINVALID && len(gerr.Path) > 0 {
				// A scalar that did not parse (model.UnmarshalTime) knows no name: the
				// argument or input field is the last element of the path.
				gerr.Extensions["fields"] = map[string]string{fmt.Sprint(gerr.Path[len(gerr.Path)-1]): e.Message}
			}
			for k, v := range e.Extra {
				gerr.Extensions[k] = v
			}
			switch e.Code {
			case guildhall.EUNAVAILABLE:
				// Not the client's mistake, nor a bug: what operators watch for at WARN.
				log.WarnContext(ctx, "unavailable", "err", err, "path", gerr.Path.String(), "request_id", requestid.From(ctx))
				return gerr
			case guildhall.EINTERNAL:
			default:
				return gerr
			}
		}
		// Errors gqlgen raised itself, before or while executing.
		switch code, _ := gerr.Extensions["code"].(string); code {
		case errcode.ParseFailed:
			gerr.Extensions = map[string]any{"code": errcode.ParseFailed, "fields": map[string]string{"query": gerr.Message}}
			return gerr
		case errcode.ValidationFailed:
			return presentValidation(ctx, gerr)
		case gqlgenComplexity:
			gerr.Extensions = map[string]any{"code": codeTooComplex}
			return gerr
		case gqlgenAPQNotFound:
			gerr.Extensions = map[string]any{"code": codeAPQNotFound}
			return gerr
		case codeTooComplex, codeBadInput, codeForbidden, codeUnauth:
			return gerr
		}
		if gerr.Path == nil && !isInternal(err) {
			// A request-level error from gqlgen (e.g. a malformed body): the client's fault.
			gerr.Extensions = map[string]any{"code": codeBadInput, "fields": map[string]string{"request": gerr.Message}}
			return gerr
		}
		id := requestid.From(ctx)
		log.ErrorContext(ctx, "internal error", "err", err, "path", gerr.Path.String(), "request_id", id)
		gerr.Message = fmt.Sprintf("Internal error; quote request ID %s when reporting it.", id)
		gerr.Extensions = map[string]any{"code": codeInternal, "requestId": id}
		return gerr
	}
}

// presentValidation presents a document that does not validate as GRAPHQL_VALIDATION_FAILED
// (the code gqlgen and Apollo give it, which clients' error links check), with the
// validator's message in extensions.fields.query. Two request mistakes gqlgen reports the same
// way are told apart: a variable whose value does not fit its type is BAD_USER_INPUT on
// variables.<name> (as Apollo answers it), and an operation that cannot be chosen names the
// operations the document has.
func presentValidation(ctx context.Context, gerr *gqlerror.Error) *gqlerror.Error {
	if name, ok := strings.CutPrefix(gerr.Path.String(), "variable."); ok {
		gerr.Extensions = map[string]any{"code": codeBadInput, "fields": map[string]string{"variables." + name: gerr.Message}}
		return gerr
	}
	if graphql.HasOperationContext(ctx) {
		if oc := graphql.GetOperationContext(ctx); oc.Doc != nil && oc.Operation == nil && len(oc.Doc.Operations) > 0 {
			gerr.Message, gerr.Extensions = operationNotChosen(oc.OperationName, oc.Doc.Operations)
			return gerr
		}
	}
	gerr.Extensions = map[string]any{"code": errcode.ValidationFailed, "fields": map[string]string{"query": gerr.Message}}
	return gerr
}

// operationNotChosen says why no operation of a document could be run, naming the ones
// there are (gqlgen says "operation  not found", with an empty name, for a document of two
// operations sent without operationName).
func operationNotChosen(asked string, ops ast.OperationList) (string, map[string]any) {
	names := make([]string, 0, len(ops))
	for _, op := range ops {
		if op.Name != "" {
			names = append(names, strconv.Quote(op.Name))
		}
	}
	have := "The document's operations: " + strings.Join(names, ", ") + "."
	if len(names) == 0 {
		have = "Its one operation has no name: send no operationName."
	}
	var msg, why string
	if asked == "" {
		msg, why = "The document has "+strconv.Itoa(len(ops))+" operations: say which to run in operationName. "+have, "is required when the document has several operations"
	} else {
		msg, why = "The document has no operation named "+strconv.Quote(asked)+". "+have, "names no operation of the document"
	}
	return msg, map[string]any{"code": errcode.ValidationFailed, "fields": map[string]string{"operationName": why}}
}

// isInternal reports whether err came from resolver code rather than from gqlgen checking
// the request.
func isInternal(err error) bool {
	var gerr *gqlerror.Error
	if errors.As(err, &gerr) {
		return gerr.Err != nil
	}
	return true
}

// shapeLimit refuses operations nested too deep or with too many aliases, before any
// resolver runs.
type shapeLimit struct{ depth, aliases int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = shapeLimit{}

func (shapeLimit) ExtensionName() string                          { return "ShapeLimit" }
func (shapeLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (l shapeLimit) MutateOperationContext(ctx context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	op := rc.Doc.Operations.ForName(rc.OperationName)
	if op == nil {
		return nil
	}
	m := shapeMeter{fragments: map[string]shape{}, vars: rc.Variables}
	got := m.measure(op.SelectionSet)
	if m.refused != nil {
		return m.refused
	}
	if got.depth > l.depth {
		return limitError("The query is nested %d levels deep; the limit is %d.", got.depth, l.depth)
	}
	if got.aliases > l.aliases {
		return limitError("The query uses %d aliases; the limit is %d.", got.aliases, l.aliases)
	}
	return nil
}

// shape is how deep a selection set nests and how many aliased fields it expands to.
type shape struct{ depth, aliases int }

// shapeMeter measures selection sets, each named fragment once: a fragment spread twice in
// a fragment spread twice (and so on) must not cost exponential time to measure.
type shapeMeter struct {
	fragments map[string]shape
	vars      map[string]any
	// refused is set when a field asks for a page larger than the contract allows (refused
	// here, before any resolver runs, as well as by the service), or a fragment is deferred.
	refused *gqlerror.Error
}

// checkDefer refuses @defer: the transports answer one JSON document, and gqlgen would
// answer a deferred fragment there with its fields null and "hasNext": true, as if they
// were empty.
func (m *shapeMeter) checkDefer(directives ast.DirectiveList) {
	if m.refused == nil && directives.ForName("defer") != nil {
		m.refused = gqlerror.Errorf("@defer is not supported: every answer is sent whole. Remove the directive.")
		m.refused.Extensions = map[string]any{"code": codeBadInput, "fields": map[string]string{"query": "uses @defer"}}
	}
}

func (m *shapeMeter) checkFirst(f *ast.Field) {
	arg := f.Arguments.ForName("first")
	if arg == nil || m.refused != nil {
		return
	}
	v, err := arg.Value.Value(m.vars)
	if err != nil {
		return
	}
	var n int64
	switch x := v.(type) {
	case int64:
		n = x
	case int:
		n = int64(x)
	case float64:
		n = int64(x)
	default:
		return
	}
	if n > guildhall.MaxPageSize || n < 0 {
		m.refused = gqlerror.Errorf("first must be between 0 and %d on %s.", guildhall.MaxPageSize, f.Name)
		m.refused.Extensions = map[string]any{"code": codeBadInput, "fields": map[string]string{"first": fmt.Sprintf("must be between 0 and %d", guildhall.MaxPageSize)}}
	}
}

func (m *shapeMeter) measure(set ast.SelectionSet) shape {
	var out shape
	add := func(s shape, extraDepth int) {
		out.depth = max(out.depth, s.depth+extraDepth)
		out.aliases = min(out.aliases+s.aliases, 1<<30) // saturate: only "over the limit" matters
	}
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			m.checkFirst(s)
			inner := m.measure(s.SelectionSet)
			if s.Alias != "" && s.Alias != s.Name {
				inner.aliases++
			}
			add(inner, 1)
		case *ast.InlineFragment:
			m.checkDefer(s.Directives)
			add(m.measure(s.SelectionSet), 0)
		case *ast.FragmentSpread:
			m.checkDefer(s.Directives)
			frag, ok := m.fragments[s.Name]
			if !ok {
				m.fragments[s.Name] = shape{} // validation rejects cycles; never loop on one
				if s.Definition != nil {
					frag = m.measure(s.Definition.SelectionSet)
				}
				m.fragments[s.Name] = frag
			}
			add(frag, 0)
		}
	}
	return out
}

func limitError(format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	err.Extensions = map[string]any{"code": codeTooComplex}
	return err
}
