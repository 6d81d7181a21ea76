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
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/internal/querycost"
	"github.com/guildhall/guildhall/media"
	"github.com/guildhall/guildhall/requestid"
)

// Limits bound what one request may ask for, so a hostile query cannot take the server down.
// All but Complexity are counted on the document before it is validated, each fragment once
// (see documents), so that counting costs time linear in the document's size.
type Limits struct {
	Tokens int // parser tokens in the query document
	// Selections bounds fields, fragment spreads, inline fragments, directives and argument
	// values, counted as if every fragment were written out where it is spread: what
	// validation and execution visit.
	Selections int
	Depth      int // nesting of selection sets
	Aliases    int // aliased fields in the document, fragments expanded
	// RepeatedPairs bounds the pairs of fields answering at the same place in the response,
	// which validation compares pairwise to check that they can be merged.
	RepeatedPairs int
	Complexity    int // gqlgen complexity, with lists weighted by their page size
}

// DefaultLimits are generous for real clients and fatal for abuse.
var DefaultLimits = Limits{Tokens: 15000, Selections: 2000, Depth: 15, Aliases: 50, RepeatedPairs: 5000, Complexity: 20000}

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
	es := NewSchema(svc)
	srv := handler.New(es)
	docs := newDocuments(es.Schema(), opts.Limits, !opts.Introspection)
	srv.AddTransport(getTransport{docs: docs})
	srv.AddTransport(postTransport{docs: docs})
	// Uploads (uploadAsset) by the GraphQL multipart request spec: the file goes to a
	// temporary file past 1 MiB, never all into memory; the body is bounded to one image and
	// the operation. The HTTP layer lets such requests through only with a credential.
	srv.AddTransport(multipartTransport{
		MultipartForm: transport.MultipartForm{MaxUploadSize: MaxMultipartBytes, MaxMemory: 1 << 20},
		docs:          docs,
	})
	srv.SetQueryCache(preparedCache{})
	srv.SetParserTokenLimit(opts.Limits.Tokens)
	srv.SetDisableSuggestion(!opts.Introspection)
	if !opts.Introspection {
		srv.SetValidationRulesFn(rulesWithoutSuggestions)
	}
	for _, e := range extensions(es, opts) {
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
// for them (TestNoFieldInterceptor). (Persisted queries and the limits counted on the
// document are the transports', in documents.go.)
func extensions(es graphql.ExecutableSchema, opts Options) []graphql.HandlerExtension {
	return []graphql.HandlerExtension{
		staffIntrospection{production: !opts.Introspection},
		operationLimit{es: es, complexity: opts.Limits.Complexity},
	}
}

// NewSchema returns the executable schema over svc, with its complexity weights.
func NewSchema(svc *cms.Service) graphql.ExecutableSchema {
	cfg := Config{Resolvers: &Resolver{Service: svc}}
	weighComplexity(&cfg.Complexity)
	return NewExecutableSchema(cfg)
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
		case gqlgenAPQNotFound:
			gerr.Extensions = map[string]any{"code": codeAPQNotFound}
			return gerr
		case codeTooComplex, codeBadInput, codeForbidden, codeUnauth, codeUnavailable:
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

// operationLimit refuses, before any resolver runs, an operation whose complexity (with its
// variables) is over the limit, or that asks for a page larger than the contract allows
// (refused here as well as by the service, so that a mutation asking for one writes
// nothing). It walks each fragment once, and stops when the request ends.
type operationLimit struct {
	es         graphql.ExecutableSchema
	complexity int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = operationLimit{}

func (operationLimit) ExtensionName() string                          { return "OperationLimit" }
func (operationLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (l operationLimit) MutateOperationContext(ctx context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if rc.Operation == nil {
		return nil
	}
	var refused *gqlerror.Error
	complexity, err := querycost.Complexity(ctx, l.es, rc.Operation, rc.Variables, func(f *ast.Field, args map[string]any) error {
		if refused = checkFirst(f, args); refused != nil {
			return refused
		}
		return nil
	})
	switch {
	case refused != nil:
		return refused
	case err != nil:
		return stoppedError(err)
	case complexity > l.complexity:
		return limitError("The query has a complexity of %s; the limit is %d. Ask for smaller pages (first) or fewer nested lists.", count(complexity), l.complexity)
	}
	return nil
}

// checkFirst refuses a page size outside the contract's range.
func checkFirst(f *ast.Field, args map[string]any) *gqlerror.Error {
	var n int64
	switch x := args["first"].(type) {
	case int64:
		n = x
	case int:
		n = int64(x)
	case float64:
		n = int64(x)
	default:
		return nil
	}
	if n > guildhall.MaxPageSize || n < 0 {
		err := gqlerror.Errorf("first must be between 0 and %d on %s.", guildhall.MaxPageSize, f.Name)
		err.Extensions = map[string]any{"code": codeBadInput, "fields": map[string]string{"first": fmt.Sprintf("must be between 0 and %d", guildhall.MaxPageSize)}}
		return err
	}
	return nil
}

func limitError(format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	err.Extensions = map[string]any{"code": codeTooComplex}
	return err
}
