//go:build unix

package catalog

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
)

// mapFile maps the file at path into memory, privately (what the process writes to the
// mapping, a posting list changed in place, is its own copy, never the file's), once check
// has found the open file good.
func mapFile(path string, check func(*os.File, int64) error) (*mapping, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close() // the mapping outlives the descriptor
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.Size() != int64(int(fi.Size())) {
		return nil, fmt.Errorf("%w: %d bytes", ErrSnapshotDamaged, fi.Size())
	}
	if err := check(f, fi.Size()); err != nil {
		return nil, err
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE)
	if err != nil {
		return nil, fmt.Errorf("map snapshot %s: %w", path, err)
	}
	m := &mapping{data: data}
	runtime.AddCleanup(m, func(data []byte) { _ = syscall.Munmap(data) }, data)
	return m, nil
}

// release tells the kernel the process is done reading data[from:to] for now: its pages
// stop counting as the process's memory until they are read again. Only ranges nothing
// has written to may be released (a private mapping's changes would be dropped).
func (m *mapping) release(from, to int) {
	page := os.Getpagesize()
	from = (from + page - 1) / page * page
	if to <= from {
		return
	}
	_ = syscall.Madvise(m.data[from:to], syscall.MADV_DONTNEED)
}
