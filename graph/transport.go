package graph

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// The HTTP transports are gqlgen's POST and GET (same requests accepted, same statuses and
// content types), except for how an answer is written. gqlgen writes every response with
// encoding/json, which validates and copies the "data" document the executor has just
// written (valid JSON by construction) and escapes each <, > and & in it: under load that
// was a fifth of the CPU of a page of posts (README, Benchmark). Here an answer without
// errors or extensions is written as the executor made it, `{"data":...}`; any other goes
// through encoding/json as before. The JSON means the same either way; only the escaping of
// <, > and & differs.

// postTransport is gqlgen's transport.POST, writing answers with writeResponse.
type postTransport struct{ transport.POST }

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
		w.WriteHeader(http.StatusBadRequest)
		writeResponse(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf("json request body could not be decoded: %+v body:%s", err, body)}))
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	execute(w, r, exec, params, contentType, false)
}

// getTransport is gqlgen's transport.GET (queries only), writing answers with writeResponse.
type getTransport struct{ transport.GET }

func (t getTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		writeError(w, err.Error())
		return
	}
	contentType := responseContentType(r)
	w.Header().Set("Content-Type", contentType)
	params := &graphql.RawParams{Query: query.Get("query"), OperationName: query.Get("operationName"), Headers: r.Header}
	params.ReadTime.Start = graphql.Now()
	if variables := query.Get("variables"); variables != "" {
		if err := jsonDecode(strings.NewReader(variables), &params.Variables); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			writeError(w, "variables could not be decoded")
			return
		}
	}
	if extensions := query.Get("extensions"); extensions != "" {
		if err := jsonDecode(strings.NewReader(extensions), &params.Extensions); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			writeError(w, "extensions could not be decoded")
			return
		}
	}
	params.ReadTime.End = graphql.Now()
	execute(w, r, exec, params, contentType, true)
}

// execute runs the operation and writes its answer. queryOnly refuses mutations (GET).
func execute(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor, params *graphql.RawParams, contentType string, queryOnly bool) {
	ctx := r.Context()
	opCtx, opErr := exec.CreateOperationContext(ctx, params)
	if opErr != nil {
		w.WriteHeader(statusFor(opErr, contentType))
		writeResponse(w, exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), opErr))
		return
	}
	if queryOnly && opCtx.Doc.Operations.ForName(opCtx.OperationName).Operation != ast.Query {
		w.WriteHeader(http.StatusNotAcceptable)
		writeError(w, "GET requests only allow query operations")
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, opCtx)
	writeResponse(w, responses(ctx))
}

// writeResponse writes resp as gqlgen does, an answer with data alone as it stands.
func writeResponse(w io.Writer, resp *graphql.Response) {
	if len(resp.Data) > 0 && len(resp.Errors) == 0 && len(resp.Extensions) == 0 && resp.Label == "" && len(resp.Path) == 0 && resp.HasNext == nil {
		_, _ = io.WriteString(w, `{"data":`)
		_, _ = w.Write(resp.Data)
		_, _ = io.WriteString(w, `}`)
		return
	}
	b, err := json.Marshal(resp)
	if err != nil {
		// As gqlgen: only an executor bug makes an unmarshallable response.
		panic("graph: unable to marshal the response: " + err.Error())
	}
	_, _ = w.Write(b)
}

func writeError(w io.Writer, message string) {
	writeResponse(w, &graphql.Response{Errors: gqlerror.List{{Message: message}}})
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

// statusFor is gqlgen's status for an operation that could not start: a request error is
// 422 for application/json and 400 for application/graphql-response+json; anything else 200.
func statusFor(errs gqlerror.List, contentType string) int {
	if errcode.GetErrorKind(errs) != errcode.KindProtocol {
		return http.StatusOK
	}
	if contentType == contentGraphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusUnprocessableEntity
}
