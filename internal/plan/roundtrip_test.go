package plan

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"loa/internal/document/convert"
)

// TestTheSamplePlanRoundTripsThroughTextAndWord imports the sample, prints it as the
// office signs it (text and Word), imports that again and finds the same plan.
func TestTheSamplePlanRoundTripsThroughTextAndWord(t *testing.T) {
	all, home := demoAgencies()
	m := NewMatcher(all, home)
	first, _ := samplePlan(t, m)
	for _, format := range []string{".txt", ".docx"} {
		var buf bytes.Buffer
		if err := convert.Write(&buf, "plan"+format, ToDocument(first)); err != nil {
			t.Fatal(err)
		}
		d, err := convert.Read("plan"+format, buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		second, rep := FromDocument(d, m)
		if !reflect.DeepEqual(first, second) {
			a, _ := json.MarshalIndent(first, "", " ")
			b, _ := json.MarshalIndent(second, "", " ")
			t.Errorf("plan changed on the way through %s:\n%s", format, firstDiff(string(a), string(b)))
		}
		if len(rep.Unrecognised) > 0 {
			t.Errorf("%s: unrecognised %q", format, rep.Unrecognised)
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + al[i] + "\n  vs " + bl[i]
		}
	}
	return "lengths differ"
}
