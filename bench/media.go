package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// The media scenarios (issue 16): the cleaned original of one asset, a variant made before
// (warm), variants never asked for before (cold: each request resizes), originals of many
// assets once each, and the same photo from a plain static file handler (http.ServeFile in
// the ceiling's process) as the ceiling for files.

// staticDir is where the static scenario's file is written, for the ceiling's process.
var staticDir = filepath.Join(os.TempDir(), "guildhall-bench-static")

// mediaState is what the media scenarios share within a run.
type mediaState struct {
	once     sync.Once
	err      error
	original string   // the URL path of the photo's asset
	pool     []string // the URL paths of the pool's assets
	next     atomic.Int64
}

// benchPhoto is a 1600 x 1067 picture with photo-like detail (so its JPEG is of a photo's
// size): gradients with a fine pattern; seed makes each one different.
func benchPhoto(w, h, seed int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			v := uint8((x*7 + y*13 + seed*31 + (x*y)%97) % 256)
			img.SetRGBA(x, y, color.RGBA{uint8(x * 255 / w), v, uint8(y * 255 / h), 255})
		}
	}
	var buf bytes.Buffer
	_ = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90})
	return buf.Bytes()
}

// writeStaticPhoto writes the photo the static handler serves; the same picture is uploaded
// to Guildhall for the original scenario.
func writeStaticPhoto() error {
	if err := os.MkdirAll(staticDir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(staticDir, "photo.jpg"), benchPhoto(1600, 1067, 0), 0o644)
}

// uploadAsset POSTs an image to /media and returns its URL path.
func uploadAsset(ctx context.Context, e *env, name string, data []byte) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.base+"/media?alt=bench&filename="+name, bytes.NewReader(data))
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+e.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusCreated {
		return "", fmt.Errorf("upload: %d %s", res.StatusCode, body)
	}
	var a struct{ URL string }
	if err := json.Unmarshal(body, &a); err != nil {
		return "", err
	}
	return a.URL, nil
}

// prepareMedia uploads the photo and a pool of e.assets distinct smaller images (640 x 480,
// 8 uploads at a time), once per run.
func prepareMedia(ctx context.Context, e *env) error {
	e.media.once.Do(func() {
		data, err := os.ReadFile(filepath.Join(staticDir, "photo.jpg"))
		if err != nil {
			e.media.err = err
			return
		}
		if e.media.original, err = uploadAsset(ctx, e, "photo.jpg", data); err != nil {
			e.media.err = err
			return
		}
		e.media.pool = make([]string, e.assets)
		var next atomic.Int64
		var failed atomic.Pointer[error]
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				for {
					i := int(next.Add(1)) - 1
					if i >= e.assets || failed.Load() != nil {
						return
					}
					url, err := uploadAsset(ctx, e, fmt.Sprintf("pool-%d.jpg", i), benchPhoto(640, 480, i+1))
					if err != nil {
						failed.Store(&err)
						return
					}
					e.media.pool[i] = url
				}
			})
		}
		wg.Wait()
		if p := failed.Load(); p != nil {
			e.media.err = *p
		}
	})
	return e.media.err
}

// imageJob GETs an image; a 200 with a body is a success.
type imageJob struct {
	url  string
	next func() string // a fresh URL for every request, when set
}

func (j *imageJob) request() (*http.Request, error) {
	u := j.url
	if j.next != nil {
		u = j.next()
	}
	return http.NewRequest(http.MethodGet, u, nil)
}

func (j *imageJob) check(status int, body []byte) error {
	if status != http.StatusOK || len(body) == 0 {
		return fmt.Errorf("status %d, %d bytes", status, len(body))
	}
	return nil
}

// poolURL is the i-th request of a cold scenario: every pool asset once at each of the widths
// below its own (160, 320, 480), then again (by then warm: the note says how many there are).
func poolURL(e *env, i int64, variants bool) string {
	pool := e.media.pool
	if !variants {
		return e.base + pool[i%int64(len(pool))]
	}
	widths := []int{160, 320, 480}
	n := int64(len(pool) * len(widths))
	i %= n
	return fmt.Sprintf("%s%s?w=%d", e.base, pool[i%int64(len(pool))], widths[(i/int64(len(pool)))%3])
}

var mediaScenarios = []scenario{
	{name: "M-static", ceiling: true, job: func(e *env, _ int) job { return &imageJob{url: e.base + "/static/photo.jpg"} }},
	{name: "M-original", prepare: prepareMedia, job: func(e *env, _ int) job { return &imageJob{url: e.base + e.media.original} }},
	{name: "M-variant-warm", prepare: prepareMedia, job: func(e *env, _ int) job { return &imageJob{url: e.base + e.media.original + "?w=640"} }},
	{name: "M-original-cold", prepare: prepareMedia, job: func(e *env, _ int) job {
		return &imageJob{next: func() string { return poolURL(e, e.media.next.Add(1)-1, false) }}
	}, note: func(e *env) string { return fmt.Sprintf("%d assets, each once", len(e.media.pool)) }},
	{name: "M-variant-cold", prepare: prepareMedia, job: func(e *env, _ int) job {
		return &imageJob{next: func() string { return poolURL(e, e.media.next.Add(1)-1, true) }}
	}, note: func(e *env) string {
		return fmt.Sprintf("%d unmade variants of 640x480; %d asked for", 3*len(e.media.pool), e.media.next.Load())
	}},
}

func init() { scenarios = append(scenarios, mediaScenarios...) }
