package demo

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"sync"
)

// Image is a picture of the demo content, drawn here rather than downloaded: the first start
// needs no network, and nobody's photo is shipped.
type Image struct {
	Filename string
	Alt      string
	Data     []byte
	// Avatar marks a portrait, for members' profiles; the others are featured images.
	Avatar bool
}

// Images returns the demo pictures: four landscapes (JPEG, 1200 x 800) to feature on posts
// and two portraits (PNG, 400 x 400) for profiles. They are drawn once per process.
func Images() []Image {
	imagesOnce.Do(func() {
		scenes := []struct {
			name, alt              string
			skyTop, skyLow, ground color.RGBA
			sunX, sunY, waves      float64
		}{
			{"harbour-at-dawn.jpg", "A pale sun rising over low hills and calm water", rgb(46, 64, 120), rgb(250, 190, 150), rgb(40, 70, 90), 0.7, 0.45, 2},
			{"hills-after-rain.jpg", "Green hills under a clearing grey sky", rgb(120, 140, 160), rgb(220, 225, 230), rgb(60, 110, 60), 0.25, 0.3, 3},
			{"evening-over-the-estuary.jpg", "An orange evening sky over a wide estuary", rgb(60, 30, 80), rgb(255, 140, 60), rgb(30, 40, 60), 0.5, 0.55, 1.5},
			{"winter-field.jpg", "A white field under a cold blue sky", rgb(90, 140, 200), rgb(210, 230, 250), rgb(235, 240, 245), 0.8, 0.25, 2.5},
		}
		for _, s := range scenes {
			img := landscape(1200, 800, s.skyTop, s.skyLow, s.ground, s.sunX, s.sunY, s.waves)
			var buf bytes.Buffer
			_ = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85})
			images = append(images, Image{Filename: s.name, Alt: s.alt, Data: buf.Bytes()})
		}
		for i, c := range []color.RGBA{rgb(90, 130, 170), rgb(170, 110, 90)} {
			var buf bytes.Buffer
			_ = png.Encode(&buf, portrait(400, c))
			images = append(images, Image{Filename: []string{"portrait-blue.png", "portrait-terracotta.png"}[i],
				Alt: "A drawn portrait: a head and shoulders in silhouette", Data: buf.Bytes(), Avatar: true})
		}
	})
	return images
}

var (
	imagesOnce sync.Once
	images     []Image
)

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{r, g, b, 255} }

func mix(a, b color.RGBA, t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t))
	f := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 255}
}

// landscape draws a sky fading from top to horizon, a sun, and rolling ground.
func landscape(w, h int, top, low, ground color.RGBA, sunX, sunY, waves float64) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	sx, sy, sr := sunX*float64(w), sunY*float64(h), float64(h)/12
	for x := range w {
		fx := float64(x) / float64(w)
		horizon := 0.62*float64(h) + 0.06*float64(h)*math.Sin(fx*waves*math.Pi*2) + 0.03*float64(h)*math.Sin(fx*waves*7)
		for y := range h {
			var c color.RGBA
			if float64(y) < horizon {
				c = mix(top, low, float64(y)/horizon)
				if d := math.Hypot(float64(x)-sx, float64(y)-sy); d < sr*3 {
					c = mix(c, rgb(255, 245, 220), math.Max(0, 1-(d-sr)/(sr*2))*0.9)
				}
			} else {
				c = mix(ground, rgb(ground.R/2, ground.G/2, ground.B/2), (float64(y)-horizon)/(float64(h)-horizon))
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// portrait draws a head and shoulders in silhouette on a plain background.
func portrait(size int, bg color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	fg := rgb(bg.R/3, bg.G/3, bg.B/3)
	s := float64(size)
	for y := range size {
		for x := range size {
			fx, fy := float64(x), float64(y)
			c := mix(bg, rgb(255, 255, 255), fy/s*0.4)
			if math.Hypot(fx-s/2, fy-s*0.4) < s*0.18 || (fy > s*0.62 && math.Hypot((fx-s/2)/1.6, fy-s*0.95) < s*0.3) {
				c = fg
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}
