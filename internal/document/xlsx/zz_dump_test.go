package xlsx

import (
	"os"
	"testing"

	"loa/internal/document/documenttest"
)

func TestZZDump(t *testing.T) {
	f, _ := os.Create("/tmp/w/rich.xlsx")
	if err := WriteDocument(f, documenttest.Rich()); err != nil {
		t.Fatal(err)
	}
	f.Close()
	f, _ = os.Create("/tmp/w/sample.xlsx")
	if err := WriteDocument(f, documenttest.SamplePlan()); err != nil {
		t.Fatal(err)
	}
	f.Close()
}
