package vn

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDateScansFromBothEnginesForms(t *testing.T) {
	want := Date{2025, time.March, 1}
	for _, src := range []any{"2025-03-01", []byte("2025-03-01"), "2025-03-01 00:00:00+00:00", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)} {
		var d Date
		if err := d.Scan(src); err != nil || d != want {
			t.Errorf("Scan(%v) = %v, %v", src, d, err)
		}
	}
	var d Date
	if err := d.Scan(nil); err != nil || !d.IsZero() {
		t.Errorf("NULL should scan to zero, got %v", d)
	}
}

func TestZeroDateIsStoredAsNull(t *testing.T) {
	if v, _ := (Date{}).Value(); v != nil {
		t.Fatalf("zero date value %v", v)
	}
	if v, _ := (Date{2024, 1, 5}).Value(); v != "2024-01-05" {
		t.Fatalf("value %v", v)
	}
}

func TestAddYearsKeepsTheEndOfFebruary(t *testing.T) {
	if got := (Date{2024, time.February, 29}).AddYears(1); got != (Date{2025, time.February, 28}) {
		t.Fatalf("got %v", got)
	}
	if got := (Date{2023, time.December, 15}).AddYears(1); got != (Date{2024, time.December, 15}) {
		t.Fatalf("got %v", got)
	}
}

func TestDateJSONIsISOOrNull(t *testing.T) {
	b, _ := json.Marshal(struct {
		A Date `json:"a"`
		B Date `json:"b"`
	}{A: Date{2024, 1, 5}})
	if string(b) != `{"a":"2024-01-05","b":null}` {
		t.Fatalf("got %s", b)
	}
	var d Date
	if err := json.Unmarshal([]byte(`"2023-12-14"`), &d); err != nil || d != (Date{2023, 12, 14}) {
		t.Fatalf("got %v %v", d, err)
	}
}

func TestDateFormsAsDocumentsWriteThem(t *testing.T) {
	d := Date{2024, time.January, 5}
	if d.Short() != "05/01/2024" || d.Doc() != "ngày 05 tháng 01 năm 2024" || d.String() != "2024-01-05" {
		t.Fatalf("%q %q %q", d.Short(), d.Doc(), d.String())
	}
}
