package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/guildhall/guildhall"
)

// Each kind of error gets its code and its log level: nothing for a client's mistake, WARN
// for a database that cannot serve, ERROR only for a bug.
func TestPresenterCodesAndLogLevels(t *testing.T) {
	unavailable := fmt.Errorf("the post: %w: %w", &guildhall.Error{Code: guildhall.EUNAVAILABLE, Message: "The database is unavailable; try again."},
		errors.New("database or disk is full"))
	refused := gqlerror.Errorf("The schema is open to EDITOR and ADMIN credentials in production.")
	refused.Extensions = map[string]any{"code": codeForbidden}
	for _, tc := range []struct {
		name        string
		err         error
		path        ast.Path
		code, level string
		field       string
	}{
		{"bad scalar", guildhall.Errorf(guildhall.EINVALID, "Times are RFC 3339."), ast.Path{ast.PathName("publishPost"), ast.PathName("publishAt")}, codeBadInput, "", "publishAt"},
		{"refused introspection", refused, nil, codeForbidden, "", ""},
		{"database unavailable", unavailable, ast.Path{ast.PathName("createPost")}, codeUnavailable, "WARN", ""},
		{"bug", errors.New("nil map"), ast.Path{ast.PathName("posts")}, codeInternal, "ERROR", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			ctx := graphql.WithPathContext(context.Background(), graphql.NewPathWithField("x"))
			err := tc.err
			if tc.path != nil {
				err = &gqlerror.Error{Err: tc.err, Message: tc.err.Error(), Path: tc.path}
			}
			got := presenter(slog.New(slog.NewTextHandler(&logs, nil)))(ctx, err)
			if got.Extensions["code"] != tc.code {
				t.Errorf("code %v, want %s", got.Extensions["code"], tc.code)
			}
			if tc.field != "" {
				if fields, _ := got.Extensions["fields"].(map[string]string); fields[tc.field] == "" {
					t.Errorf("fields %v, want %s", got.Extensions["fields"], tc.field)
				}
			}
			level := ""
			for _, l := range []string{"WARN", "ERROR", "INFO"} {
				if strings.Contains(logs.String(), "level="+l) {
					level = l
				}
			}
			if level != tc.level {
				t.Errorf("logged at %q, want %q: %s", level, tc.level, logs.String())
			}
			if tc.code == codeUnavailable && strings.Contains(got.Message, "disk") {
				t.Errorf("the cause reached the client: %q", got.Message)
			}
		})
	}
}
