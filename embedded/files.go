package embedded

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	_ "modernc.org/sqlite" // the SQLite driver FerretDB itself uses, to check files the same way
)

// checkFolder makes sure the data folder exists and that the server may write in it and to
// its database files, so that a read-only folder is one clear message at start instead of a
// SQLite error on the first write.
func checkFolder(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return folderError(dir, err)
	}
	probe, err := os.CreateTemp(dir, ".write-check-*")
	if err != nil {
		return folderError(dir, err)
	}
	_ = probe.Close()
	_ = os.Remove(probe.Name())
	files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite*"))
	for _, name := range files {
		f, err := os.OpenFile(name, os.O_RDWR, 0)
		if err != nil {
			return folderError(name, err)
		}
		_ = f.Close()
	}
	return nil
}

func folderError(path string, err error) error {
	var reason string
	switch {
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		reason = "is not writable"
	case errors.Is(err, syscall.ENOTDIR), errors.Is(err, fs.ErrExist):
		reason = "is not a folder"
	default:
		reason = "cannot be used"
	}
	return fmt.Errorf("embedded database: %s %s (%v): give the user Guildhall runs as (uid %d) write access to it, "+
		"or point GUILDHALL_DATA_DIR (-data) at a writable folder", path, reason, unwrapPath(err), os.Geteuid())
}

// unwrapPath drops the path from an *fs.PathError, which the message names already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// FindDamaged opens each database file in dir the way FerretDB does and returns the first
// that SQLite cannot read, with SQLite's reason; "" if all of them open and pass a quick
// check. It reads every page, so it is for after a failure, not for every start.
func FindDamaged(dir string) (file, cause string) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
	for _, name := range files {
		if err := checkFile(name); err != nil {
			return name, err.Error()
		}
	}
	return "", ""
}

func checkFile(name string) error {
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(name)+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var verdict string
	if err := db.QueryRow("PRAGMA quick_check(1)").Scan(&verdict); err != nil {
		return err
	}
	if verdict != "ok" {
		return errors.New(verdict)
	}
	return nil
}

// IsDamage reports whether err is SQLite's report of a damaged database file: SQLITE_CORRUPT
// (11) or SQLITE_NOTADB (26), as FerretDB passes them on.
func IsDamage(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "database disk image is malformed") || strings.Contains(msg, "file is not a database")
}

// DamagedError says that file is damaged and how to get the data back.
func DamagedError(file, cause string) error {
	return fmt.Errorf("embedded database: the file %s is damaged (%s). Stop Guildhall, move it out of the folder "+
		"(say to damaged.sqlite, with its -wal and -shm files if any) and put your last backup copy in its place "+
		"(Backups in the README says how to make one); without a backup, "+
		"`sqlite3 damaged.sqlite .recover | sqlite3 %[1]s` saves what can still be read", file, cause)
}
