package media

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/guildhall/guildhall"
)

// Originals keeps the cleaned originals of assets, keyed by the hex SHA-256 of their bytes,
// so the same file uploaded twice is stored once. An original is written before the asset
// that names it, and a Put that fails or is cut short leaves nothing Open can find.
//
// Two implementations pass one test suite (mediatest.TestOriginals): DirOriginals, files
// under the data folder, for the embedded engine (which scans a whole collection even to find
// one _id, so GridFS there would read every stored chunk on a cold read); and
// mongodb.GridFSOriginals, for MongoDB, so that every instance reaches every original.
type Originals interface {
	// Put stores data under sum, which must be its SHA-256; storing it again is a no-op.
	Put(ctx context.Context, sum string, data []byte) error
	// Open reads the original stored under sum; an ENOTFOUND *guildhall.Error when there
	// is none.
	Open(ctx context.Context, sum string) (io.ReadCloser, error)
	// Delete removes the original stored under sum; removing one that is not there is not
	// an error.
	Delete(ctx context.Context, sum string) error
}

// CheckSum returns an error unless sum is the hex SHA-256 of data (and so also a safe file
// name: 64 lower-case hex digits).
func CheckSum(sum string, data []byte) error {
	if err := ValidSum(sum); err != nil {
		return err
	}
	if got := sha256.Sum256(data); hex.EncodeToString(got[:]) != sum {
		return fmt.Errorf("media: %s is not the SHA-256 of the data", sum)
	}
	return nil
}

// ValidSum returns an error unless sum is 64 lower-case hex digits.
func ValidSum(sum string) error {
	if len(sum) != 64 {
		return fmt.Errorf("media: %q is not a SHA-256", sum)
	}
	for _, c := range sum {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return fmt.Errorf("media: %q is not a SHA-256", sum)
		}
	}
	return nil
}

// errNoOriginal is what Open answers for a sum that is not stored.
func errNoOriginal() error { return guildhall.NotFound("Original") }

// DirOriginals stores originals as files under a folder: <dir>/<first two digits>/<sum>.
type DirOriginals struct {
	dir string
}

// NewDirOriginals returns the store in dir, creating it if need be.
func NewDirOriginals(dir string) (*DirOriginals, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("media: %w", err)
	}
	return &DirOriginals{dir: dir}, nil
}

// Path is the file that holds the original stored under sum (it may not exist). Serving
// reads it directly, with no copy into the cache.
func (d *DirOriginals) Path(sum string) (string, error) {
	if err := ValidSum(sum); err != nil {
		return "", err
	}
	return filepath.Join(d.dir, sum[:2], sum), nil
}

// Put writes data to a temporary file, syncs it and renames it into place, so a reader
// never sees half a file and a crash leaves at most a stray temporary file.
func (d *DirOriginals) Put(_ context.Context, sum string, data []byte) error {
	if err := CheckSum(sum, data); err != nil {
		return err
	}
	path, _ := d.Path(sum)
	if st, err := os.Stat(path); err == nil && st.Size() == int64(len(data)) {
		return nil
	}
	return writeFileAtomic(path, data)
}

// Open opens the file.
func (d *DirOriginals) Open(_ context.Context, sum string) (io.ReadCloser, error) {
	path, err := d.Path(sum)
	if err != nil {
		return nil, errNoOriginal()
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errNoOriginal()
	}
	return f, err
}

// Delete removes the file.
func (d *DirOriginals) Delete(_ context.Context, sum string) error {
	path, err := d.Path(sum)
	if err != nil {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("media: %w", err)
	}
	return nil
}

// writeFileAtomic writes data to path through a synced temporary file in the same folder.
func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("media: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("media: %w", err)
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("media: %w", err)
	}
	return nil
}
