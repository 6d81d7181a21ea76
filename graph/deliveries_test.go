package graph

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/cms"
	"github.com/guildhall/guildhall/cms/cmstest"
)

// countFails is a store whose count of the delivery log fails, as a database that stops
// answering between the page and its count does.
type countFails struct{ *cmstest.Store }

func (countFails) CountDeliveries(context.Context, string) (int, error) {
	return 0, &guildhall.Error{Code: guildhall.EUNAVAILABLE, Message: "The database is unavailable; try again."}
}

// webhookDeliveries.totalCount is a database count: when it fails, the answer says so with
// UNAVAILABLE, where it used to say 0 (a plain field cannot fail; this one is not plain).
func TestDeliveryCountFailureIsAnError(t *testing.T) {
	opts := cms.DefaultOptions()
	opts.Logger = slog.New(slog.DiscardHandler)
	svc := cms.New(countFails{cmstest.NewStore(time.Now)}, opts)
	if err := svc.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	srv := NewHandler(svc, Options{Limits: DefaultLimits, Logger: opts.Logger})
	ask := func(query string) (data json.RawMessage, codes []string) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"`+query+`"}`))
		req.Header.Set("Content-Type", "application/json")
		req = req.WithContext(guildhall.WithViewer(req.Context(), &guildhall.Viewer{Role: guildhall.RoleAdmin, TokenID: "tok_admin"}))
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		var res struct {
			Data   json.RawMessage
			Errors []struct{ Extensions struct{ Code string } }
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatalf("%s: %v", rec.Body.String(), err)
		}
		for _, e := range res.Errors {
			codes = append(codes, e.Extensions.Code)
		}
		return res.Data, codes
	}
	if data, codes := ask(`{ webhookDeliveries(first: 5) { totalCount } }`); len(codes) != 1 || codes[0] != codeUnavailable || strings.Contains(string(data), `"totalCount":0`) {
		t.Errorf("the count failing: data %s, codes %v; want UNAVAILABLE and no count", data, codes)
	}
	if data, codes := ask(`{ webhookDeliveries(first: 5) { nodes { id } } }`); len(codes) != 0 {
		t.Errorf("the page without its count: %s, %v", data, codes)
	}
}
