package docx

import (
	"os"
	"testing"

	"loa/internal/document/documenttest"
)

func TestZZDump(t *testing.T) {
	for name, d := range map[string]any{"sample": documenttest.SamplePlan(), "rich": documenttest.Rich(), "congvan": documenttest.CongVan(), "report": documenttest.Report()} {
		_ = d
		f, _ := os.Create("/tmp/w/" + name + ".docx")
		var err error
		switch name {
		case "sample":
			err = Write(f, documenttest.SamplePlan())
		case "rich":
			err = Write(f, documenttest.Rich())
		case "congvan":
			err = Write(f, documenttest.CongVan())
		case "report":
			err = Write(f, documenttest.Report())
		}
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
}
