package pdf

import (
	"io"
	"testing"

	"loa/internal/document/documenttest"
)

// BenchmarkPDF prints a yearly report of about 20 pages (target ≤ 500 ms).
func BenchmarkPDF(b *testing.B) {
	d := documenttest.Report()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
