package indicator

import "sort"

// Point is one year of a series: the value recorded for it, the target set for it,
// or both.
type Point struct {
	Year   int
	Value  *Value
	Target *Target
}

// Outcome says how a year's value stands against the year's target.
type Outcome string

const (
	OutcomeNone   Outcome = ""       // no target, no value, or nothing the two share to compare
	OutcomeMet    Outcome = "met"    // reached
	OutcomeMissed Outcome = "missed" // fell short
)

// Label is the catalogue key of o's name.
func (o Outcome) Label() string { return "indicator.outcome." + string(o) }

// Outcome compares p's value with p's target on ind. A value target is reached when
// the value is not worse than it (at least it when higher is better, at most it
// otherwise); a rank target when the rank is at or above it. A target of both needs
// both. A rank target against an unranked value tells nothing.
func (p Point) Outcome(ind *Indicator) Outcome {
	if p.Value == nil || p.Target == nil {
		return OutcomeNone
	}
	met := true
	if p.Target.Value != nil && ind.Better(*p.Target.Value, p.Value.Value) {
		met = false
	}
	if p.Target.Rank > 0 {
		if p.Value.Rank == 0 {
			return OutcomeNone
		}
		if p.Value.Rank > p.Target.Rank {
			met = false
		}
	}
	if met {
		return OutcomeMet
	}
	return OutcomeMissed
}

// Series is an indicator's values and targets for one measured agency, by year.
type Series struct {
	Indicator *Indicator
	AgencyID  string
	Points    []Point // oldest year first
}

// newSeries merges values and targets into points, one per year, oldest first.
func newSeries(ind *Indicator, agencyID string, values []*Value, targets []*Target) *Series {
	byYear := map[int]*Point{}
	at := func(y int) *Point {
		p, ok := byYear[y]
		if !ok {
			p = &Point{Year: y}
			byYear[y] = p
		}
		return p
	}
	for _, v := range values {
		at(v.Year).Value = v
	}
	for _, t := range targets {
		at(t.Year).Target = t
	}
	s := &Series{Indicator: ind, AgencyID: agencyID, Points: make([]Point, 0, len(byYear))}
	for _, p := range byYear {
		s.Points = append(s.Points, *p)
	}
	sort.Slice(s.Points, func(i, j int) bool { return s.Points[i].Year < s.Points[j].Year })
	return s
}

// Latest is the most recent point with a value, or nil.
func (s *Series) Latest() *Point {
	for i := len(s.Points) - 1; i >= 0; i-- {
		if s.Points[i].Value != nil {
			return &s.Points[i]
		}
	}
	return nil
}

// At is the point of year, or nil.
func (s *Series) At(year int) *Point {
	for i := range s.Points {
		if s.Points[i].Year == year {
			return &s.Points[i]
		}
	}
	return nil
}

// NextTarget is the first target after the latest value's year — what the agency
// aims for next — or, with no value yet, the first target of all.
func (s *Series) NextTarget() *Target {
	after := 0
	if l := s.Latest(); l != nil {
		after = l.Year
	}
	for _, p := range s.Points {
		if p.Year > after && p.Target != nil {
			return p.Target
		}
	}
	return nil
}

// Trend says whether a change is for the better on the indicator.
type Trend string

const (
	TrendBetter Trend = "better"
	TrendWorse  Trend = "worse"
	TrendSame   Trend = "same"
)

// Change is how the latest value moved from the year before.
type Change struct {
	From, To int     // the two years
	Delta    float64 // To's value minus From's
	Trend    Trend   // the value's move, read with the indicator's direction
	// RankFrom and RankTo are the two ranks, both 0 when either year was unranked.
	RankFrom, RankTo int
}

// Places is how many places the rank climbed (negative: fell).
func (c Change) Places() int { return c.RankFrom - c.RankTo }

// Ranked tells whether both years carry a rank.
func (c Change) Ranked() bool { return c.RankFrom > 0 && c.RankTo > 0 }

// Change compares the latest value with the value of the year just before it; nil
// when either is missing, since a gap of years is not "last year".
func (s *Series) Change() *Change {
	last := s.Latest()
	if last == nil {
		return nil
	}
	prev := s.At(last.Year - 1)
	if prev == nil || prev.Value == nil {
		return nil
	}
	a, b := prev.Value, last.Value
	c := &Change{From: prev.Year, To: last.Year, Delta: b.Value - a.Value, Trend: TrendSame}
	switch {
	case s.Indicator.Better(b.Value, a.Value):
		c.Trend = TrendBetter
	case s.Indicator.Better(a.Value, b.Value):
		c.Trend = TrendWorse
	}
	if a.Rank > 0 && b.Rank > 0 {
		c.RankFrom, c.RankTo = a.Rank, b.Rank
	}
	return c
}
