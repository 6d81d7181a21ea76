package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// Token strings are "<prefix>_<token id body>_<secret>": the ID lets the server find the
// token without searching, and the prefix tells people (and secret scanners) what it is.
const (
	PrefixAPI     = "gha"
	PrefixSession = "ghs"
)

// NewSecret returns 32 random bytes, URL-safe base64 encoded.
func NewSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// HashSecret is what is stored of a secret. Secrets are 256 random bits, so a plain SHA-256
// is enough: there is nothing to brute-force, unlike a password.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// SecretMatches compares a presented secret with a stored hash in constant time.
func SecretMatches(secret, hash string) bool {
	return subtle.ConstantTimeCompare([]byte(HashSecret(secret)), []byte(hash)) == 1
}

// FormatToken builds the token string for a token ID ("tok_<body>") and its secret.
func FormatToken(prefix, tokenID, secret string) string {
	return prefix + "_" + strings.TrimPrefix(tokenID, "tok_") + "_" + secret
}

// ParseToken splits a token string into its prefix, token ID and secret.
func ParseToken(s string) (prefix, tokenID, secret string, ok bool) {
	prefix, rest, ok1 := strings.Cut(s, "_")
	body, secret, ok2 := strings.Cut(rest, "_")
	if !ok1 || !ok2 || (prefix != PrefixAPI && prefix != PrefixSession) || len(body) != 26 || len(secret) != 43 {
		return "", "", "", false
	}
	return prefix, "tok_" + body, secret, true
}

type clientAddrKey struct{}

// WithClientAddr returns a context carrying the client's network address (without port), for
// limits that count per address.
func WithClientAddr(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientAddrKey{}, addr)
}

// ClientAddr returns the client address in ctx, or "".
func ClientAddr(ctx context.Context) string {
	a, _ := ctx.Value(clientAddrKey{}).(string)
	return a
}
