package evidence_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"loa/internal/agency"
	"loa/internal/audit"
	"loa/internal/demo"
	"loa/internal/evidence"
	"loa/internal/files"
	"loa/internal/period"
	"loa/internal/plan"
	"loa/internal/progress"
	"loa/internal/store"
)

// saver keeps evidence in a files.Store, as the app's adapter does.
type saver struct{ files *files.Store }

var limits = files.Limits{MaxBytes: 10 << 20, Allowed: files.AllKinds}

func (s saver) SaveFile(ctx context.Context, q store.Querier, name string, r io.Reader) (progress.FileRef, error) {
	f, err := s.files.Save(ctx, q, name, r, limits)
	if err != nil {
		return progress.FileRef{}, err
	}
	return progress.FileRef{Hash: f.Hash, Name: name, ContentType: f.ContentType, Size: f.Size, Image: f.IsImage()}, nil
}

// fixture is the demo plan with no results yet, units by abbreviation, and a files
// store in a folder of the test's own.
type fixture struct {
	ctx     context.Context
	db      *store.DB
	files   *files.Store
	data    string
	results *progress.Store
	plan    *plan.Plan
	unit    map[string]string // abbreviation → id
}

func setup(tb testing.TB, db *store.DB) *fixture {
	tb.Helper()
	ctx := audit.WithActor(context.Background(), audit.Actor{Name: "test"})
	if _, err := demo.Load(ctx, db, "demo-Loa-Test-2026", tb.TempDir(), "http://test"); err != nil {
		tb.Fatal(err)
	}
	plans := plan.NewStore(db)
	list, err := plans.List(ctx, nil, 2024)
	if err != nil || len(list) != 1 {
		tb.Fatalf("demo plan: %v", err)
	}
	p, err := plans.Get(ctx, list[0].ID)
	if err != nil {
		tb.Fatal(err)
	}
	// The demo's own results carry links only; start from the plan so every line of
	// the pack is one this test made.
	for _, table := range []string{"result_topics", "result_partners", "result_files", "result_events", "portal_article_results", "results"} {
		if _, err := db.Write().ExecContext(ctx, "DELETE FROM "+table); err != nil {
			tb.Fatal(err)
		}
	}
	data := tb.TempDir()
	fs, err := files.New(db, data)
	if err != nil {
		tb.Fatal(err)
	}
	all, err := agency.NewStore(db).All(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	f := &fixture{ctx: ctx, db: db, files: fs, data: data, results: progress.NewStore(db, saver{fs}), plan: p, unit: map[string]string{}}
	for _, a := range all {
		f.unit[a.Abbr] = a.ID
	}
	return f
}

// upload is an evidence file as a form sends it.
type upload struct {
	name string
	body []byte
}

func (u upload) hash() string {
	sum := sha256.Sum256(u.body)
	return hex.EncodeToString(sum[:])
}

// record records a result of activity seq by unit on day (dd/mm/yyyy) with files and
// links, accepted when accept is set.
func (f *fixture) record(tb testing.TB, seq int, unit, day string, accept bool, links string, ups ...upload) *progress.Result {
	tb.Helper()
	var list []progress.Upload
	for _, u := range ups {
		list = append(list, progress.Upload{Name: u.name, Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(u.body)), nil }})
	}
	r, err := f.results.Record(f.ctx, f.plan.Activities[seq-1].ID, progress.Input{AgencyID: f.unit[unit], DoneOn: day, Quantity: "1",
		Description: "Kết quả kiểm thử", Links: links, Confirmed: true}, list)
	if err != nil {
		tb.Fatalf("record %d/%s: %v", seq, unit, err)
	}
	if accept {
		if r, err = f.results.Accept(f.ctx, r.ID, r.RowVersion); err != nil {
			tb.Fatal(err)
		}
	}
	return r
}

// blob is where the local store keeps hash.
func (f *fixture) blob(hash string) string {
	return filepath.Join(f.data, "files", hash[:2], hash[2:4], hash)
}

func mustPeriod(tb testing.TB, code string) period.Period {
	tb.Helper()
	p, err := period.Parse(code)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// Real files of the kinds units send, each with content of its own.

func pngFile(tb testing.TB, shade uint8) []byte {
	tb.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 16, 12))
	for i := range img.Pix {
		img.Pix[i] = shade + uint8(i)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func jpegFile(tb testing.TB, shade uint8) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 32, 24))
	for y := range 24 {
		for x := range 32 {
			img.Set(x, y, color.RGBA{R: shade, G: uint8(x * 8), B: uint8(y * 10), A: 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func pdfFile(title string) []byte {
	return []byte("%PDF-1.4\n% " + title + "\n" +
		"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
		"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
		"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n" +
		"trailer << /Root 1 0 R >>\n%%EOF\n")
}

// opened is a pack read back: its entries' bytes and methods by name, and the index
// rows of the XLSX by column name.
type opened struct {
	entries map[string][]byte
	methods map[string]uint16
	index   []map[string]string
}

func open(tb testing.TB, pack []byte) *opened {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pack), int64(len(pack)))
	if err != nil {
		tb.Fatalf("not a ZIP: %v", err)
	}
	o := &opened{entries: map[string][]byte{}, methods: map[string]uint16{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatalf("%s: %v", f.Name, err)
		}
		if _, dup := o.entries[f.Name]; dup {
			tb.Errorf("%s is in the pack twice", f.Name)
		}
		o.entries[f.Name], o.methods[f.Name] = b, f.Method
	}
	x, err := excelize.OpenReader(bytes.NewReader(o.entries[evidence.IndexXLSX]))
	if err != nil {
		tb.Fatalf("XLSX index: %v", err)
	}
	defer x.Close()
	rows, err := x.GetRows(x.GetSheetName(0), excelize.Options{RawCellValue: true})
	if err != nil {
		tb.Fatal(err)
	}
	var head []string
	for _, row := range rows {
		if head == nil {
			if len(row) > 0 && row[0] == "TT" {
				head = row
			}
			continue
		}
		line := map[string]string{}
		for i, h := range head {
			if i < len(row) {
				line[h] = row[i]
			}
		}
		o.index = append(o.index, line)
	}
	if head == nil {
		tb.Fatalf("XLSX index has no header row: %v", rows)
	}
	return o
}

func sha(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// pack makes the pack of the fixture's plan for code.
func (f *fixture) pack(tb testing.TB, code string) (evidence.Summary, *opened) {
	tb.Helper()
	var b bytes.Buffer
	sum, err := evidence.Pack(f.ctx, &b, f.db, f.files, f.plan.ID, mustPeriod(tb, code))
	if err != nil {
		tb.Fatal(err)
	}
	return sum, open(tb, b.Bytes())
}

// errWriter fails after n bytes, as a client that goes away does.
type errWriter struct{ n int }

func (w *errWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, errors.New("connection reset")
	}
	w.n -= len(p)
	return len(p), nil
}

func describe(o *opened) string {
	s := ""
	for name := range o.entries {
		s += fmt.Sprintf("\n  %s", name)
	}
	return s
}
