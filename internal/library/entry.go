package library

import (
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"loa/internal/valid"
	"loa/internal/vn"
)

// Scope is how far a document reaches, which decides where the portal files it.
type Scope string

const (
	ScopeCentral Scope = "central" // Quốc hội, Chính phủ, Thủ tướng, the ministries
	ScopeCity    Scope = "city"    // the city's People's Committee, Council and Party Committee
	ScopeSector  Scope = "sector"  // the sector's own documents (a department for its field)
	ScopeOwn     Scope = "own"     // the agency's own documents
)

// Scopes lists every scope, widest first, in the order forms offer them.
var Scopes = []Scope{ScopeCentral, ScopeCity, ScopeSector, ScopeOwn}

// Valid tells whether s is a known scope.
func (s Scope) Valid() bool {
	for _, x := range Scopes {
		if x == s {
			return true
		}
	}
	return false
}

// Label is the catalogue key of s's name.
func (s Scope) Label() string { return "library.scope." + string(s) }

// OfficialLetter is the type name of a công văn, which has no type abbreviation.
const OfficialLetter = "Công văn"

// Entry is a document of the library.
type Entry struct {
	ID            string    `json:"id"`
	Number        string    `json:"number"`    // "246"
	Symbol        string    `json:"symbol"`    // what follows the number: "KH-UBND", "2020/QĐ-TTg", "CTr/TU"
	TypeCode      string    `json:"type_code"` // "KH"; empty for a công văn or an unknown type
	TypeName      string    `json:"type_name"` // "Kế hoạch"
	Issuer        string    `json:"issuer"`    // "Ủy ban nhân dân thành phố"
	IssuedOn      vn.Date   `json:"issued_on"`
	Summary       string    `json:"summary"` // trích yếu
	Scope         Scope     `json:"scope"`
	URL           string    `json:"url,omitempty"`
	OwnerAgencyID string    `json:"owner_agency_id"` // the agency that added it and may correct it
	RowVersion    int       `json:"row_version"`
	CreatedAt     time.Time `json:"-"`
	UpdatedAt     time.Time `json:"-"`
}

// NumberSymbol writes the number and symbol as the document prints them:
// "246/KH-UBND", or "26-CTr/TU" for a Party document.
func (e Entry) NumberSymbol() string { return JoinSymbol(e.Number, e.Symbol) }

// Heading names the document in one line: "Kế hoạch số 246/KH-UBND", or its
// summary when it has no number.
func (e Entry) Heading() string {
	ns := e.NumberSymbol()
	switch {
	case ns == "":
		return e.Summary
	case e.TypeName == "":
		return ns
	}
	return e.TypeName + " số " + ns
}

// JoinSymbol puts a number and the symbol that follows it back together. Party
// documents join them with a hyphen ("26-CTr/TU"), state documents with a slash.
func JoinSymbol(number, symbol string) string {
	if number == "" {
		return symbol
	}
	if s, ok := ParseSymbol(number + "-" + symbol); ok && s.Party {
		return s.Text()
	}
	return number + "/" + symbol
}

// Input is what a form gives to add or correct an entry.
type Input struct {
	NumberSymbol string // "246/KH-UBND" as documents write it; empty for a document without one
	TypeCode     string // a key of Types; empty takes the symbol's
	Issuer       string
	IssuedOn     string // dd/mm/yyyy as typed
	Summary      string
	Scope        Scope
	URL          string
	// OwnerAgencyID is the agency that adds the entry. Only Create reads it: an entry
	// stays with the agency that added it.
	OwnerAgencyID string
}

// firstDocYear is the earliest year a library document can carry: the founding of
// the state. Anything earlier is a typing slip ("14/12/0023").
const firstDocYear = 1945

// entry checks what can be checked without the database and builds the entry.
func (in Input) entry() (Entry, valid.Errors) {
	errs := valid.Errors{}
	e := Entry{
		TypeCode: strings.TrimSpace(in.TypeCode),
		Issuer:   vn.Clean(in.Issuer),
		Summary:  vn.Clean(in.Summary),
		Scope:    in.Scope,
		URL:      strings.TrimSpace(in.URL),
	}
	if e.TypeCode != "" {
		if _, ok := Types[e.TypeCode]; !ok {
			errs.Add("type_code", "library.type_unknown")
		}
	}
	ns := strings.ReplaceAll(vn.Clean(in.NumberSymbol), " ", "")
	errs.MaxLen("number_symbol", ns, 60)
	var sym Symbol
	if ns != "" {
		var ok bool
		sym, ok = ParseSymbol(ns)
		switch {
		case !ok:
			errs.Add("number_symbol", "library.symbol_format")
		case sym.TypeCode != "" && e.TypeCode != "" && sym.TypeCode != e.TypeCode:
			errs.Add("type_code", "library.type_mismatch", sym.Text(), sym.TypeName(), Types[e.TypeCode])
		default:
			e.Number, e.Symbol = sym.Number, sym.Suffix()
			if e.TypeCode == "" {
				e.TypeCode = sym.TypeCode
			}
		}
	}
	e.TypeName = Types[e.TypeCode]
	if e.TypeName == "" && e.Number != "" && officialLetter(sym) {
		e.TypeName = OfficialLetter
	}
	errs.MaxLen("issuer", e.Issuer, 255)
	if d, err := vn.ParseUserDate(strings.TrimSpace(in.IssuedOn)); err != nil {
		errs.Add("issued_on", "valid.date")
	} else if !d.IsZero() && (d.Year < firstDocYear || d.After(vn.Today())) {
		errs.Add("issued_on", "library.date_range", firstDocYear)
	} else {
		e.IssuedOn = d
	}
	errs.Required("summary", e.Summary)
	errs.MaxLen("summary", e.Summary, 2000)
	if !e.Scope.Valid() {
		errs.Add("scope", "library.scope_required")
	}
	if e.URL != "" && !webAddress(e.URL) {
		errs.Add("url", "library.url_format")
	}
	errs.MaxLen("url", e.URL, 2000)
	return e, errs
}

// webAddress tells whether s is an absolute http or https address: a link that a
// reader's browser can open, never a javascript: or file: one.
func webAddress(s string) bool {
	if strings.ContainsAny(s, " \t\n") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	return scheme == "http" || scheme == "https"
}

// searchText is what the list's text search matches: the folded number and symbol,
// type, issuer and summary.
func (e Entry) searchText() string {
	return vn.Fold(strings.Join([]string{e.NumberSymbol(), e.TypeCode, e.TypeName, e.Issuer, e.Summary}, " "))
}

// FromCitation builds an unsaved entry from a citation as plans write it ("Kế hoạch
// số 246/KH-UBND ngày 14 tháng 12 năm 2023 của Ủy ban nhân dân thành phố về …"), or
// from a bare number and symbol, with a guess at its scope. It reports false when
// text names no document.
func FromCitation(text string) (Entry, bool) {
	var c Citation
	if found := FindCitations(text); len(found) > 0 {
		c = found[0]
	} else if sym, ok := ParseSymbol(vn.Clean(text)); ok {
		c = Citation{Symbol: sym, TypeName: sym.TypeName()}
	} else {
		return Entry{}, false
	}
	e := Entry{
		Number:   c.Symbol.Number,
		Symbol:   c.Symbol.Suffix(),
		TypeCode: c.Symbol.TypeCode,
		TypeName: c.TypeName,
		IssuedOn: c.Date,
		Issuer:   c.Issuer,
		Summary:  capitalise(c.Subject),
	}
	if e.TypeName == "" && officialLetter(c.Symbol) {
		e.TypeName = OfficialLetter
	}
	if e.Issuer == "" {
		e.Issuer = Issuers[c.Symbol.Issuer]
	}
	e.Scope = GuessScope(c.Symbol.Issuer, e.Issuer)
	return e, true
}

// officialLetter tells whether sym is a công văn's: no type abbreviation, and no year,
// which only legal documents ("22/2008/QH12") write in their symbol.
func officialLetter(sym Symbol) bool { return sym.TypeCode == "" && sym.Year == 0 && !sym.Party }

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// ministries are the abbreviations ministries sign with, for the scope guess.
var ministries = map[string]bool{
	"BNV": true, "BTC": true, "BTP": true, "BCA": true, "BQP": true, "BNG": true, "BYT": true, "BXD": true,
	"BCT": true, "BKHĐT": true, "BKHCN": true, "BTTTT": true, "BGDĐT": true, "BVHTTDL": true, "BLĐTBXH": true,
	"BNNPTNT": true, "BTNMT": true, "BGTVT": true, "BDTTG": true, "BNNMT": true,
}

// central and city issuers by abbreviation; names are matched folded.
var (
	centralAbbrs = map[string]bool{"CP": true, "TTg": true, "QH": true, "UBTVQH": true, "TW": true, "VPCP": true}
	cityAbbrs    = map[string]bool{"UBND": true, "TU": true, "HĐND": true}
	centralNames = []string{"chinh phu", "thu tuong", "quoc hoi", "uy ban thuong vu quoc hoi", "bo ", "ban chap hanh trung uong",
		"bo chinh tri", "ban bi thu", "van phong chinh phu"}
	cityNames = []string{"uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd", "thanh uy", "tinh uy"}
)

// GuessScope guesses a document's scope from its issuer: the Government, the Prime
// Minister and the ministries are central; the People's Committee, the Council and
// the Party Committee are the city's; anything else is taken as the agency's own.
// The form shows the guess for a person to confirm.
func GuessScope(issuerAbbr, issuerName string) Scope {
	parts := strings.Split(issuerAbbr, "-")
	for i, p := range parts {
		// Laws carry the legislature's number: "QH14".
		parts[i] = strings.TrimRightFunc(p, unicode.IsDigit)
	}
	for _, p := range parts {
		if centralAbbrs[p] || ministries[p] {
			return ScopeCentral
		}
	}
	name := vn.Fold(issuerName)
	for _, n := range centralNames {
		if strings.HasPrefix(name, n) {
			return ScopeCentral
		}
	}
	for _, p := range parts {
		if cityAbbrs[p] {
			return ScopeCity
		}
	}
	for _, n := range cityNames {
		if strings.HasPrefix(name, n) {
			return ScopeCity
		}
	}
	return ScopeOwn
}
