package indicator_test

import (
	"testing"

	"loa/internal/indicator"
)

func TestARankTargetAgainstAnUnrankedValueTellsNothing(t *testing.T) {
	ind := &indicator.Indicator{Unit: indicator.UnitPercent, Max: 100, HigherIsBetter: true}
	value := 88.0
	p := indicator.Point{Year: 2024, Value: &indicator.Value{Year: 2024, Value: 90}, Target: &indicator.Target{Year: 2024, Value: &value, Rank: 10}}
	if o := p.Outcome(ind); o != indicator.OutcomeNone {
		t.Fatalf("a rank target against no rank: %q", o)
	}
	p.Value.Rank, p.Value.RankedOf = 11, 63
	if o := p.Outcome(ind); o != indicator.OutcomeMissed {
		t.Fatalf("value reached, rank missed: %q", o)
	}
	p.Value.Rank = 10
	if o := p.Outcome(ind); o != indicator.OutcomeMet {
		t.Fatalf("both reached: %q", o)
	}
	p.Target = nil
	if o := p.Outcome(ind); o != indicator.OutcomeNone {
		t.Fatalf("no target: %q", o)
	}
}
