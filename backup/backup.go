// Package backup writes a whole Guildhall database to a folder and loads it back: one JSON
// Lines file per collection (canonical Extended JSON, in _id order), the assets' original
// files in originals/ (each named by its SHA-256, wherever the server keeps them: files or
// GridFS), and manifest.json with the count and SHA-256 of each file. The folder holds secrets (token and password hashes, the
// preview key, webhook secrets), so it and its files are readable by their owner only.
//
// An export is consistent as of the moment it starts, even while servers write: documents
// written after it are left out (see Source). Exporting, restoring into an empty database and
// exporting again gives the same files, manifest timestamps aside.
package backup

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/guildhall/guildhall"
)

// Format names the folder's format in its manifest.
const Format = "guildhall-backup"

// Version is the manifest's version; Restore reads it and the versions before it (1: no
// originals/).
const Version = 2

// OriginalsDir is the folder of an export that holds the assets' originals.
const OriginalsDir = "originals"

// assetCollection is where an export finds the originals it copies: the SHA-256 of every
// asset revision (its doc.sha256, as mongodb stores revisions).
const assetCollection = "asset_revisions"

// Manifest is manifest.json.
type Manifest struct {
	Format      string       `json:"format"`
	Version     int          `json:"version"`
	CreatedAt   time.Time    `json:"createdAt"`
	Collections []Collection `json:"collections"`
	// Originals describes originals/, when the export had a Files to copy them from.
	Originals *Originals `json:"originals,omitempty"`
}

// Originals are the files of originals/.
type Originals struct {
	Files int   `json:"files"`
	Bytes int64 `json:"bytes"`
	// Missing are the sums of originals that assets name and the store did not have (an
	// asset whose file was lost before the export); a restore cannot bring them back either.
	Missing []string `json:"missing,omitempty"`
}

// Files is where the server keeps assets' originals, by SHA-256 (media.Originals).
type Files interface {
	Open(ctx context.Context, sum string) (io.ReadCloser, error)
	Put(ctx context.Context, sum string, data []byte) error
}

// Collection is one collection's file.
type Collection struct {
	Name      string `json:"name"`
	File      string `json:"file"`
	Documents int    `json:"documents"`
	Bytes     int64  `json:"bytes"`
	SHA256    string `json:"sha256"`
}

// Source is the database an export reads (mongodb.Store).
type Source interface {
	BackupCollections(ctx context.Context) ([]string, error)
	// DumpCollection writes col's documents, leaving out records written at or after before.
	DumpCollection(ctx context.Context, col string, before time.Time, w io.Writer) (int, error)
	// WrittenSince lists, by collection, the revisions written at or after t.
	WrittenSince(ctx context.Context, t time.Time) (map[string]map[string]bool, error)
}

// Destination is the database a restore writes (mongodb.Store).
type Destination interface {
	Blank(ctx context.Context) (bool, string, error)
	RestoreCollection(ctx context.Context, col string, r io.Reader) (int, error)
	RebuildIndexes(ctx context.Context) error
}

// Export writes the database as of at into dir, which must not exist or be empty, and with
// files the originals its assets name.
func Export(ctx context.Context, src Source, files Files, dir string, at time.Time) (*Manifest, error) {
	if err := makeDir(dir); err != nil {
		return nil, err
	}
	cols, err := src.BackupCollections(ctx)
	if err != nil {
		return nil, err
	}
	m := &Manifest{Format: Format, Version: Version, CreatedAt: at.UTC()}
	for _, col := range cols {
		f, err := create(filepath.Join(dir, col+".jsonl"))
		if err != nil {
			return nil, err
		}
		w := bufio.NewWriterSize(f, 1<<20)
		_, err = src.DumpCollection(ctx, col, at, w)
		if err == nil {
			err = w.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", col, err)
		}
	}
	// Revisions written while the collections were read are known only now: they go.
	later, err := src.WrittenSince(ctx, at)
	if err != nil {
		return nil, err
	}
	for _, col := range cols {
		c, err := finish(filepath.Join(dir, col+".jsonl"), later[col])
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", col, err)
		}
		c.Name = col
		m.Collections = append(m.Collections, c)
	}
	if files != nil {
		if m.Originals, err = exportOriginals(ctx, files, dir); err != nil {
			return nil, fmt.Errorf("export originals: %w", err)
		}
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	f, err := create(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return nil, err
	}
	return m, f.Close()
}

// exportOriginals copies into dir/originals the original of every asset in the exported
// asset revisions, each checked against its name.
func exportOriginals(ctx context.Context, files Files, dir string) (*Originals, error) {
	sums, err := assetSums(filepath.Join(dir, assetCollection+".jsonl"))
	if err != nil {
		return nil, err
	}
	out := filepath.Join(dir, OriginalsDir)
	if err := os.Mkdir(out, 0o700); err != nil {
		return nil, err
	}
	o := &Originals{}
	for _, sum := range sums {
		data, err := readOriginal(ctx, files, sum)
		if errors.Is(err, errNoOriginal) {
			o.Missing = append(o.Missing, sum)
			continue
		}
		if err != nil {
			return nil, err
		}
		f, err := create(filepath.Join(out, sum))
		if err != nil {
			return nil, err
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
		o.Files++
		o.Bytes += int64(len(data))
	}
	return o, nil
}

var errNoOriginal = errors.New("no such original")

// readOriginal reads one original and checks that it is what its sum says.
func readOriginal(ctx context.Context, files Files, sum string) ([]byte, error) {
	rc, err := files.Open(ctx, sum)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) || guildhall.ErrorCode(err) == guildhall.ENOTFOUND {
			return nil, errNoOriginal
		}
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, err
	}
	if got := sha256.Sum256(data); hex.EncodeToString(got[:]) != sum {
		return nil, fmt.Errorf("the original %s is damaged: its bytes have another SHA-256", sum)
	}
	return data, nil
}

// assetSums lists, sorted and once each, the sums the asset revisions of an export name.
func assetSums(path string) ([]string, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil // a database without assets
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var rev struct {
			Doc struct {
				SHA256 string `json:"sha256"`
			} `json:"doc"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rev); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
		}
		if validSum(rev.Doc.SHA256) {
			seen[rev.Doc.SHA256] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return slices.Sorted(maps.Keys(seen)), nil
}

func validSum(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil && strings.ToLower(s) == s
}

// makeDir makes dir for the owner only, or checks that an existing one is empty.
func makeDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return os.MkdirAll(dir, 0o700)
	case err != nil:
		return err
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty: export into a new folder", dir)
	}
	return os.Chmod(dir, 0o700)
}

func create(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
}

// finish puts the lines of a dumped file in _id order (so that the same data always gives
// the same bytes), drops those whose _id is in drop, and describes the file as it stays. Only
// each line's _id and place are held in memory; the lines are copied from the file.
func finish(path string, drop map[string]bool) (Collection, error) {
	c := Collection{File: filepath.Base(path)}
	in, err := os.Open(path)
	if err != nil {
		return c, err
	}
	defer in.Close()
	type line struct {
		key string // the _id's canonical Extended JSON
		off int64
		n   int
	}
	var lines []line
	r := bufio.NewReaderSize(in, 1<<20)
	var off int64
	for {
		b, err := r.ReadBytes('\n')
		if len(b) > 0 {
			var doc struct {
				ID json.RawMessage `json:"_id"`
			}
			if jerr := json.Unmarshal(b, &doc); jerr != nil {
				return c, fmt.Errorf("line at byte %d: %w", off, jerr)
			}
			var id string
			if json.Unmarshal(doc.ID, &id) != nil || !drop[id] {
				lines = append(lines, line{key: string(doc.ID), off: off, n: len(b)})
			}
			off += int64(len(b))
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return c, err
		}
	}
	slices.SortStableFunc(lines, func(a, b line) int { return strings.Compare(a.key, b.key) })
	out, err := create(path + ".tmp")
	if err != nil {
		return c, err
	}
	defer out.Close()
	w := bufio.NewWriterSize(out, 1<<20)
	sum := sha256.New()
	var buf []byte
	for _, l := range lines {
		if cap(buf) < l.n {
			buf = make([]byte, l.n)
		}
		b := buf[:l.n]
		if _, err := in.ReadAt(b, l.off); err != nil {
			return c, err
		}
		sum.Write(b)
		if _, err := w.Write(b); err != nil {
			return c, err
		}
		c.Documents++
		c.Bytes += int64(l.n)
	}
	c.SHA256 = hex.EncodeToString(sum.Sum(nil))
	if err := w.Flush(); err != nil {
		return c, err
	}
	if err := out.Close(); err != nil {
		return c, err
	}
	return c, os.Rename(path+".tmp", path)
}

// ReadManifest reads and checks dir's manifest and files: every file is there, with its
// count and checksum. Nothing is written.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, fmt.Errorf("not a backup: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("manifest.json: %w", err)
	}
	if m.Format != Format || m.Version < 1 || m.Version > Version {
		return nil, fmt.Errorf("manifest.json: format %q version %d; this program reads %q versions 1 to %d", m.Format, m.Version, Format, Version)
	}
	for _, c := range m.Collections {
		if c.File != filepath.Base(c.File) || filepath.Ext(c.File) != ".jsonl" {
			return nil, fmt.Errorf("manifest.json: bad file name %q", c.File)
		}
		f, err := os.Open(filepath.Join(dir, c.File))
		if err != nil {
			return nil, err
		}
		sum := sha256.New()
		lines := 0
		r := bufio.NewReaderSize(f, 1<<20)
		var size int64
		for {
			line, err := r.ReadBytes('\n')
			if len(line) > 0 {
				sum.Write(line)
				size += int64(len(line))
				if bytes.HasSuffix(line, []byte("\n")) {
					lines++
				}
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				f.Close()
				return nil, err
			}
		}
		f.Close()
		if got := hex.EncodeToString(sum.Sum(nil)); got != c.SHA256 || lines != c.Documents || size != c.Bytes {
			return nil, fmt.Errorf("%s does not match the manifest (%d documents, %d bytes, sha256 %s; the manifest says %d, %d, %s)",
				c.File, lines, size, got, c.Documents, c.Bytes, c.SHA256)
		}
	}
	if m.Originals != nil {
		if err := checkOriginals(filepath.Join(dir, OriginalsDir), m.Originals); err != nil {
			return nil, err
		}
	}
	return &m, nil
}

// checkOriginals checks that originals/ holds the files the manifest counts, each with the
// SHA-256 it is named by.
func checkOriginals(dir string, o *Originals) error {
	names, err := originalNames(dir)
	if err != nil {
		return err
	}
	var size int64
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		if got := sha256.Sum256(data); hex.EncodeToString(got[:]) != name {
			return fmt.Errorf("%s/%s does not match its name (its SHA-256)", OriginalsDir, name)
		}
		size += int64(len(data))
	}
	if len(names) != o.Files || size != o.Bytes {
		return fmt.Errorf("%s does not match the manifest (%d files, %d bytes; the manifest says %d, %d)", OriginalsDir, len(names), size, o.Files, o.Bytes)
	}
	return nil
}

// originalNames lists originals/: only files named by a SHA-256.
func originalNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if !e.Type().IsRegular() || !validSum(e.Name()) {
			return nil, fmt.Errorf("%s/%s is not an original (a file named by its SHA-256)", OriginalsDir, e.Name())
		}
		names = append(names, e.Name())
	}
	return names, nil
}

// Restore checks the backup in dir, then loads it into dst, which must be empty, and its
// originals into files.
func Restore(ctx context.Context, dst Destination, files Files, dir string) (*Manifest, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	if m.Originals != nil && m.Originals.Files > 0 && files == nil {
		return nil, errors.New("the backup has originals and there is nowhere to put them")
	}
	blank, col, err := dst.Blank(ctx)
	if err != nil {
		return nil, err
	}
	if !blank {
		return nil, fmt.Errorf("the database is not empty (%s has documents): restore only into an empty database", col)
	}
	for _, c := range m.Collections {
		f, err := os.Open(filepath.Join(dir, c.File))
		if err != nil {
			return nil, err
		}
		n, err := dst.RestoreCollection(ctx, c.Name, bufio.NewReaderSize(f, 1<<20))
		f.Close()
		if err != nil {
			return nil, err
		}
		if n != c.Documents {
			return nil, fmt.Errorf("%s: restored %d documents, the manifest says %d", c.Name, n, c.Documents)
		}
	}
	if m.Originals != nil && files != nil {
		// Before the database is usable, every asset's bytes are back (a file store puts
		// them in the data folder, GridFS in the database).
		names, err := originalNames(filepath.Join(dir, OriginalsDir))
		if err != nil {
			return nil, err
		}
		for _, sum := range names {
			data, err := os.ReadFile(filepath.Join(dir, OriginalsDir, sum))
			if err != nil {
				return nil, err
			}
			if err := files.Put(ctx, sum, data); err != nil {
				return nil, fmt.Errorf("restore original %s: %w", sum, err)
			}
		}
	}
	return m, dst.RebuildIndexes(ctx)
}
