package plan

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"loa/internal/document/text"
)

// comparable strips what a round trip may legitimately renumber.
func comparable(p *Plan) *Plan {
	c := *p
	return &c
}

func TestTheSamplePlanRoundTripsThroughText(t *testing.T) {
	all, home := demoAgencies()
	m := NewMatcher(all, home)
	first, _ := samplePlan(t, m)
	var buf bytes.Buffer
	if err := text.Write(&buf, ToDocument(first)); err != nil {
		t.Fatal(err)
	}
	d, err := text.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	second, _ := FromDocument(d, m)
	if !reflect.DeepEqual(comparable(first), comparable(second)) {
		a, _ := json.MarshalIndent(first, "", " ")
		b, _ := json.MarshalIndent(second, "", " ")
		t.Fatalf("plan changed on the way through text:\n%s", firstDiff(string(a), string(b)))
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
