package app

import (
	"context"
	"net/http"
	"time"
)

// DefaultRequestTimeout is how long a request may run when GUILDHALL_REQUEST_TIMEOUT is unset.
const DefaultRequestTimeout = 10 * time.Second

// withDeadline gives every request a deadline: its context ends when the request has run
// for d or its client has gone, whichever is first, and the work done for it (the query's
// checks, resolvers, database reads, password hashing) stops there. Nobody is left waiting
// for an answer that late, and a shutdown does not wait for work nobody will read.
func withDeadline(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
