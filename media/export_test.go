package media

import (
	"context"
)

// Hold takes pixels of the budget until release is called, as a decode in progress would.
func (p *Pipeline) Hold(pixels int64) (release func()) {
	w, _ := p.acquire(context.Background(), pixels)
	return func() { p.budget.Release(w) }
}
