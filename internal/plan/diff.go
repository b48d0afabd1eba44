package plan

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/pmezard/go-difflib/difflib"

	"loa/internal/document/text"
	"loa/internal/i18n"
	"loa/internal/web"
)

// DiffLine is a line of the comparison of two versions.
type DiffLine struct {
	Kind string // "same", "added", "removed", "gap"
	Text string
}

// Diff compares two plans as they print, paragraph by paragraph, keeping three lines
// of context around each change.
func Diff(old, new *Plan) ([]DiffLine, error) {
	a, err := printed(old)
	if err != nil {
		return nil, err
	}
	b, err := printed(new)
	if err != nil {
		return nil, err
	}
	m := difflib.NewMatcher(a, b)
	var out []DiffLine
	for i, group := range m.GetGroupedOpCodes(3) {
		if i > 0 {
			out = append(out, DiffLine{Kind: "gap", Text: "…"})
		}
		for _, op := range group {
			switch op.Tag {
			case 'e':
				for _, l := range a[op.I1:op.I2] {
					out = append(out, DiffLine{"same", l})
				}
			case 'd':
				for _, l := range a[op.I1:op.I2] {
					out = append(out, DiffLine{"removed", l})
				}
			case 'i':
				for _, l := range b[op.J1:op.J2] {
					out = append(out, DiffLine{"added", l})
				}
			case 'r':
				for _, l := range a[op.I1:op.I2] {
					out = append(out, DiffLine{"removed", l})
				}
				for _, l := range b[op.J1:op.J2] {
					out = append(out, DiffLine{"added", l})
				}
			}
		}
	}
	return out, nil
}

func printed(p *Plan) ([]string, error) {
	var buf bytes.Buffer
	if err := text.Write(&buf, ToDocument(p)); err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(buf.String(), "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out, nil
}

type diffPage struct {
	Old, New *Plan
	Lines    []DiffLine
}

// DiffPage shows what changed between a version and another (?against=ID, by default
// the version before it).
func (h *HTTP) DiffPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, ok := h.load(w, r)
	if !ok {
		return
	}
	otherID := r.URL.Query().Get("against")
	if otherID == "" {
		versions, err := h.Store.Versions(ctx, p.SeriesID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for _, v := range versions {
			if v.Version == p.Version-1 {
				otherID = v.ID
			}
		}
	}
	old, err := h.Store.Get(ctx, otherID)
	if err != nil || old.SeriesID != p.SeriesID {
		h.Render.Error(w, r, http.StatusNotFound)
		return
	}
	lines, err := Diff(old, p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pg := h.Render.NewPage(w, r, i18n.T(web.LangFrom(r), "plan.diff_title"), diffPage{Old: old, New: p, Lines: lines})
	h.Render.Render(w, r, http.StatusOK, "plan/diff", pg)
}
