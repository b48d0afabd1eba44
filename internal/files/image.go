package files

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/disintegration/imaging"
	"golang.org/x/image/webp"

	"loa/internal/store"
)

// Images larger than this are refused: a small file can declare a huge image (a
// decompression bomb), and decoding allocates for what the header declares. A
// 50-megapixel photo, more than any phone saves by default, takes about 75 MB
// decoded.
const (
	MaxImageSide   = 12000
	MaxImagePixels = 50_000_000
)

// ThumbSize is the longest side of a thumbnail, in pixels.
const ThumbSize = 320

// ErrNoThumbnail is a file that has no thumbnail: not an image, or an image that
// cannot be decoded.
var ErrNoThumbnail = errors.New("files: no thumbnail")

var decoders = map[Kind]struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}{
	JPEG: {jpeg.DecodeConfig, jpeg.Decode},
	PNG:  {png.DecodeConfig, png.Decode},
	GIF:  {gif.DecodeConfig, gif.Decode},
	WebP: {webp.DecodeConfig, webp.Decode},
}

// imageInfo is what an image's header says.
type imageInfo struct {
	width, height int // as stored, before orientation
	orientation   int // EXIF orientation, 1 (as stored) to 8
}

func (i imageInfo) fits() bool {
	return i.width <= MaxImageSide && i.height <= MaxImageSide && int64(i.width)*int64(i.height) <= MaxImagePixels
}

// shownSize is the size once oriented: orientations 5 to 8 turn the image a quarter.
func (i imageInfo) shownSize() (int, int) {
	if i.orientation >= 5 {
		return i.height, i.width
	}
	return i.width, i.height
}

// exifWindow is how much of a JPEG's start is searched for its EXIF block, which
// cameras write first, within 64 KB.
const exifWindow = 256 << 10

// probe reads an image's header — its size and orientation — without decoding a pixel.
func probe(r io.Reader, k Kind) (imageInfo, error) {
	head := make([]byte, exifWindow)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return imageInfo{}, err
	}
	head = head[:n]
	cfg, err := decoders[k].config(io.MultiReader(bytes.NewReader(head), r))
	if err != nil {
		return imageInfo{}, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return imageInfo{}, errors.New("image without pixels")
	}
	info := imageInfo{width: cfg.Width, height: cfg.Height, orientation: 1}
	if k == JPEG {
		info.orientation = exifOrientation(head)
	}
	return info, nil
}

// exifOrientation reads the EXIF orientation tag of a JPEG from its first bytes b,
// or 1 when there is none. imaging can apply the tag while decoding, but only to the
// full-size image, which costs a second full-size copy; read here, the tag turns the
// thumbnail instead, and tells the shown width and height at upload.
func exifOrientation(b []byte) int {
	if len(b) < 4 || b[0] != 0xff || b[1] != 0xd8 {
		return 1
	}
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xff {
			return 1
		}
		marker := b[i+1]
		switch {
		case marker == 0xff: // fill byte before a marker
			i++
			continue
		case marker == 0x01 || marker >= 0xd0 && marker <= 0xd8: // markers without a length
			i += 2
			continue
		case marker == 0xda || marker == 0xd9: // image data or its end: metadata comes before
			return 1
		}
		size := int(binary.BigEndian.Uint16(b[i+2:]))
		if size < 2 || i+2+size > len(b) {
			return 1
		}
		if seg := b[i+4 : i+2+size]; marker == 0xe1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return tiffOrientation(seg[6:])
		}
		i += 2 + size
	}
	return 1
}

// tiffOrientation finds tag 0x0112 in the first directory of an EXIF block's TIFF
// structure.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	off := uint64(order.Uint32(t[4:]))
	if order.Uint16(t[2:]) != 42 || off+2 > uint64(len(t)) {
		return 1
	}
	n := int(order.Uint16(t[off:]))
	for e := int(off) + 2; n > 0 && e+12 <= len(t); e, n = e+12, n-1 {
		if order.Uint16(t[e:]) != 0x0112 {
			continue
		}
		const short = 3
		if o := int(order.Uint16(t[e+8:])); order.Uint16(t[e+2:]) == short && o >= 1 && o <= 8 {
			return o
		}
		return 1
	}
	return 1
}

// orient turns img as the EXIF orientation o says it is meant to be seen.
func orient(img image.Image, o int) image.Image {
	switch o {
	case 2:
		return imaging.FlipH(img)
	case 3:
		return imaging.Rotate180(img)
	case 4:
		return imaging.FlipV(img)
	case 5:
		return imaging.Transpose(img)
	case 6:
		return imaging.Rotate270(img)
	case 7:
		return imaging.Transverse(img)
	case 8:
		return imaging.Rotate90(img)
	}
	return img
}

func (s *Store) thumbPath(hash string) string {
	return filepath.Join(s.thumbs, hash[:2], hash[2:4], hash+"-"+strconv.Itoa(ThumbSize)+".jpg")
}

// Thumbnail returns the image's thumbnail — a JPEG at most ThumbSize pixels on its
// longer side, oriented as the photo is meant to be seen — making it on first
// request and keeping it in the cache folder. A file that is not an image, or an
// image that cannot be decoded or is too large to, has ErrNoThumbnail.
func (s *Store) Thumbnail(ctx context.Context, hash string) (*os.File, error) {
	if !validHash(hash) {
		return nil, store.ErrNotFound
	}
	path := s.thumbPath(hash)
	if t, err := os.Open(path); err == nil {
		return t, nil
	}
	f, err := s.Get(ctx, hash)
	if err != nil {
		return nil, err
	}
	if !f.IsImage() {
		return nil, ErrNoThumbnail
	}
	select {
	case s.thumbSlot <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-s.thumbSlot }()
	// Another request may have made it while this one waited.
	if t, err := os.Open(path); err == nil {
		return t, nil
	}
	img, err := s.makeThumbnail(ctx, f)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		return nil, err
	}
	dir, err := mkdirSynced(s.thumbs, hash[:2], hash[2:4])
	if err != nil {
		return nil, err
	}
	if err := writeAtomic(dir, filepath.Base(path), &buf, nil); err != nil {
		return nil, err
	}
	return os.Open(path)
}

func (s *Store) makeThumbnail(ctx context.Context, f File) (image.Image, error) {
	k := f.Kind()
	r, err := s.blobs.Open(ctx, f.Hash)
	if err != nil {
		return nil, err
	}
	info, err := probe(r, k)
	r.Close()
	switch {
	case err != nil:
		return nil, fmt.Errorf("%w: %w", ErrNoThumbnail, err)
	case !info.fits():
		return nil, fmt.Errorf("%w: %d×%d pixels is too large to decode", ErrNoThumbnail, info.width, info.height)
	}
	r, err = s.blobs.Open(ctx, f.Hash)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	img, err := decoders[k].decode(bufio.NewReader(r))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoThumbnail, err)
	}
	// Catmull-Rom rather than Lanczos: no sharpness to tell apart at 320 pixels, and
	// a smaller kernel, which roughly halves the time a large photo takes.
	img = orient(imaging.Fit(img, ThumbSize, ThumbSize, imaging.CatmullRom), info.orientation)
	// JPEG has no transparency: transparent parts go on white, as on a page, not black.
	b := img.Bounds()
	return imaging.Overlay(imaging.New(b.Dx(), b.Dy(), color.White), img, image.Point{}, 1), nil
}
