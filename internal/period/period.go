// Package period holds the reporting periods of CCHC reports (Decree 09/2019/NĐ-CP and
// the Ministry of Home Affairs' guidance). Cut-offs run from the 15th to the 14th: the
// first quarter from 15/12 of the previous year to 14/3, six months from 15/12 to 14/6,
// the third quarter from 15/6 to 14/9, nine months from 15/12 to 14/9, the year from
// 15/12 to 14/12, and a month from the 15th of the month before to the 14th. A period
// is named by the year (and month) of its cut-off, so 10/01/2024 lies in the monthly
// period "2024-M01", 15/12/2023–14/01/2024.
package period

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"loa/internal/i18n"
	"loa/internal/vn"
)

// Kind is the sort of period a report covers.
type Kind string

const (
	Q1    Kind = "Q1" // Quý I: 15/12 of the previous year → 14/3
	H1    Kind = "H1" // 6 tháng đầu năm: 15/12 → 14/6
	Q3    Kind = "Q3" // Quý III: 15/6 → 14/9
	NineM Kind = "9M" // 9 tháng: 15/12 → 14/9
	Year  Kind = "Y"  // Năm: 15/12 → 14/12
	Month Kind = "M"  // Tháng: the 15th of the month before → the 14th
)

// Kinds lists every kind, in the order forms offer them.
var Kinds = []Kind{Q1, H1, Q3, NineM, Year, Month}

// Reports are the kinds of the periodic reports sent up to the People's Committee; a
// monthly period is for agencies that also report monthly.
var Reports = []Kind{Q1, H1, Q3, NineM, Year}

// Valid tells whether k is a known kind.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Label is the catalogue key of the kind's name.
func (k Kind) Label() string { return "period.kind." + strings.ToLower(string(k)) }

// Period is one reporting period: its kind, the year (and month) of its cut-off, and
// the days it covers, both included.
type Period struct {
	Kind  Kind
	Year  int
	Month int // 1–12 for a monthly period, 0 for the others
	From  vn.Date
	To    vn.Date // the cut-off day
}

// Of builds the period of kind for the cut-off year, and month for a monthly period.
func Of(kind Kind, year, month int) (Period, error) {
	if !kind.Valid() {
		return Period{}, fmt.Errorf("period: unknown kind %q", kind)
	}
	if year < 1000 || year > 9999 {
		return Period{}, fmt.Errorf("period: year %d out of range", year)
	}
	if kind == Month {
		if month < 1 || month > 12 {
			return Period{}, fmt.Errorf("period: month %d out of range", month)
		}
	} else if month != 0 {
		return Period{}, fmt.Errorf("period: a %s period has no month", kind)
	}
	return build(kind, year, month), nil
}

// build makes a period from parts already checked.
func build(kind Kind, year, month int) Period {
	p := Period{Kind: kind, Year: year, Month: month}
	startOfYear := vn.Date{Year: year - 1, Month: time.December, Day: 15}
	switch kind {
	case Q1:
		p.From, p.To = startOfYear, vn.Date{Year: year, Month: time.March, Day: 14}
	case H1:
		p.From, p.To = startOfYear, vn.Date{Year: year, Month: time.June, Day: 14}
	case Q3:
		p.From, p.To = vn.Date{Year: year, Month: time.June, Day: 15}, vn.Date{Year: year, Month: time.September, Day: 14}
	case NineM:
		p.From, p.To = startOfYear, vn.Date{Year: year, Month: time.September, Day: 14}
	case Year:
		p.From, p.To = startOfYear, vn.Date{Year: year, Month: time.December, Day: 14}
	case Month:
		// NewDate normalises month 0 to December of the year before.
		p.From, p.To = vn.NewDate(year, time.Month(month-1), 15), vn.Date{Year: year, Month: time.Month(month), Day: 14}
	}
	return p
}

// Parse reads a period as String writes it: "2024-Q1", "2024-H1", "2024-Q3",
// "2024-9M", "2024-Y" or "2024-M03".
func Parse(s string) (Period, error) {
	y, rest, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok || len(y) != 4 {
		return Period{}, fmt.Errorf("period: %q is not like 2024-Q1", s)
	}
	year, err := strconv.Atoi(y)
	if err != nil {
		return Period{}, fmt.Errorf("period: %q is not like 2024-Q1", s)
	}
	if m, isMonth := strings.CutPrefix(rest, "M"); isMonth {
		month, err := strconv.Atoi(m)
		if err != nil || len(m) != 2 {
			return Period{}, fmt.Errorf("period: %q: a month is written M01 to M12", s)
		}
		return Of(Month, year, month)
	}
	return Of(Kind(rest), year, 0)
}

// String is the period as Parse reads it.
func (p Period) String() string {
	if p.Kind == Month {
		return fmt.Sprintf("%04d-M%02d", p.Year, p.Month)
	}
	return fmt.Sprintf("%04d-%s", p.Year, p.Kind)
}

// Cumulative tells whether the period runs from the start of the reporting year (6
// months, 9 months, the year): such reports sum everything since 15/12.
func (p Period) Cumulative() bool { return p.Kind == H1 || p.Kind == NineM || p.Kind == Year }

// Cutoff is the last day of the period, the day its figures are taken.
func (p Period) Cutoff() vn.Date { return p.To }

// Contains tells whether day d lies in the period.
func (p Period) Contains(d vn.Date) bool { return !d.Before(p.From) && !d.After(p.To) }

// Label is the period's name in the reader's language: "Quý I năm 2024",
// "6 tháng đầu năm 2024", "Tháng 3 năm 2024".
func (p Period) Label() i18n.Msg {
	if p.Kind == Month {
		return i18n.M("period.label.m", p.Month, p.Year)
	}
	return i18n.M("period.label."+strings.ToLower(string(p.Kind)), p.Year)
}

// Span is the days covered as documents print them: "15/12/2023 – 14/03/2024".
func (p Period) Span() string { return p.From.Short() + " – " + p.To.Short() }

// candidates are the periods of kind whose cut-off falls in year or the year after,
// in order of cut-off: between them they hold every day of year and the next cut-off
// after any of its days.
func candidates(kind Kind, year int) []Period {
	var out []Period
	for y := year; y <= year+1; y++ {
		if kind == Month {
			for m := 1; m <= 12; m++ {
				out = append(out, build(kind, y, m))
			}
		} else {
			out = append(out, build(kind, y, 0))
		}
	}
	return out
}

// Containing is the period of kind that holds day d. Quarters do not cover the year
// (Q1 and Q3 only), so a day outside them has none: ok is false.
func Containing(d vn.Date, kind Kind) (p Period, ok bool) {
	if !kind.Valid() || d.IsZero() {
		return Period{}, false
	}
	for _, c := range candidates(kind, d.Year) {
		if c.Contains(d) {
			return c, true
		}
	}
	return Period{}, false
}

// NextCutoffs lists, for each of kinds (every kind when none is given), the first
// period whose cut-off is on or after day d — the cut-off day itself still counts as
// coming. They are ordered by cut-off, then shortest first, so periods that close on
// the same day (Q3 and 9 months, on 14/9) come out with the narrower one first.
func NextCutoffs(d vn.Date, kinds ...Kind) []Period {
	if len(kinds) == 0 {
		kinds = Kinds
	}
	var out []Period
	for _, k := range kinds {
		if !k.Valid() {
			continue
		}
		for _, c := range candidates(k, d.Year) {
			if !c.To.Before(d) {
				out = append(out, c)
				break
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Period) int {
		if c := a.To.Compare(b.To); c != 0 {
			return c
		}
		return -a.From.Compare(b.From)
	})
	return out
}
