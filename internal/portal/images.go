package portal

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"image"
	"image/color"
	_ "image/gif" // decoders of the accepted uploads
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"time"

	"github.com/disintegration/imaging"
	_ "golang.org/x/image/webp"

	"loa/internal/files"
	"loa/internal/i18n"
	"loa/internal/store"
)

// Images uploaded for articles are read, turned upright, cut down to MaxImageWidth
// pixels wide (a thumbnail too) and re-encoded before anything is kept: what is
// served is what Loa wrote, never the camera's file with its location in the EXIF.
const (
	MaxImageBytes = 10 << 20
	MaxImageWidth = 1600
	ThumbWidth    = 480
	ThumbHeight   = 300
)

// Image is an image uploaded for the portal.
type Image struct {
	Hash       string
	ThumbHash  string
	Name       string
	Width      int
	Height     int
	UploadedAt time.Time
}

// Src is the address an article uses to show the image.
func (i Image) Src() string { return "/anh/" + i.Hash }

// ThumbSrc is the address of its thumbnail.
func (i Image) ThumbSrc() string { return "/anh/" + i.ThumbHash }

// ImageRefused is an upload that is not a usable image; Msg says why.
type ImageRefused struct{ Msg i18n.Msg }

func (e *ImageRefused) Error() string { return e.Msg.In(i18n.VI) }

// imageSlot lets one image be decoded at a time: a large photo takes tens of megabytes
// decoded, and the server's memory budget is for everyone.
var imageSlot = make(chan struct{}, 1)

// prepared is an image made ready to keep.
type prepared struct {
	name          string
	full, thumb   []byte
	fullExt       string
	width, height int
}

// prepareImage checks an upload and makes its resized copy and thumbnail.
func prepareImage(ctx context.Context, up Upload) (*prepared, error) {
	if len(up.Data) > MaxImageBytes {
		return nil, &ImageRefused{i18n.M("portal.image_too_big", up.Name, MaxImageBytes>>20)}
	}
	if len(up.Data) == 0 {
		return nil, &ImageRefused{i18n.M("portal.image_empty", up.Name)}
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(up.Data))
	if err != nil {
		return nil, &ImageRefused{i18n.M("portal.image_type", up.Name)}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > files.MaxImageSide || cfg.Height > files.MaxImageSide ||
		int64(cfg.Width)*int64(cfg.Height) > files.MaxImagePixels {
		return nil, &ImageRefused{i18n.M("portal.image_pixels", up.Name, cfg.Width, cfg.Height)}
	}
	select {
	case imageSlot <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-imageSlot }()
	img, err := imaging.Decode(bytes.NewReader(up.Data), imaging.AutoOrientation(true))
	if err != nil {
		return nil, &ImageRefused{i18n.M("portal.image_damaged", up.Name)}
	}
	if img.Bounds().Dx() > MaxImageWidth {
		img = imaging.Resize(img, MaxImageWidth, 0, imaging.Lanczos)
	}
	p := &prepared{name: baseName(up.Name), width: img.Bounds().Dx(), height: img.Bounds().Dy()}
	var full bytes.Buffer
	// Drawings and posters keep their sharp edges and transparency as PNG; photos are JPEG.
	if format == "png" || format == "gif" {
		err, p.fullExt = png.Encode(&full, img), ".png"
	} else {
		err, p.fullExt = jpeg.Encode(&full, onWhite(img), &jpeg.Options{Quality: 85}), ".jpg"
	}
	if err != nil {
		return nil, err
	}
	p.full = full.Bytes()
	var thumb bytes.Buffer
	t := imaging.Fill(img, ThumbWidth, ThumbHeight, imaging.Center, imaging.CatmullRom)
	if err := jpeg.Encode(&thumb, onWhite(t), &jpeg.Options{Quality: 80}); err != nil {
		return nil, err
	}
	p.thumb = thumb.Bytes()
	return p, nil
}

// onWhite puts an image on white: JPEG has no transparency.
func onWhite(img image.Image) image.Image {
	b := img.Bounds()
	return imaging.Overlay(imaging.New(b.Dx(), b.Dy(), color.White), img, image.Point{}, 1)
}

var imageLimits = files.Limits{MaxBytes: MaxImageBytes * 2, Allowed: []files.Kind{files.JPEG, files.PNG}}

// keepImage stores a prepared image and its thumbnail in the caller's transaction.
func (s *Store) keepImage(ctx context.Context, tx *sql.Tx, p *prepared, ed Editor, agencyID string) (*Image, error) {
	full, err := s.files.Save(ctx, tx, "anh"+p.fullExt, bytes.NewReader(p.full), imageLimits)
	if err != nil {
		return nil, err
	}
	thumb, err := s.files.Save(ctx, tx, "anh-nho.jpg", bytes.NewReader(p.thumb), imageLimits)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if _, err := tx.ExecContext(ctx, `INSERT INTO portal_images (hash, thumb_hash, name, width, height, agency_id, uploaded_by, uploaded_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (hash) DO NOTHING`,
		full.Hash, thumb.Hash, p.name, p.width, p.height, nullable(agencyID), nullable(ed.ID), now); err != nil {
		return nil, err
	}
	return &Image{Hash: full.Hash, ThumbHash: thumb.Hash, Name: p.name, Width: p.width, Height: p.height, UploadedAt: now}, nil
}

// UploadImage checks, resizes and keeps an image for articles; ImageRefused says
// why an upload is not taken.
func (s *Store) UploadImage(ctx context.Context, up Upload, ed Editor, agencyID string) (*Image, error) {
	p, err := prepareImage(ctx, up)
	if err != nil {
		return nil, err
	}
	var img *Image
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		img, err = s.keepImage(ctx, tx, p, ed, agencyID)
		return err
	})
	return img, err
}

// Images lists the images uploaded for the portal, newest first.
func (s *Store) Images(ctx context.Context, limit, offset int) ([]Image, int, error) {
	var total int
	if err := s.db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM portal_images`).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT hash, thumb_hash, name, width, height, uploaded_at FROM portal_images
		ORDER BY uploaded_at DESC, hash LIMIT $1 OFFSET $2`, max(limit, 1), max(offset, 0))
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []Image
	for rows.Next() {
		var i Image
		if err := rows.Scan(&i.Hash, &i.ThumbHash, &i.Name, &i.Width, &i.Height, &i.UploadedAt); err != nil {
			return nil, 0, err
		}
		out = append(out, i)
	}
	return out, total, rows.Err()
}

// ServeImage sends a portal image or thumbnail, inline: only hashes uploaded as
// portal images are served, so no other file (evidence, a citizen's attachment) can be
// reached through this address. They never change, so they may be cached for a year.
func (s *Store) ServeImage(w http.ResponseWriter, r *http.Request, hash string) error {
	var n int
	if err := s.db.Read().QueryRowContext(r.Context(), `SELECT COUNT(*) FROM portal_images WHERE hash = $1 OR thumb_hash = $1`, hash).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return store.ErrNotFound
	}
	f, err := s.files.Get(r.Context(), hash)
	if err != nil {
		return err
	}
	if !f.IsImage() {
		return store.ErrNotFound
	}
	body, err := s.files.Open(r.Context(), hash)
	if err != nil {
		return err
	}
	defer body.Close()
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", `"`+hash+`"`)
	if rs, ok := body.(io.ReadSeeker); ok {
		http.ServeContent(w, r, "", f.CreatedAt, rs)
		return nil
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	http.ServeContent(w, r, "", f.CreatedAt, bytes.NewReader(data))
	return nil
}

// errImage tells whether err is an image refused, with its message.
func errImage(err error) (*ImageRefused, bool) {
	var ir *ImageRefused
	ok := errors.As(err, &ir)
	return ir, ok
}
