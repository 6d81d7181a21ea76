package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// progressBar draws "[=====>     ] 120/500" on one line of a terminal, at most ten times a
// second; off a terminal (a log, a pipe) it draws nothing, and the summary says it all.
type progressBar struct {
	w     io.Writer
	label string
	on    bool
	last  time.Time
	drawn bool
}

func newProgressBar(f *os.File, label string) *progressBar {
	st, err := f.Stat()
	return &progressBar{w: f, label: label, on: err == nil && st.Mode()&os.ModeCharDevice != 0}
}

// update is an importer.Progress.
func (p *progressBar) update(done, total int) {
	if !p.on || total <= 0 || (done < total && time.Since(p.last) < 100*time.Millisecond) {
		return
	}
	p.last = time.Now()
	const width = 30
	filled := width * done / total
	bar := strings.Repeat("=", filled)
	if filled < width {
		bar += ">" + strings.Repeat(" ", width-filled-1)
	}
	fmt.Fprintf(p.w, "\r%s [%s] %d/%d", p.label, bar, done, total)
	p.drawn = true
}

// finish ends the bar's line.
func (p *progressBar) finish() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}
