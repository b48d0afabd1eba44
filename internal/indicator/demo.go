package indicator

import (
	"context"
	"fmt"

	"loa/internal/plan"
	"loa/internal/store"
)

// illustrative is the source of every demo figure that is not a published one, so
// that nobody takes it for the city's real result.
const illustrative = "Số liệu minh họa cho bản trình diễn, không phải số liệu công bố"

// illustrativeTarget notes the demo's targets the same way.
const illustrativeTarget = "Mục tiêu minh họa cho bản trình diễn"

type demoValue struct {
	code          string
	year          int
	value         string
	rank, of      string
	source, where string
}

// demoValues are the city's yearly results 2020–2024. Only the PCI 2020 figure is a
// published one, as VCCI's PCI site reports it; the rest are illustrative and say so.
var demoValues = []demoValue{
	{CodePAR, 2020, "84,10", "20", "63", illustrative, ""},
	{CodePAR, 2021, "85,30", "18", "63", illustrative, ""},
	{CodePAR, 2022, "83,90", "24", "63", illustrative, ""},
	{CodePAR, 2023, "86,20", "15", "63", illustrative, ""},
	{CodePAR, 2024, "88,05", "11", "63", illustrative, ""},
	{CodeSIPAS, 2020, "86,50", "30", "63", illustrative, ""},
	{CodeSIPAS, 2021, "85,70", "35", "63", illustrative, ""},
	{CodeSIPAS, 2022, "81,20", "40", "63", illustrative, ""},
	{CodeSIPAS, 2023, "82,60", "33", "63", illustrative, ""},
	{CodeSIPAS, 2024, "84,90", "27", "63", illustrative, ""},
	{CodePAPI, 2020, "44,20", "14", "63", illustrative, ""},
	{CodePAPI, 2021, "43,10", "20", "63", illustrative, ""},
	{CodePAPI, 2022, "42,50", "28", "63", illustrative, ""},
	{CodePAPI, 2023, "43,80", "19", "63", illustrative, ""},
	{CodePAPI, 2024, "44,60", "12", "63", illustrative, ""},
	{CodePCI, 2020, "66,33", "12", "63",
		"VCCI, Báo cáo Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) năm 2020: TP. Cần Thơ đạt 66,33 điểm, xếp hạng 12 (bài “Bức tranh PCI vùng ĐBSCL” trên trang PCI Việt Nam của VCCI)",
		"https://pcivietnam.vn/tin-tuc-su-kien/buc-tranh-pci-vung-dbscl-ct3630.html"},
	{CodePCI, 2021, "64,20", "25", "63", illustrative, ""},
	{CodePCI, 2022, "65,10", "22", "63", illustrative, ""},
	{CodePCI, 2023, "66,90", "15", "63", illustrative, ""},
	{CodePCI, 2024, "68,00", "10", "63", illustrative, ""},
}

// demoDepartment is the department's own PAR Index as the city scores its
// departments: illustrative too.
var demoDepartment = []demoValue{
	{CodePAR, 2022, "82,40", "9", "19", illustrative, ""},
	{CodePAR, 2023, "85,75", "6", "19", illustrative, ""},
	{CodePAR, 2024, "87,10", "5", "19", illustrative, ""},
}

type demoTarget struct {
	code        string
	department  bool
	year        int
	value, rank string
}

// demoTargets show a target reached, one missed and ones still ahead.
var demoTargets = []demoTarget{
	{CodePAR, false, 2023, "", "15"},
	{CodePAR, false, 2024, "87", "12"},
	{CodePAR, false, 2025, "", "10"},
	{CodeSIPAS, false, 2024, "85", ""},
	{CodePCI, false, 2024, "", "10"},
	{CodePAR, true, 2024, "", "5"},
	{CodePAR, true, 2025, "", "3"},
}

// demoTopic is the topic of the sample plan about raising the indices (II.5).
const demoTopic = 5

// Demo fills the four national indicators with the city's yearly values 2020–2024,
// the department's own PAR Index and a few targets, and links the department's
// sample plan topic on the indices to all four. It expects the sample plan to be
// loaded.
func Demo(ctx context.Context, db *store.DB, cityID, departmentID string) error {
	s := NewStore(db)
	ids := map[string]string{}
	for _, code := range standardOrder {
		ind, err := s.ByCode(ctx, "", code)
		if err != nil {
			return fmt.Errorf("demo indicator %s: %w", code, err)
		}
		ids[code] = ind.ID
	}
	add := func(agencyID string, list []demoValue) error {
		for _, v := range list {
			// An illustrative figure is no one's publication: it is entered as the office's
			// own estimate, which the public portal does not show.
			status := StatusPublished
			if v.source == illustrative {
				status = StatusSelfAssessed
			}
			if _, err := s.AddValue(ctx, ids[v.code], ValueInput{AgencyID: agencyID, Year: fmt.Sprint(v.year), Value: v.value,
				Rank: v.rank, RankedOf: v.of, Status: status, Source: v.source, SourceURL: v.where}); err != nil {
				return fmt.Errorf("demo value %s %d: %w", v.code, v.year, err)
			}
		}
		return nil
	}
	if err := add(cityID, demoValues); err != nil {
		return err
	}
	if err := add(departmentID, demoDepartment); err != nil {
		return err
	}
	for _, t := range demoTargets {
		agencyID := cityID
		if t.department {
			agencyID = departmentID
		}
		if _, err := s.AddTarget(ctx, ids[t.code], TargetInput{AgencyID: agencyID, Year: fmt.Sprint(t.year), Value: t.value,
			Rank: t.rank, Note: illustrativeTarget}); err != nil {
			return fmt.Errorf("demo target %s %d: %w", t.code, t.year, err)
		}
	}
	plans, err := plan.NewStore(db).List(ctx, []string{departmentID}, 0)
	if err != nil {
		return err
	}
	for _, sum := range plans {
		if sum.Status == plan.StatusReplaced {
			continue
		}
		p, err := plan.NewStore(db).Get(ctx, sum.ID)
		if err != nil {
			return err
		}
		for _, t := range p.Topics {
			if t.Seq == demoTopic {
				return s.SetTopicLinks(ctx, p.ID, map[string][]string{t.ID: {ids[CodePAR], ids[CodeSIPAS], ids[CodePAPI], ids[CodePCI]}})
			}
		}
	}
	return fmt.Errorf("demo: no plan of the department has a topic %d to link the indicators to", demoTopic)
}
