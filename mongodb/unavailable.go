package mongodb

import (
	"context"
	"errors"
	"strings"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"
)

// unavailable reports whether err is the database failing rather than our request being
// wrong: unreachable, timed out, between primaries, out of disk, or its connection pool
// cleared after another operation failed. Such errors are UNAVAILABLE for the client (try
// again later) and a warning for the operator, never an internal error.
func unavailable(err error) bool {
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, mongo.ErrClientDisconnected), errors.Is(err, topology.ErrPoolClosed),
		mongo.IsTimeout(err), mongo.IsNetworkError(err):
		return true
	}
	var selection topology.ServerSelectionError
	if errors.As(err, &selection) {
		return true
	}
	// A cleared pool answers every operation waiting on it with a retryable error labelled
	// TransientTransactionError, until the server is reachable again.
	var pool driver.RetryablePoolError
	if errors.As(err, &pool) && pool.Retryable() {
		return true
	}
	var server mongo.ServerError
	if errors.As(err, &server) {
		if server.HasErrorLabel(driver.TransientTransactionError) || server.HasErrorLabel(driver.RetryableWriteError) {
			return true
		}
		for _, code := range unavailableCodes {
			if server.HasErrorCode(code) {
				return true
			}
		}
	}
	// The embedded engine reports SQLite's SQLITE_FULL as an InternalError carrying
	// SQLite's message; a file system out of space says so in the message too.
	msg := strings.ToLower(err.Error())
	for _, s := range []string{"database or disk is full", "disk is full", "no space left on device", "sqlite_full"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// unavailableCodes are MongoDB server error codes of a database that cannot serve now.
var unavailableCodes = []int{
	6,     // HostUnreachable
	7,     // HostNotFound
	89,    // NetworkTimeout
	91,    // ShutdownInProgress
	189,   // PrimarySteppedDown
	262,   // ExceededTimeLimit
	9001,  // SocketException
	10107, // NotWritablePrimary
	11600, // InterruptedAtShutdown
	11602, // InterruptedDueToReplStateChange
	13435, // NotPrimaryNoSecondaryOk
	13436, // NotPrimaryOrSecondary
	14031, // OutOfDiskSpace
}
