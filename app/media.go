package app

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/guildhall/guildhall"
	"github.com/guildhall/guildhall/graph"
	"github.com/guildhall/guildhall/media"
	"github.com/guildhall/guildhall/requestid"
)

// uploadReadTime bounds reading an upload's body: 20 MB in two minutes is 170 KB/s, slow
// enough for a poor connection, short enough that a client trickling bytes cannot hold a
// connection and its memory for long.
const uploadReadTime = 2 * time.Minute

// uploadAsset answers POST /media?filename=...&alt=... with the file as the raw body (what
// curl --data-binary @photo.jpg sends): 201 and the asset as JSON. The credential is checked
// before a byte of the body is read, and the body is bounded in size and time.
func (a *App) uploadAsset(w http.ResponseWriter, r *http.Request) {
	if err := a.svc.CanUpload(r.Context()); err != nil {
		a.writeAssetError(w, r, err)
		return
	}
	q := r.URL.Query()
	if !q.Has("alt") {
		writeGraphQLError(w, r, http.StatusBadRequest, "BAD_USER_INPUT",
			"alt is required: the text that stands for the image, or alt= (empty) for a decorative image.")
		return
	}
	if r.ContentLength > media.MaxBytes {
		writeGraphQLError(w, r, http.StatusRequestEntityTooLarge, "BAD_USER_INPUT", "The file is larger than 20 MB; at most 20 MB are accepted.")
		return
	}
	_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(uploadReadTime))
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, media.MaxBytes))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			writeGraphQLError(w, r, http.StatusRequestEntityTooLarge, "BAD_USER_INPUT", "The file is larger than 20 MB; at most 20 MB are accepted.")
			return
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			writeGraphQLError(w, r, http.StatusRequestTimeout, "BAD_USER_INPUT", "The upload took too long; send it again on a faster connection.")
			return
		}
		writeGraphQLError(w, r, http.StatusBadRequest, "BAD_USER_INPUT", "The upload was cut short.")
		return
	}
	asset, err := a.svc.UploadAsset(r.Context(), guildhall.UploadAssetInput{Data: data, Filename: q.Get("filename"), Alt: q.Get("alt")})
	if err != nil {
		a.writeAssetError(w, r, err)
		return
	}
	url := a.cfg.MediaURL + asset.Path()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Location", url)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"id": asset.ID, "url": url, "filename": asset.Filename, "alt": asset.Alt,
		"contentType": asset.ContentType, "bytes": asset.Bytes, "width": asset.Width, "height": asset.Height,
		"srcset": asset.Srcset(a.cfg.MediaURL, nil),
	})
}

// writeAssetError answers an upload's error with the status that fits it: 415 for a type
// that is not accepted, 413 for a file too large, 400 for a damaged one, and the usual
// statuses of the other codes.
func (a *App) writeAssetError(w http.ResponseWriter, r *http.Request, err error) {
	code := guildhall.ErrorCode(err)
	status := http.StatusInternalServerError
	switch code {
	case guildhall.EINVALID:
		status = http.StatusBadRequest
		if e, ok := errors.AsType[*guildhall.Error](err); ok {
			switch e.Extra["reason"] {
			case string(media.ReasonUnsupported):
				status = http.StatusUnsupportedMediaType
			case string(media.ReasonTooLarge):
				status = http.StatusRequestEntityTooLarge
			}
		}
	case guildhall.EUNAUTHORIZED:
		status = http.StatusUnauthorized
	case guildhall.EFORBIDDEN:
		status = http.StatusForbidden
	case guildhall.ECONFLICT:
		status = http.StatusConflict
	case guildhall.EUNAVAILABLE:
		status = http.StatusServiceUnavailable
	default:
		a.log.ErrorContext(r.Context(), "upload failed", "err", err)
	}
	ext := map[string]any{"code": graph.Code(code)}
	if e, ok := errors.AsType[*guildhall.Error](err); ok && code != guildhall.EINTERNAL {
		if len(e.Fields) > 0 {
			ext["fields"] = e.Fields
		}
		for k, v := range e.Extra {
			ext[k] = v
		}
	}
	if id := requestid.From(r.Context()); id != "" {
		ext["requestId"] = id
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []any{map[string]any{"message": guildhall.ErrorMessage(err), "extensions": ext}}})
}
