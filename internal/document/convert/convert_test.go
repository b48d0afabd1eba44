package convert

import (
	"archive/zip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loa/internal/document"
)

const sample = "../../../testdata/sample-plan-skhcn-cantho-2024.txt"

func TestTheSamplePlanConvertsToEveryFormatAndBack(t *testing.T) {
	dir := t.TempDir()
	for _, ext := range Outputs {
		out := filepath.Join(dir, "plan"+ext)
		if err := File(sample, out); err != nil {
			t.Fatalf("%s: %v", ext, err)
		}
		b, _ := os.ReadFile(out)
		if len(b) == 0 {
			t.Fatalf("%s is empty", ext)
		}
		switch ext {
		case ".docx", ".xlsx":
			if _, err := zip.OpenReader(out); err != nil {
				t.Errorf("%s is not a zip: %v", ext, err)
			}
		case ".pdf":
			if !strings.HasPrefix(string(b), "%PDF-") {
				t.Errorf("not a PDF")
			}
		case ".txt", ".html", ".json":
			if !strings.Contains(string(b), "Ngô Anh Tín") {
				t.Errorf("%s lacks the signer", ext)
			}
		}
	}
	back := filepath.Join(dir, "again.txt")
	if err := File(filepath.Join(dir, "plan.docx"), back); err != nil {
		t.Fatalf("docx back to text: %v", err)
	}
	if b, _ := os.ReadFile(back); !strings.Contains(string(b), "Vườn ươm công nghệ công nghiệp Việt Nam - Hàn Quốc") {
		t.Fatal("the table lost a unit on the way through Word")
	}
}

func TestUnknownFormatsAreRefusedInVietnameseAndLeaveNoFile(t *testing.T) {
	dir := t.TempDir()
	err := File(sample, filepath.Join(dir, "x.odt"))
	var ie *document.InputError
	if !errors.As(err, &ie) || !strings.Contains(ie.Message, "Không ghi được dạng") {
		t.Fatalf("got %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.odt")); err == nil {
		t.Fatal("a failed conversion left a file")
	}
	bad := filepath.Join(dir, "plan.doc")
	_ = os.WriteFile(bad, []byte{0xD0, 0xCF, 0x11, 0xE0}, 0o600)
	if err := File(bad, filepath.Join(dir, "y.pdf")); !errors.As(err, &ie) || !strings.Contains(ie.Message, ".docx") {
		t.Fatalf("old Word file: %v", err)
	}
}

func TestAFailedConversionKeepsTheFileAlreadyThere(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "sub", "plan.txt")
	if err := File(sample, out); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(out)
	bad := filepath.Join(dir, "bad.docx")
	_ = os.WriteFile(bad, []byte("not a zip"), 0o600)
	if err := File(bad, out); err == nil {
		t.Fatal("converting a broken file succeeded")
	}
	after, _ := os.ReadFile(out)
	if string(after) != string(before) {
		t.Fatal("the earlier output was spoilt")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
}
