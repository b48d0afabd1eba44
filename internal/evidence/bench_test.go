package evidence_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io"
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"loa/internal/evidence"
	"loa/internal/progress"
	"loa/internal/store/storetest"
)

// BenchmarkPack packs 300 evidence files — photos that do not compress and text that
// does — once at about 20 KB a file and once at about 200 KB. The index is the same
// size in both, so the bytes allocated per pack should be about the same too: the
// files stream through one buffer, and what grows with them is only the output.
// Most of what is allocated is the index's PDF and XLSX, built in memory.
func BenchmarkPack(b *testing.B) {
	for _, size := range []int{20 << 10, 200 << 10} {
		b.Run(fmt.Sprintf("300x%dKB", size>>10), func(b *testing.B) { benchmarkPack(b, size) })
	}
}

func benchmarkPack(b *testing.B, size int) {
	f := setup(b, storetest.SQLite(b))
	rng := rand.New(rand.NewPCG(1, 2))
	const results = 15
	for r := range results {
		var ups []upload
		for i := range progress.MaxFiles {
			if i%2 == 0 {
				ups = append(ups, upload{fmt.Sprintf("Ảnh hoạt động %d-%d.png", r, i), noisePNG(b, rng, size)})
			} else {
				ups = append(ups, upload{fmt.Sprintf("Danh sách %d-%d.txt", r, i), wordsText(rng, size)})
			}
		}
		f.record(b, 1+r%2, "VP", fmt.Sprintf("%02d/02/2024", 1+r), true, "https://skhcn.cantho.gov.vn/tin-tuc/"+fmt.Sprint(r), ups...)
	}
	q1 := mustPeriod(b, "2024-Q1")
	var sum evidence.Summary
	var out countingWriter
	runtime.GC()
	peak := watchHeap()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		out = 0
		var err error
		if sum, err = evidence.Pack(f.ctx, &out, f.db, f.files, f.plan.ID, q1); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(peak())/(1<<20), "MiB-peak-heap")
	if sum.Files != results*progress.MaxFiles || sum.Problems != 0 {
		b.Fatalf("summary %+v", sum)
	}
	b.SetBytes(sum.Bytes)
	b.ReportMetric(float64(sum.Bytes)/(1<<20), "MiB-evidence/pack")
	b.ReportMetric(float64(out)/(1<<20), "MiB-zip/pack")
}

// watchHeap samples the bytes of live and not yet collected heap objects until the
// returned function is called, which gives the highest sample: what the DESIGN's
// memory budget is about, where B/op counts every allocation, however short-lived.
func watchHeap() (stop func() uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	done, result := make(chan struct{}), make(chan uint64)
	go func() {
		var top uint64
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			top = max(top, sample[0].Value.Uint64())
			select {
			case <-done:
				result <- top
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		return <-result
	}
}

// countingWriter stands for the client: it only counts.
type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)

// noisePNG is a PNG of random pixels of about size bytes, which no compressor
// shrinks, like a camera's JPEG.
func noisePNG(tb testing.TB, rng *rand.Rand, size int) []byte {
	tb.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 256, max(size/(4*256), 1)))
	for i := range img.Pix {
		img.Pix[i] = byte(rng.Uint32())
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// wordsText is n bytes of Vietnamese-looking lines, as an exported list is.
func wordsText(rng *rand.Rand, n int) []byte {
	words := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Văn", "Thị", "An", "Bình", "Chi", "Dũng", "Sở", "Phòng", "Trung tâm", "CCHC"}
	var b bytes.Buffer
	for line := 1; b.Len() < n; line++ {
		fmt.Fprintf(&b, "%d,%s %s %s,%s\n", line, words[rng.IntN(len(words))], words[rng.IntN(len(words))], words[rng.IntN(len(words))],
			words[rng.IntN(len(words))])
	}
	return b.Bytes()
}
