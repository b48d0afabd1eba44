package app

import (
	"context"
	"errors"
	"io"
	"net/http"

	"loa/internal/files"
	"loa/internal/progress"
	"loa/internal/store"
)

// Evidence limits: one file up to 15 MB, a result's files together up to 60 MB.
const (
	maxEvidenceBytes = 15 << 20
	maxResultBytes   = 60 << 20
)

var evidenceLimits = files.Limits{MaxBytes: maxEvidenceBytes, Allowed: files.AllKinds}

// evidence lets results keep their files in the files store.
type evidence struct {
	files *files.Store
	log   interface{ Error(string, ...any) }
}

func (e evidence) SaveFile(ctx context.Context, q store.Querier, name string, r io.Reader) (progress.FileRef, error) {
	f, err := e.files.Save(ctx, q, name, r, evidenceLimits)
	var fe *files.Error
	if errors.As(err, &fe) {
		return progress.FileRef{}, &progress.FileRefused{Message: fe.Message}
	}
	if err != nil {
		return progress.FileRef{}, err
	}
	return progress.FileRef{Hash: f.Hash, Name: name, ContentType: f.ContentType, Size: f.Size, Image: f.IsImage()}, nil
}

func (e evidence) Serve(w http.ResponseWriter, r *http.Request, hash, name string) {
	e.answer(w, hash, e.files.Serve(w, r, hash, name))
}

func (e evidence) ServeThumb(w http.ResponseWriter, r *http.Request, hash string) {
	e.answer(w, hash, e.files.ServeThumb(w, r, hash))
}

// answer turns a serving error into a status: a file or thumbnail that is not there
// is a 404; a blob lost from the disk under a row that names it is an incident, logged.
func (e evidence) answer(w http.ResponseWriter, hash string, err error) {
	switch {
	case err == nil:
	case errors.Is(err, store.ErrNotFound), errors.Is(err, files.ErrNoThumbnail):
		http.Error(w, "Không có tệp này", http.StatusNotFound)
	default:
		e.log.Error("serve evidence", "hash", hash, "err", err)
		http.Error(w, "Không đọc được tệp", http.StatusInternalServerError)
	}
}
