package pdf

import (
	"os"
	"testing"

	"loa/internal/document"
	"loa/internal/document/documenttest"
)

func TestZZDump(t *testing.T) {
	for name, d := range map[string]*document.Document{"sample": documenttest.SamplePlan(), "rich": documenttest.Rich(), "congvan": documenttest.CongVan(), "report": documenttest.Report()} {
		f, _ := os.Create("/tmp/w/" + name + ".pdf")
		if err := Write(f, d); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
}
