package graph

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/requestid"
)

func TestPresenter(t *testing.T) {
	var logs bytes.Buffer
	present := presenter(slog.New(slog.NewTextHandler(&logs, nil)))
	ctx := graphql.WithPathContext(requestid.With(context.Background(), "req123"), graphql.NewPathWithField("posts"))

	internal := present(ctx, errors.New("connection(127.0.0.1:27017) E11000 index posts_slug_1"))
	if strings.Contains(internal.Message, "E11000") || !strings.Contains(internal.Message, "req123") ||
		internal.Extensions["code"] != "INTERNAL_SERVER_ERROR" || internal.Extensions["requestId"] != "req123" {
		t.Errorf("internal error shown as %+v", internal)
	}
	if !strings.Contains(logs.String(), "E11000") || !strings.Contains(logs.String(), "req123") {
		t.Errorf("internal error not logged with its request id: %s", logs.String())
	}

	for code, want := range map[string]string{
		guildhall.EINVALID: "BAD_USER_INPUT", guildhall.ENOTFOUND: "NOT_FOUND", guildhall.ECONFLICT: "CONFLICT",
		guildhall.EUNAUTHORIZED: "UNAUTHENTICATED", guildhall.EFORBIDDEN: "FORBIDDEN", guildhall.ERATELIMITED: "RATE_LIMITED",
		guildhall.EUNAVAILABLE: "UNAVAILABLE",
	} {
		e := present(ctx, &guildhall.Error{Code: code, Message: "Said to people.", Fields: map[string]string{"title": "is required"}, Extra: map[string]any{"currentVersion": 3}})
		if e.Extensions["code"] != want || e.Message != "Said to people." {
			t.Errorf("%s presented as %+v", code, e)
		}
		if code == guildhall.EINVALID && e.Extensions["fields"] == nil {
			t.Errorf("fields dropped")
		}
		if e.Extensions["currentVersion"] != 3 {
			t.Errorf("extra facts dropped: %+v", e.Extensions)
		}
	}
	wrapped := present(ctx, errors.Join(errors.New("context"), guildhall.NotFound("Post")))
	if wrapped.Extensions["code"] != "NOT_FOUND" {
		t.Errorf("a wrapped domain error: %+v", wrapped)
	}
}
