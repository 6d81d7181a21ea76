// Package webhook holds what a webhook delivery is made of, apart from when it is made:
// the signature a receiver checks, the HTTP client that refuses internal addresses, and the
// retry schedule. The service layer (cms) decides what to send and records every attempt.
//
// # Verifying a delivery
//
// Each delivery is a POST with a JSON body and these headers:
//
//	Content-Type: application/json
//	User-Agent: Guildhall-Webhooks/1
//	X-Guildhall-Event: POST_PUBLISHED
//	X-Guildhall-Delivery: dlv_...   (the same on every retry of one delivery: use it to drop repeats)
//	X-Guildhall-Attempt: 1
//	X-Guildhall-Signature: t=1781524800,v1=562eac68acd2647ea64f32cb4435ab3cc9ee884d885dbd9b67357a3aa2acfabd
//
// t is the time of the attempt in Unix seconds, and v1 the lower-case hex HMAC-SHA256, keyed
// with the webhook's secret, of the string t + "." + body (the raw body bytes, before any
// JSON parsing). A receiver recomputes it, compares in constant time, and rejects a t more
// than a few minutes from its own clock, which stops a captured request being replayed
// later. Verify does all of that. Any 2xx answer counts as delivered; anything else, a
// redirect, a timeout or a refused connection is retried on the Backoff schedule.
package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Header names of a delivery.
const (
	SignatureHeader = "X-Guildhall-Signature"
	EventHeader     = "X-Guildhall-Event"
	DeliveryHeader  = "X-Guildhall-Delivery"
	AttemptHeader   = "X-Guildhall-Attempt"
	UserAgent       = "Guildhall-Webhooks/1"
)

// DefaultTolerance is how far a signature's timestamp may be from the receiver's clock.
const DefaultTolerance = 5 * time.Minute

// Sign returns the X-Guildhall-Signature value for body sent at t.
func Sign(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + mac(secret, ts, body)
}

func mac(secret, ts string, body []byte) string {
	h := hmac.New(sha256.New, []byte(secret))
	h.Write([]byte(ts))
	h.Write([]byte{'.'})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

// Errors of Verify.
var (
	ErrBadSignature = errors.New("webhook: signature does not match")
	ErrStale        = errors.New("webhook: signature timestamp is outside the tolerance")
	ErrMalformed    = errors.New("webhook: malformed signature header")
)

// Verify checks a signature header against the body, as a receiver does: some v1 value must
// be the HMAC of the body at the header's timestamp, and the timestamp within tolerance of
// now. Several v1 values are accepted, so a sender may sign with an old and a new secret
// while they are rotated.
func Verify(secret, header string, body []byte, now time.Time, tolerance time.Duration) error {
	var ts string
	var sigs []string
	for part := range strings.SplitSeq(header, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return ErrMalformed
		}
		switch k {
		case "t":
			ts = v
		case "v1":
			sigs = append(sigs, v)
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(sigs) == 0 {
		return ErrMalformed
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("%w (%s off)", ErrStale, d.Round(time.Second))
	}
	want := []byte(mac(secret, ts, body))
	for _, s := range sigs {
		if hmac.Equal([]byte(s), want) {
			return nil
		}
	}
	return ErrBadSignature
}

// Backoff is the default wait before each retry: doubling from a minute, capped at eight
// hours, so that the last of twelve attempts is made a day after the first (24h03m). An
// endpoint that is down for an afternoon still gets every event.
var Backoff = []time.Duration{
	time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 16 * time.Minute, 32 * time.Minute,
	time.Hour, 2 * time.Hour, 4 * time.Hour, 8 * time.Hour, 8 * time.Hour,
}
