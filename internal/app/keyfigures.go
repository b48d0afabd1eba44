package app

import (
	"context"

	"loa/internal/indicator"
	"loa/internal/portal"
)

// keyFigures gives the public home the latest published value of each index the
// installation tracks for its top agency (PAR Index, SIPAS, PAPI, PCI).
func (a *App) keyFigures(ctx context.Context) ([]portal.KeyFigure, error) {
	roots, err := a.Agencies.Roots(ctx)
	if err != nil || len(roots) == 0 {
		return nil, err
	}
	inds, err := a.indicatorHTTP.Store.List(ctx)
	if err != nil {
		return nil, err
	}
	var out []portal.KeyFigure
	for _, ind := range inds {
		if !ind.Shared() {
			continue
		}
		s, err := a.indicatorHTTP.Store.Series(ctx, ind, roots[0])
		if err != nil {
			return nil, err
		}
		latest := publishedLatest(s)
		if latest == nil {
			continue
		}
		value := indicator.FormatNumber(latest.Value) + "%"
		if ind.Unit != indicator.UnitPercent {
			value = indicator.FormatNumber(latest.Value) + "/" + indicator.FormatNumber(ind.Max)
		}
		out = append(out, portal.KeyFigure{Label: ind.ShortName, Name: ind.Name, Year: latest.Year, Value: value,
			Rank: latest.Rank, Of: latest.RankedOf, Source: latest.Source})
	}
	return out, nil
}

// publishedLatest is the newest value that was officially published: a self-assessed
// estimate is the office's working figure, not the public's.
func publishedLatest(s *indicator.Series) *indicator.Value {
	for i := len(s.Points) - 1; i >= 0; i-- {
		if v := s.Points[i].Value; v != nil && v.Status == indicator.StatusPublished {
			return v
		}
	}
	return nil
}
