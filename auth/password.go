// Package auth holds the credential primitives: argon2id password hashes, token secrets and
// their hashes, and the login throttle. What a credential may do is decided elsewhere
// (guildhall.Viewer); this package only proves who is asking.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: OWASP's password storage recommendation (19 MiB, 2 passes, 1 lane).
const (
	argonTime    = 2
	argonMemory  = 19 * 1024 // KiB
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// Password length limits: short ones are guessable, and very long ones only cost CPU.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 256
)

var b64 = base64.RawStdEncoding

// Each hash takes argonMemory (19 MiB) and a core for tens of milliseconds: hashingSlots
// bounds how many run at once to the cores, so that a burst of logins queues instead of
// taking a gigabyte. A request that waits longer than HashingWait is refused with ErrBusy.
var hashingSlots = make(chan struct{}, runtime.GOMAXPROCS(0))

// HashingWait is how long a request waits for a turn to hash a password.
const HashingWait = 3 * time.Second

// ErrBusy is returned when every hashing slot stayed taken for HashingWait.
var ErrBusy = errors.New("auth: too many passwords being checked")

// hashing takes a hashing slot, waiting at most HashingWait; release it when done.
func hashing(ctx context.Context) (release func(), err error) {
	timer := time.NewTimer(HashingWait)
	defer timer.Stop()
	select {
	case hashingSlots <- struct{}{}:
		return func() { <-hashingSlots }, nil
	case <-timer.C:
		return nil, ErrBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// HashPassword returns the argon2id hash of password in the PHC string format
// ($argon2id$v=19$m=19456,t=2,p=1$salt$hash), which records its own parameters so they can
// be raised later without invalidating stored hashes. It waits for a hashing slot (ErrBusy).
func HashPassword(ctx context.Context, password string) (string, error) {
	release, err := hashing(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	return hashPassword(password)
}

func hashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether password matches the PHC-format hash. It waits for a
// hashing slot (ErrBusy).
func VerifyPassword(ctx context.Context, hash, password string) (bool, error) {
	release, err := hashing(ctx)
	if err != nil {
		return false, err
	}
	defer release()
	p, err := parseHash(hash)
	if err != nil {
		return false, nil
	}
	key := argon2.IDKey([]byte(password), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(key, p.key) == 1, nil
}

// dummyHash is verified against when an account does not exist, so a login for an unknown
// email costs what a real one costs and does not reveal which emails have accounts.
var dummyHash, _ = hashPassword("not a real password, only spent time")

// SpendVerifyTime does the work of one verification and reports false (or ErrBusy).
func SpendVerifyTime(ctx context.Context, password string) (bool, error) {
	_, err := VerifyPassword(ctx, dummyHash, password)
	return false, err
}

type params struct {
	time, memory uint32
	threads      uint8
	salt, key    []byte
}

func parseHash(hash string) (params, error) {
	var p params
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, errors.New("not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, errors.New("unsupported argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil || p.time == 0 || p.threads == 0 {
		return p, errors.New("bad argon2 parameters")
	}
	var err error
	if p.salt, err = b64.DecodeString(parts[4]); err != nil {
		return p, err
	}
	if p.key, err = b64.DecodeString(parts[5]); err != nil || len(p.key) == 0 {
		return p, errors.New("bad argon2 key")
	}
	return p, nil
}
