package html

import (
	"io"
	"testing"

	"loa/internal/document/documenttest"
)

// BenchmarkHTML renders a yearly report of about 20 pages: the preview is
// rendered again on every edit, so it should stay far below the PDF's time.
func BenchmarkHTML(b *testing.B) {
	d := documenttest.Report()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
