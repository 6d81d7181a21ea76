package app_test

import (
	"testing"
	"time"
)

// A preview link expires by the clock: its answer is never kept, here or by a CDN, so the
// same request after the expiry is refused rather than answered from memory.
func TestPreviewAnswersAreNeverCached(t *testing.T) {
	s := MustRunServer(t)
	a := newAuthoring(t, s)
	id := a.create("Previewed while cached", "")
	token := str(s.MustQuery(adminToken, `mutation($id: ID!) { createPreviewLink(postId: $id, expiresInMinutes: 1) { token } }`, map[string]any{"id": id}), "createPreviewLink.token")
	vars := map[string]any{"id": id, "p": token}
	for range 2 {
		if r := s.post("", previewQ, vars); r.Status != 200 || r.Header.Get("Cache-Control") != "no-store" || r.Header.Get("ETag") != "" {
			t.Fatalf("preview: %d %v", r.Status, r.Header)
		}
	}
	s.Clock.Advance(2 * time.Minute)
	if r := s.Query("", previewQ, vars); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("after the link expired: %q %v", r.Code(), r.Data)
	}
}
