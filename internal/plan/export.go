package plan

import (
	"encoding/json"
	"fmt"
	"io"

	"loa/internal/document/docx"
	"loa/internal/document/pdf"
)

// Formats are the export formats of a plan.
var Formats = []string{"docx", "pdf", "json"}

// Export writes p as a Word file, a PDF — both through the documents engine, in the
// Decree 30 layout — or as the JSON of the structured plan.
func Export(w io.Writer, p *Plan, format string) error {
	switch format {
	case "docx":
		return docx.Write(w, ToDocument(p))
	case "pdf":
		return pdf.Write(w, ToDocument(p))
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(p)
	}
	return fmt.Errorf("định dạng %q không hỗ trợ: dùng docx, pdf hoặc json", format)
}

// FileName is the name a download of p gets: "KH-SKHCN-2024-du-thao.docx".
func FileName(p *Plan, format string) string {
	name := p.Symbol
	if name == "" {
		name = "KH"
	}
	if p.Number != "" {
		name = p.Number + "-" + name
	}
	name = fmt.Sprintf("%s-%d", name, p.Year)
	if p.Number == "" {
		name += "-du-thao"
	}
	if p.Version > 1 {
		name += fmt.Sprintf("-ban-%d", p.Version)
	}
	return sanitize(name) + "." + format
}

func sanitize(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			out = append(out, r)
		case r == 'Đ':
			out = append(out, 'D')
		case r == 'đ':
			out = append(out, 'd')
		default:
			out = append(out, '-')
		}
	}
	return string(out)
}
