package recognisetest

import (
	"encoding/json"
	"fmt"
	"strings"

	"loa/internal/document"
)

// Diff compares two documents through their JSON form and describes the first
// difference, or returns "" when they are equal.
func Diff(want, got *document.Document) string {
	w, g := dump(want), dump(got)
	if w == g {
		return ""
	}
	wl, gl := strings.Split(w, "\n"), strings.Split(g, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var a, b string
		if i < len(wl) {
			a = wl[i]
		}
		if i < len(gl) {
			b = gl[i]
		}
		if a != b {
			from := max(0, i-6)
			return fmt.Sprintf("documents differ at JSON line %d:\n want: %s\n  got: %s\ncontext (got):\n%s", i+1, a, b, strings.Join(gl[from:min(len(gl), i+3)], "\n"))
		}
	}
	return "documents differ"
}

func dump(d *document.Document) string {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err.Error()
	}
	return string(b)
}
