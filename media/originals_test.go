package media_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/guildhall/guildhall/media"
	"github.com/guildhall/guildhall/media/mediatest"
)

func TestDirOriginals(t *testing.T) {
	mediatest.TestOriginals(t, func(t *testing.T) media.Originals {
		o, err := media.NewDirOriginals(filepath.Join(t.TempDir(), "originals"))
		if err != nil {
			t.Fatal(err)
		}
		return o
	})
}

func TestDirOriginalsLeavesNoTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	o, err := media.NewDirOriginals(dir)
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("one original")
	sum := sumOf(data)
	if err := o.Put(t.Context(), sum, data); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, sum[:2]))
	if len(entries) != 1 || entries[0].Name() != sum {
		t.Fatalf("folder holds %v, want only the original", entries)
	}
}
