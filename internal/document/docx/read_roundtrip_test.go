package docx

import (
	"bytes"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loa/internal/document"
	"loa/internal/document/documenttest"
	"loa/internal/document/recognise"
	"loa/internal/document/recognise/recognisetest"
	"loa/internal/document/text"
)

// asWritten is what a DOCX round trip is expected to give back for d: runs in the
// readers' canonical spacing, widths as proportions, spans of 1 as none, header
// cells centred by default, what the writer prints in capitals in capitals, cells
// without text empty, list items without their punctuation.
func asWritten(d *document.Document) *document.Document {
	out := *d
	out.Recipients, out.KinhGui = listItems(d.Recipients), listItems(d.KinhGui)
	out.Body = writtenBlocks(d.Body)
	out.Annexes = nil
	for _, a := range d.Annexes {
		a.Subtitle = strings.ToUpper(a.Subtitle)
		a.Body = writtenBlocks(a.Body)
		out.Annexes = append(out.Annexes, a)
	}
	return &out
}

func writtenBlocks(bs []document.Block) []document.Block {
	out := make([]document.Block, len(bs))
	for i, b := range bs {
		if b.Runs != nil {
			b.Runs = recognise.Runs(b.Runs)
		}
		if lvl := recognise.LabelLevel(b.Label); b.Kind == document.KindParagraph && lvl != 0 {
			b.Kind, b.Level = document.KindHeading, lvl // a labelled item reads as the item it is
		}
		if b.Table != nil {
			t := *b.Table
			// A table without widths is written with widths sized from its content.
			t.Widths = proportions(t.ColumnWidths(100), t.Columns())
			t.Rows = nil
			for r, row := range b.Table.Normalized() {
				nr := make([]document.Cell, len(row))
				for c, cell := range row {
					if cell.ColSpan == 1 {
						cell.ColSpan = 0
					}
					if cell.RowSpan == 1 {
						cell.RowSpan = 0
					}
					if r < t.HeaderRows && cell.Align == "center" {
						cell.Align = ""
					}
					var lines [][]document.Run
					for _, l := range cell.Lines {
						if l = recognise.Runs(l); len(l) > 0 {
							lines = append(lines, l)
						}
					}
					cell.Lines = lines
					nr[c] = cell
				}
				t.Rows = append(t.Rows, nr)
			}
			b.Table = &t
		}
		out[i] = b
	}
	return out
}

// listItems are list items as the writer punctuates them: its own marker and end.
func listItems(items []string) []string {
	var out []string
	for _, it := range items {
		out = append(out, strings.TrimRight(strings.TrimLeft(it, "-–+ "), ";.,: "))
	}
	return out
}

// proportions scales widths to sum 100, rounded, and none when they are equal.
func proportions(ws []float64, cols int) []float64 {
	if len(ws) != cols || cols == 0 {
		return nil
	}
	sum := 0.0
	for _, w := range ws {
		sum += w
	}
	out := make([]float64, len(ws))
	equal := true
	for i, w := range ws {
		out[i] = math.Round(w / sum * 100)
		equal = equal && out[i] == out[0]
	}
	if equal {
		return nil
	}
	return out
}

func roundTrip(t *testing.T, d *document.Document) *document.Document {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	got, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestRichDocumentRoundTripsThroughDOCX(t *testing.T) {
	for name, d := range map[string]*document.Document{
		"reader's rich document": recognisetest.Rich(),
		"writer's rich report":   documenttest.Rich(),
		"công văn":               documenttest.CongVan(),
		"sample plan fixture":    documenttest.SamplePlan(),
	} {
		got := roundTrip(t, d)
		want := asWritten(d)
		got.Body = writtenBlocks(got.Body)
		for i := range got.Annexes {
			got.Annexes[i].Body = writtenBlocks(got.Annexes[i].Body)
		}
		if diff := recognisetest.Diff(want, got); diff != "" {
			t.Errorf("%s: %s", name, diff)
		}
	}
}

func TestSamplePlanReadFromTextRoundTripsThroughDOCX(t *testing.T) {
	f, err := os.Open("../../../testdata/sample-plan-skhcn-cantho-2024.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := text.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	got := roundTrip(t, d)
	got.Body = writtenBlocks(got.Body)
	if diff := recognisetest.Diff(asWritten(d), got); diff != "" {
		t.Fatal(diff)
	}
}

func TestADocxResavedByLibreOfficeReadsTheSame(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed: cannot make a DOCX with another program")
	}
	for name, d := range map[string]*document.Document{"reader's rich document": recognisetest.Rich(), "writer's rich report": documenttest.Rich()} {
		var buf bytes.Buffer
		if err := Write(&buf, d); err != nil {
			t.Fatal(err)
		}
		ours, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		theirs := resave(t, soffice, buf.Bytes())
		// LibreOffice rounds column widths its own way; everything else must be equal.
		for _, d := range []*document.Document{ours, theirs} {
			d.Body = writtenBlocks(d.Body)
			for i := range d.Annexes {
				d.Annexes[i].Body = writtenBlocks(d.Annexes[i].Body)
			}
		}
		if diff := recognisetest.Diff(ours, theirs); diff != "" {
			t.Errorf("%s: %s", name, diff)
		}
	}
}

// resave has LibreOffice open a .docx and save it as one of its own making.
func resave(t *testing.T, soffice string, docx []byte) *document.Document {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "ours.docx")
	if err := os.WriteFile(in, docx, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out := filepath.Join(dir, "lo")
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", out, in)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("LibreOffice could not convert: %v %s", err, msg)
	}
	d, err := ReadFile(filepath.Join(out, "ours.docx"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}
