package mongodb

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/guildhall/guildhall"
)

// retryablePool stands for the driver's unexported poolClearedError.
type retryablePool struct{}

func (retryablePool) Error() string   { return "connection pool for db:27017 was cleared" }
func (retryablePool) Retryable() bool { return true }

// A failing database is UNAVAILABLE, with its cause kept for the log and its message kept
// from the client; a failure of ours stays internal.
func TestWrapTellsAFailingDatabaseFromABug(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		code string
	}{
		{"disk full, embedded", mongo.CommandError{Code: 1, Name: "InternalError", Message: "insert: database or disk is full (13)"}, guildhall.EUNAVAILABLE},
		{"disk full, write error", mongo.WriteException{WriteErrors: []mongo.WriteError{{Code: 1, Message: "sqlite: database or disk is full"}}}, guildhall.EUNAVAILABLE},
		{"disk full, MongoDB", mongo.CommandError{Code: 14031, Name: "OutOfDiskSpace", Message: "No space left on device"}, guildhall.EUNAVAILABLE},
		{"pool cleared", mongo.CommandError{Message: "connection pool for db:27017 was cleared because another operation failed", Labels: []string{"TransientTransactionError"}, Wrapped: retryablePool{}}, guildhall.EUNAVAILABLE},
		{"pool cleared, bare", fmt.Errorf("find: %w", retryablePool{}), guildhall.EUNAVAILABLE},
		{"failover", mongo.CommandError{Code: 10107, Name: "NotWritablePrimary"}, guildhall.EUNAVAILABLE},
		{"shutting down", mongo.CommandError{Code: 91, Name: "ShutdownInProgress"}, guildhall.EUNAVAILABLE},
		{"retryable write", mongo.CommandError{Code: 1, Labels: []string{"RetryableWriteError"}}, guildhall.EUNAVAILABLE},
		{"network", mongo.CommandError{Labels: []string{"NetworkError"}}, guildhall.EUNAVAILABLE},
		{"disconnected", mongo.ErrClientDisconnected, guildhall.EUNAVAILABLE},
		{"deadline", context.DeadlineExceeded, guildhall.EUNAVAILABLE},
		{"duplicate key", mongo.WriteException{WriteErrors: []mongo.WriteError{{Code: 11000, Message: "E11000 duplicate key"}}}, guildhall.ECONFLICT},
		{"a bug of ours", mongo.CommandError{Code: 2, Name: "BadValue", Message: "unknown operator: $foo"}, guildhall.EINTERNAL},
		{"decoding", errors.New("cannot decode string into an integer type"), guildhall.EINTERNAL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := wrap(tc.err, "the post")
			if got := guildhall.ErrorCode(err); got != tc.code {
				t.Fatalf("code %q, want %q (%v)", got, tc.code, err)
			}
			if tc.code == guildhall.EUNAVAILABLE {
				if msg := guildhall.ErrorMessage(err); msg != "The database is unavailable; try again." {
					t.Errorf("client message %q", msg)
				}
				if !strings.Contains(err.Error(), tc.err.Error()) {
					t.Errorf("the cause is lost: %v", err)
				}
			}
		})
	}
}
