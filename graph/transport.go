package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// The HTTP transports are gqlgen's POST and GET (same requests accepted, same content types),
// except for the statuses of request errors and how an answer is written.
//
// Statuses follow the GraphQL over HTTP specification (graphql-http's auditServer checks them,
// app/graphqlhttp_audit_test.go): a request that is not a GraphQL request at all (a body that
// is not JSON, no query) is 400; an operation that cannot start (it does not parse or
// validate, a variable does not fit, a limit refuses it) answers errors without a "data" entry,
// with 200 under Accept: application/json (what older clients expect) and 400 under
// application/graphql-response+json. gqlgen answers 422 for the first kind and 200 for the
// second, with "data": null in both.
//
// Answers are written gqlgen writes every response with
// encoding/json, which validates and copies the "data" document the executor has just
// written (valid JSON by construction) and escapes each <, > and & in it: under load that
// was a fifth of the CPU of a page of posts (README, Benchmark). Here an answer without
// errors or extensions is written as the executor made it, `{"data":...}`; any other goes
// through encoding/json as before. The JSON means the same either way; only the escaping of
// <, > and & differs.

// postTransport is gqlgen's transport.POST, preparing documents with docs and writing
// answers with writeResponse.
type postTransport struct {
	transport.POST
	docs *documents
}

func (t postTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	contentType := responseContentType(r)
	w.Header().Set("Content-Type", contentType)
	start := graphql.Now()
	body, err := requestBody(r)
	if err != nil {
		writeResponse(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf("could not read request body: %+v", err)}))
		return
	}
	params := &graphql.RawParams{}
	if err := jsonDecode(bytes.NewReader(body), params); err != nil {
		// Said briefly: gqlgen's message echoed the whole body, up to 1 MiB, back.
		w.WriteHeader(http.StatusBadRequest)
		writeResponse(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf("The request body is not a JSON object with a query: %s", jsonProblem(err))}))
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	if params.Query == "" && params.Extensions["persistedQuery"] == nil {
		w.WriteHeader(http.StatusBadRequest)
		writeResponse(w, exec.DispatchError(ctx, gqlerror.List{missingQuery()}))
		return
	}
	execute(w, r, exec, t.docs, params, contentType, false)
}

// jsonProblem describes a decoding error in a few words, never quoting the body.
func jsonProblem(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Sprintf("invalid JSON at byte %d", syntax.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("%s must be a %s, not a %s", typ.Field, typ.Type, typ.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the JSON ends too soon"
	}
	return "invalid JSON"
}

// getTransport is gqlgen's transport.GET (queries only), preparing documents with docs and
// writing answers with writeResponse.
type getTransport struct {
	transport.GET
	docs *documents
}

func (t getTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		writeError(w, "query", "The URL's query string could not be parsed.")
		return
	}
	contentType := responseContentType(r)
	w.Header().Set("Content-Type", contentType)
	params := &graphql.RawParams{Query: query.Get("query"), OperationName: query.Get("operationName"), Headers: r.Header}
	params.ReadTime.Start = graphql.Now()
	if variables := query.Get("variables"); variables != "" {
		if err := jsonDecode(strings.NewReader(variables), &params.Variables); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			writeError(w, "variables", "variables could not be decoded")
			return
		}
	}
	if extensions := query.Get("extensions"); extensions != "" {
		if err := jsonDecode(strings.NewReader(extensions), &params.Extensions); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			writeError(w, "extensions", "extensions could not be decoded")
			return
		}
	}
	params.ReadTime.End = graphql.Now()
	execute(w, r, exec, t.docs, params, contentType, true)
}

// execute prepares the document (docs), runs the operation and writes its answer. queryOnly
// refuses mutations (GET).
func execute(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor, docs *documents, params *graphql.RawParams, contentType string, queryOnly bool) {
	ctx := r.Context()
	doc, errs := docs.prepare(ctx, params)
	if errs != nil {
		w.WriteHeader(statusFor(ctx, contentType))
		writeResponse(w, exec.DispatchError(ctx, errs))
		return
	}
	ctx = withPrepared(ctx, params.Query, doc)
	opCtx, opErr := exec.CreateOperationContext(ctx, params)
	if opErr != nil {
		w.WriteHeader(statusFor(ctx, contentType))
		writeResponse(w, exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), opErr))
		return
	}
	if queryOnly && opCtx.Doc.Operations.ForName(opCtx.OperationName).Operation != ast.Query {
		// GraphQL over HTTP: a mutation over GET is 405, and names the method to use. (A GET
		// must be safe: links and prefetches must never write.)
		w.Header().Set("Allow", http.MethodPost)
		w.WriteHeader(http.StatusMethodNotAllowed)
		writeError(w, "query", "Mutations must be sent with POST; GET runs queries only.")
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, opCtx)
	resp := responses(ctx)
	if resp == nil || ctx.Err() != nil {
		// The request ran out of time, or its client has gone: what was made is partial
		// (resolvers stop when the context ends), so it is not sent. (gqlgen answers nil
		// when the context has ended before it starts.)
		w.WriteHeader(http.StatusServiceUnavailable)
		writeResponse(w, exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), gqlerror.List{stoppedError(ctx.Err())}))
		return
	}
	writeResponse(w, resp)
}

// writeResponse writes resp as gqlgen does, an answer with data alone as it stands, and an
// answer from an operation that never ran (no data at all) without a "data" entry.
func writeResponse(w io.Writer, resp *graphql.Response) {
	if len(resp.Data) > 0 && len(resp.Errors) == 0 && len(resp.Extensions) == 0 && resp.Label == "" && len(resp.Path) == 0 && resp.HasNext == nil {
		_, _ = io.WriteString(w, `{"data":`)
		_, _ = w.Write(resp.Data)
		_, _ = io.WriteString(w, `}`)
		return
	}
	var answer any = resp
	if len(resp.Data) == 0 {
		answer = requestError{Errors: resp.Errors, Extensions: resp.Extensions}
	}
	b, err := json.Marshal(answer)
	if err != nil {
		// As gqlgen: only an executor bug makes an unmarshallable response.
		panic("graph: unable to marshal the response: " + err.Error())
	}
	_, _ = w.Write(b)
}

// requestError is the answer to a request that was never executed: errors, and no "data"
// entry (the GraphQL specification: data is absent when execution did not start).
type requestError struct {
	Errors     gqlerror.List  `json:"errors"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// missingQuery refuses a POST body without a query (nor a persisted query's hash).
func missingQuery() *gqlerror.Error {
	err := gqlerror.Errorf("The request has no query: send {\"query\": \"...\"} (and optionally variables and operationName).")
	err.Extensions = map[string]any{"code": codeBadInput, "fields": map[string]string{"query": "is required"}}
	return err
}

// writeError answers a request the client got wrong before it could run: BAD_USER_INPUT,
// with the part of the request at fault.
func writeError(w io.Writer, field, message string) {
	err := &gqlerror.Error{Message: message, Extensions: map[string]any{"code": codeBadInput, "fields": map[string]string{field: message}}}
	writeResponse(w, &graphql.Response{Errors: gqlerror.List{err}})
}

// requestBody returns the body, without copying it again when the app's request rules have
// read it already (they leave a body with a Bytes method).
func requestBody(r *http.Request) ([]byte, error) {
	if read, ok := r.Body.(interface{ Bytes() []byte }); ok {
		return read.Bytes(), nil
	}
	return io.ReadAll(r.Body)
}

func jsonDecode(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	return dec.Decode(v)
}

// The response content types gqlgen negotiates from Accept.
const (
	contentJSON            = "application/json"
	contentGraphQLResponse = "application/graphql-response+json"
)

// responseContentType is gqlgen's choice: application/json unless Accept asks for
// application/graphql-response+json first (or names neither).
func responseContentType(r *http.Request) string {
	accept := r.Header.Get("Accept")
	if accept == "" {
		return contentJSON
	}
	for part := range strings.SplitSeq(accept, ",") {
		mediaType, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mediaType {
		case "*/*", "application/*", contentJSON:
			return contentJSON
		case contentGraphQLResponse:
			return contentGraphQLResponse
		}
	}
	return contentGraphQLResponse
}

// statusFor is the status of an operation that could not start: the GraphQL over HTTP
// specification's 200 for application/json (parse, validation and variable failures alike),
// and 400 for application/graphql-response+json, whose answers without data must be 4xx. A
// request that ended while it was being checked (out of time, or its client gone) is 503.
func statusFor(ctx context.Context, contentType string) int {
	if ctx.Err() != nil {
		return http.StatusServiceUnavailable
	}
	if contentType == contentGraphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusOK
}

// multipartTransport is gqlgen's transport for the GraphQL multipart request spec (uploads),
// with the document prepared (measured, refused when too costly, validated) before gqlgen
// sees it, as the other transports do: a credential must not buy an unbounded validation.
type multipartTransport struct {
	transport.MultipartForm
	docs *documents
}

func (t multipartTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	t.MultipartForm.Do(w, r, preparingExecutor{GraphExecutor: exec, docs: t.docs})
}

// preparingExecutor prepares each operation's document before gqlgen's executor looks it up
// in its query cache (preparedCache).
type preparingExecutor struct {
	graphql.GraphExecutor
	docs *documents
}

func (e preparingExecutor) CreateOperationContext(ctx context.Context, params *graphql.RawParams) (*graphql.OperationContext, gqlerror.List) {
	doc, errs := e.docs.prepare(ctx, params)
	if errs != nil {
		return nil, errs
	}
	return e.GraphExecutor.CreateOperationContext(withPrepared(ctx, params.Query, doc), params)
}
