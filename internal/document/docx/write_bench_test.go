package docx

import (
	"io"
	"testing"

	"loa/internal/document/documenttest"
)

// BenchmarkDOCX writes a yearly report of about 20 pages (target ≤ 200 ms).
func BenchmarkDOCX(b *testing.B) {
	d := documenttest.Report()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
