package files

// Minimal real files of every accepted kind, built here so the tests need no
// testdata: each is what its encoder or a hand-written header makes.

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"
)

// halves is a w×h picture, red on its left half and blue on its right, so a test can
// tell which way it was turned.
func halves(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{R: 255, A: 255}
			if x >= w/2 {
				c = color.NRGBA{B: 255, A: 255}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

func pngFile(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, halves(w, h)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegFile(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, halves(w, h), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// jpegOriented is a JPEG with an EXIF block whose orientation tag is o, written
// right after the start marker as cameras do (big-endian TIFF, like many phones).
func jpegOriented(t testing.TB, w, h, o int) []byte {
	t.Helper()
	plain := jpegFile(t, w, h)
	var tiff bytes.Buffer
	tiff.WriteString("MM\x00\x2a")
	binary.Write(&tiff, binary.BigEndian, uint32(8))      // first directory right after the header
	binary.Write(&tiff, binary.BigEndian, uint16(1))      // one entry
	binary.Write(&tiff, binary.BigEndian, uint16(0x0112)) // orientation
	binary.Write(&tiff, binary.BigEndian, uint16(3))      // SHORT
	binary.Write(&tiff, binary.BigEndian, uint32(1))      // one value
	binary.Write(&tiff, binary.BigEndian, uint16(o))      // the value, left-justified in 4 bytes
	binary.Write(&tiff, binary.BigEndian, uint16(0))
	binary.Write(&tiff, binary.BigEndian, uint32(0)) // no next directory
	seg := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	var out bytes.Buffer
	out.Write(plain[:2])
	out.Write([]byte{0xff, 0xe1})
	binary.Write(&out, binary.BigEndian, uint16(len(seg)+2))
	out.Write(seg)
	out.Write(plain[2:])
	return out.Bytes()
}

func gifFile(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gif.Encode(&b, halves(w, h), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// webpFile is a lossless WebP of w×h pixels all of one colour. The standard library
// and x/image only decode WebP, so its VP8L bitstream is written here: no transform,
// no colour cache, and five prefix codes of one symbol each, which makes every pixel
// cost zero bits.
func webpFile(w, h int) []byte {
	var bits bitWriter
	bits.write(0x2f, 8) // VP8L signature
	bits.write(uint32(w-1), 14)
	bits.write(uint32(h-1), 14)
	bits.write(0, 1)                                       // no alpha in use
	bits.write(0, 3)                                       // version 0
	bits.write(0, 1)                                       // no transform
	bits.write(0, 1)                                       // no colour cache
	bits.write(0, 1)                                       // no meta prefix codes
	for _, sym := range []uint32{0x80, 0x20, 0xc0, 0xff} { // green, red, blue, alpha
		bits.write(1, 1) // simple code
		bits.write(0, 1) // one symbol
		bits.write(1, 1) // of 8 bits
		bits.write(sym, 8)
	}
	bits.write(1, 1) // distance: simple code
	bits.write(0, 1) // one symbol
	bits.write(0, 1) // of 1 bit
	bits.write(0, 1)
	data := bits.bytes()
	if len(data)%2 == 1 {
		data = append(data, 0)
	}
	var b bytes.Buffer
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(4+8+len(data)))
	b.WriteString("WEBPVP8L")
	binary.Write(&b, binary.LittleEndian, uint32(len(data)))
	b.Write(data)
	return b.Bytes()
}

// bitWriter packs bits least significant first, as VP8L reads them.
type bitWriter struct {
	buf   []byte
	nbits int
}

func (bw *bitWriter) write(v uint32, n int) {
	for i := range n {
		if bw.nbits%8 == 0 {
			bw.buf = append(bw.buf, 0)
		}
		bw.buf[len(bw.buf)-1] |= byte((v>>i)&1) << (bw.nbits % 8)
		bw.nbits++
	}
}

func (bw *bitWriter) bytes() []byte { return bw.buf }

// bombPNG is a valid PNG header declaring a w×h image, with no pixels behind it:
// a few dozen bytes that would ask a decoder for w×h×4 bytes of memory.
func bombPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		body := append([]byte(typ), data...)
		b.Write(body)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(body))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit RGB, deflate, no filter method, no interlace
	chunk("IHDR", ihdr)
	chunk("IEND", nil)
	return b.Bytes()
}

// pdfFile is the smallest PDF a reader opens: one empty A4 page.
func pdfFile() []byte {
	return []byte("%PDF-1.4\n" +
		"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
		"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
		"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n" +
		"trailer << /Root 1 0 R >>\n%%EOF\n")
}

// officeFile is an Office Open XML package with the given parts beside its
// [Content_Types].xml.
func officeFile(t testing.TB, parts ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range append([]string{"[Content_Types].xml", "_rels/.rels"}, parts...) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><x/>`))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func docxFile(t testing.TB) []byte { return officeFile(t, "word/document.xml", "word/styles.xml") }
func xlsxFile(t testing.TB) []byte {
	return officeFile(t, "xl/workbook.xml", "xl/worksheets/sheet1.xml")
}

func zipFile(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("anh.jpg")
	w.Write([]byte("không phải ảnh"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// exeFile starts as every Windows program does.
func exeFile() []byte {
	return append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"), make([]byte, 64)...)
}

const textFile = "Danh sách dự họp\nSTT,Họ và tên,Đơn vị\n1,Nguyễn Văn An,Văn phòng Sở\n"
