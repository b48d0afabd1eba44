// Package library is the documents library: the legal and administrative documents
// that plans cite and the portal publishes — with number and symbol, type, issuer,
// date, summary and scope — and the parsers that read a symbol ("246/KH-UBND") or a
// whole citation ("Kế hoạch số 246/KH-UBND ngày 14 tháng 12 năm 2023 của Ủy ban nhân
// dân thành phố …") into those parts.
package library

import (
	"regexp"
	"strconv"
	"strings"
)

// Symbol is a document's number and symbol taken apart.
type Symbol struct {
	Number   string // "246", "26"
	Year     int    // the year written inside the symbol of legal documents ("20/2020/QĐ-TTg"), else 0
	TypeCode string // "KH", "NQ", "CTr"; empty for a công văn
	Issuer   string // issuer abbreviation: "UBND", "CP", "TTg", "TU"
	Unit     string // drafting unit of a công văn: "VP" in "05/SKHCN-VP"
	Party    bool   // a Party document, written number-type/issuer ("26-CTr/TU")
}

// Types are the abbreviations of document types (Decree 30, Annex III; Party
// documents by the Central Office's guidance) with the names used in citations.
var Types = map[string]string{
	"NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế", "QyĐ": "Quy định",
	"TB": "Thông báo", "HD": "Hướng dẫn", "CTr": "Chương trình", "KH": "Kế hoạch", "PA": "Phương án",
	"ĐA": "Đề án", "DA": "Dự án", "BC": "Báo cáo", "BB": "Biên bản", "TTr": "Tờ trình", "HĐ": "Hợp đồng",
	"CĐ": "Công điện", "BGN": "Bản ghi nhớ", "BTT": "Bản thỏa thuận", "GUQ": "Giấy ủy quyền", "GM": "Giấy mời",
	"GGT": "Giấy giới thiệu", "GNP": "Giấy nghỉ phép", "PG": "Phiếu gửi", "PC": "Phiếu chuyển", "PB": "Phiếu báo",
	"NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch", "KL": "Kết luận", "L": "Luật",
	"PL": "Pháp lệnh", "NQLT": "Nghị quyết liên tịch",
}

// Issuers are common issuer abbreviations and the names citations give them.
var Issuers = map[string]string{
	"CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ", "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân",
	"TU": "Thành ủy", "TW": "Ban Chấp hành Trung ương", "BNV": "Bộ Nội vụ", "BTTTT": "Bộ Thông tin và Truyền thông",
	"BKHCN": "Bộ Khoa học và Công nghệ", "VPCP": "Văn phòng Chính phủ", "QH": "Quốc hội", "UBTVQH": "Ủy ban Thường vụ Quốc hội",
}

// typeCodes sorted longest first so "TTLT" wins over "TT", "CTr" over "CT".
var typeCodes = func() []string {
	var codes []string
	for c := range Types {
		codes = append(codes, c)
	}
	for i := range codes {
		for j := i + 1; j < len(codes); j++ {
			if len(codes[j]) > len(codes[i]) || (len(codes[j]) == len(codes[i]) && codes[j] < codes[i]) {
				codes[i], codes[j] = codes[j], codes[i]
			}
		}
	}
	return codes
}()

var (
	// 246/KH-UBND, 20/2020/QĐ-TTg, 05/SKHCN-VP, 4168/QĐ-UBND
	stateSymbol = regexp.MustCompile(`^(\d+[a-zA-Z]?)/(?:(\d{4})/)?([\p{L}0-9&.]+(?:-[\p{L}0-9&.]+)*)$`)
	// 26-CTr/TU, 35-NQ/TW
	partySymbol = regexp.MustCompile(`^(\d+)-([\p{L}]+)/([\p{L}0-9&.]+(?:-[\p{L}0-9&.]+)*)$`)
)

// ParseSymbol reads a number and symbol as documents write it. It reports false when
// s is not one.
func ParseSymbol(s string) (Symbol, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, " ", ""))
	if m := partySymbol.FindStringSubmatch(s); m != nil {
		if _, ok := Types[m[2]]; !ok {
			return Symbol{}, false
		}
		return Symbol{Number: m[1], TypeCode: m[2], Issuer: m[3], Party: true}, true
	}
	m := stateSymbol.FindStringSubmatch(s)
	if m == nil {
		return Symbol{}, false
	}
	sym := Symbol{Number: m[1]}
	if m[2] != "" {
		sym.Year, _ = strconv.Atoi(m[2])
	}
	rest := m[3]
	for _, code := range typeCodes {
		if strings.HasPrefix(rest, code+"-") {
			sym.TypeCode, sym.Issuer = code, rest[len(code)+1:]
			return sym, true
		}
	}
	// No type: a công văn, ISSUER-UNIT.
	if i := strings.LastIndexByte(rest, '-'); i > 0 {
		sym.Issuer, sym.Unit = rest[:i], rest[i+1:]
	} else {
		sym.Issuer = rest
	}
	return sym, true
}

// Text writes the symbol back as documents print it.
func (s Symbol) Text() string {
	if s.Party {
		return s.Number + "-" + s.TypeCode + "/" + s.Issuer
	}
	out := s.Number + "/"
	if s.Year > 0 {
		out += strconv.Itoa(s.Year) + "/"
	}
	if s.TypeCode != "" {
		return out + s.TypeCode + "-" + s.Issuer
	}
	if s.Unit != "" {
		return out + s.Issuer + "-" + s.Unit
	}
	return out + s.Issuer
}

// Suffix is what follows the number: "KH-UBND", "2020/QĐ-TTg", "CTr/TU".
func (s Symbol) Suffix() string {
	t := s.Text()
	if s.Party {
		return strings.TrimPrefix(t, s.Number+"-")
	}
	return strings.TrimPrefix(t, s.Number+"/")
}

// TypeName is the document type in words, or "" for a công văn.
func (s Symbol) TypeName() string { return Types[s.TypeCode] }
