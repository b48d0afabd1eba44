// Package demo fills an empty database with a believable agency: the Department of
// Science and Technology of Cần Thơ as its 2024 communication plan names it (units,
// suppliers, recipients), and one account per role.
package demo

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"time"

	"loa/internal/agency"
	"loa/internal/auth"
	"loa/internal/document/text"
	"loa/internal/feedback"
	"loa/internal/files"
	"loa/internal/indicator"
	"loa/internal/plan"
	"loa/internal/portal"
	"loa/internal/progress"
	"loa/internal/register"
	"loa/internal/store"
	"loa/internal/survey"
	"loa/internal/vn"
)

// Account is a demo sign-in.
type Account struct {
	Username string
	Password string
	Role     auth.Role
	Agency   string
}

// ErrNotEmpty is returned when the database already holds agencies.
var ErrNotEmpty = errors.New("cơ sở dữ liệu đã có dữ liệu: dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống")

type unit struct {
	key, name, short, abbr string
	kind                   agency.Kind
	parent                 string
	external               bool
}

// The agencies of the sample plan, as they stood at the start of 2024.
var units = []unit{
	{"ubnd", "Ủy ban nhân dân thành phố Cần Thơ", "UBND thành phố Cần Thơ", "UBND", agency.KindPeoplesCommittee, "", false},
	{"skhcn", "Sở Khoa học và Công nghệ", "Sở KH&CN", "SKHCN", agency.KindDepartment, "ubnd", false},
	{"vp", "Văn phòng Sở", "Văn phòng Sở", "VP", agency.KindOffice, "skhcn", false},
	{"ccTDC", "Chi cục Tiêu chuẩn Đo lường Chất lượng", "Chi cục TĐC", "CCTĐC", agency.KindSubDepartment, "skhcn", false},
	{"ttTT", "Trung tâm Thông tin khoa học và công nghệ", "Trung tâm Thông tin KH&CN", "TTTT", agency.KindCentre, "skhcn", false},
	{"ttUD", "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ", "Trung tâm Ứng dụng", "TTUD", agency.KindCentre, "skhcn", false},
	{"ttKT", "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", "Trung tâm Kỹ thuật TĐC", "TTKT", agency.KindCentre, "skhcn", false},
	{"vuom", "Vườn ươm công nghệ công nghiệp Việt Nam - Hàn Quốc", "Vườn ươm công nghệ", "VUCN", agency.KindUnit, "skhcn", false},
	{"snv", "Sở Nội vụ", "Sở Nội vụ", "SNV", agency.KindDepartment, "ubnd", true},
	{"stttt", "Sở Thông tin và Truyền thông", "Sở TT&TT", "STTTT", agency.KindDepartment, "ubnd", true},
	{"svhttdl", "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL", "SVHTTDL", agency.KindDepartment, "ubnd", true},
}

type person struct {
	username, name, title, agency string
	role                          auth.Role
	roleAt                        string
}

var people = []person{
	{"quantri", "Lê Thị Quản Trị", "Quản trị hệ thống", "ubnd", auth.RoleAdmin, "ubnd"},
	{"vanphong", "Nguyễn Thị Thu Hà", "Chuyên viên Văn phòng Sở", "vp", auth.RoleOffice, "skhcn"},
	{"donvi", "Trần Văn Bình", "Viên chức Trung tâm Thông tin", "ttTT", auth.RoleUnit, "ttTT"},
	{"lanhdao", "Phạm Minh Quang", "Phó Giám đốc Sở", "skhcn", auth.RoleLeader, "skhcn"},
	{"bientap", "Võ Thị Mai", "Biên tập viên Trang thông tin điện tử", "ttTT", auth.RoleEditor, "skhcn"},
	{"duyettin", "Huỳnh Thanh Tâm", "Phó Giám đốc Trung tâm Thông tin, duyệt tin bài", "ttTT", auth.RoleEditor, "skhcn"},
	{"xem", "Đặng Quốc Việt", "Chuyên viên", "skhcn", auth.RoleViewer, "skhcn"},
}

// Load fills an empty database and returns the accounts it made. password is given to
// every account; when empty each gets a random one. Files (the portal's documents and
// leaflets) are stored under the data folder; links in results are made under baseURL.
func Load(ctx context.Context, db *store.DB, password, data, baseURL string) ([]Account, error) {
	fs, err := files.New(db, data)
	if err != nil {
		return nil, err
	}
	agencies := agency.NewStore(db)
	n, err := agencies.Count(ctx)
	if err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, ErrNotEmpty
	}
	start := vn.Date{Year: 2021, Month: time.January, Day: 1}
	ids := map[string]string{}
	for _, u := range units {
		a, err := agencies.Create(ctx, agency.Input{Name: u.name, ShortName: u.short, Abbr: u.abbr, Kind: u.kind,
			ParentID: ids[u.parent], External: u.external, From: start, Reason: "Dữ liệu mẫu"})
		if err != nil {
			return nil, fmt.Errorf("demo agency %s: %w", u.abbr, err)
		}
		ids[u.key] = a.ID
	}
	// On 1 March 2025 every Sở Khoa học và Công nghệ absorbed its Sở Thông tin và
	// Truyền thông: the demo keeps that history, so the 2024 plan still names the Sở it knew.
	stttt, err := agencies.Get(ctx, ids["stttt"])
	if err != nil {
		return nil, err
	}
	if err := agencies.Merge(ctx, stttt.ID, stttt.RowVersion, ids["skhcn"], vn.Date{Year: 2025, Month: time.March, Day: 1},
		"Hợp nhất Sở Thông tin và Truyền thông vào Sở Khoa học và Công nghệ"); err != nil {
		return nil, fmt.Errorf("demo merge: %w", err)
	}
	users := auth.NewStore(db)
	var out []Account
	for _, p := range people {
		pw := password
		if pw == "" {
			pw = auth.RandomPassword()
		}
		_, err := users.Create(ctx, auth.UserInput{Username: p.username, FullName: p.name, JobTitle: p.title, AgencyID: ids[p.agency], Password: pw},
			[]auth.Membership{{AgencyID: ids[p.roleAt], Role: p.role}})
		if err != nil {
			return nil, fmt.Errorf("demo user %s: %w", p.username, err)
		}
		out = append(out, Account{Username: p.username, Password: pw, Role: p.role, Agency: unitName(p.roleAt)})
	}
	if err := register.Save(ctx, db.Write(), register.Settings{AgencyID: ids["skhcn"], Place: "Cần Thơ", Numbering: register.Single}); err != nil {
		return nil, err
	}
	if err := samplePlan(ctx, db, ids["skhcn"]); err != nil {
		return nil, fmt.Errorf("demo plan: %w", err)
	}
	if err := indicator.Demo(ctx, db, ids["ubnd"], ids["skhcn"]); err != nil {
		return nil, fmt.Errorf("demo indicators: %w", err)
	}
	if err := survey.Demo(ctx, db, ids["skhcn"], time.Now()); err != nil {
		return nil, fmt.Errorf("demo surveys: %w", err)
	}
	if err := portal.Demo(ctx, db, fs, baseURL); err != nil {
		return nil, fmt.Errorf("demo portal: %w", err)
	}
	if err := feedback.Demo(ctx, db, ids["skhcn"], time.Now()); err != nil {
		return nil, fmt.Errorf("demo feedback: %w", err)
	}
	return out, nil
}

// The 2024 communication plan of Sở KH&CN Cần Thơ, a public administrative document,
// as its text was published (number and day blank: the draft sent for signing).
//
//go:embed sample-plan-skhcn-cantho-2024.txt
var samplePlanText []byte

// samplePlan loads the sample plan and takes it through its life as the office and
// the leader would: submitted, approved, numbered and issued on 5 January 2024, in effect.
func samplePlan(ctx context.Context, db *store.DB, skhcn string) error {
	d, err := text.Read(bytes.NewReader(samplePlanText))
	if err != nil {
		return err
	}
	agencies := agency.NewStore(db)
	all, err := agencies.All(ctx)
	if err != nil {
		return err
	}
	p, _ := plan.FromDocument(d, plan.NewMatcher(all, skhcn))
	p.AgencyID = skhcn
	plans := plan.NewStore(db)
	if p, err = plans.Create(ctx, p, ""); err != nil {
		return err
	}
	if p, err = plans.Submit(ctx, p.ID, p.RowVersion); err != nil {
		return err
	}
	if p, err = plans.Approve(ctx, p.ID, p.RowVersion, ""); err != nil {
		return err
	}
	if p, err = plans.Issue(ctx, p.ID, p.RowVersion, vn.Date{Year: 2024, Month: time.January, Day: 5}, plan.AgencyNames{Agencies: agencies}); err != nil {
		return err
	}
	if p, err = plans.Start(ctx, p.ID, p.RowVersion); err != nil {
		return err
	}
	return sampleWork(ctx, db, p, all)
}

// sampleWork records what the units did in the first months of 2024, as they would
// have: accepted results, one waiting for review, one sent back, a contest that was
// never held, and a difficulty.
func sampleWork(ctx context.Context, db *store.DB, p *plan.Plan, all []*agency.Agency) error {
	id := map[string]string{}
	for _, a := range all {
		id[a.Abbr] = a.ID
	}
	results := progress.NewStore(db, nil)
	act := func(seq int) string { return p.Activities[seq-1].ID }
	type entry struct {
		seq                           int
		unit, date, qty, people, text string
		links, places                 string
		review, comment               string
	}
	for _, e := range []entry{
		{1, "VP", "15/02/2024", "3", "", "Đăng tin về Kế hoạch CCHC năm 2024 và kết quả giải quyết thủ tục hành chính tháng 1", "https://skhcn.cantho.gov.vn/tin-tuc/ke-hoach-cchc-2024\nhttps://skhcn.cantho.gov.vn/tin-tuc/ket-qua-tthc-thang-1\nhttps://skhcn.cantho.gov.vn/tin-tuc/dich-vu-cong-truc-tuyen", "", "accept", ""},
		{1, "TTTT", "10/03/2024", "2", "", "Đăng văn bản chỉ đạo của Trung ương và thành phố về CCHC", "https://skhcn.cantho.gov.vn/van-ban/76-nq-cp\nhttps://skhcn.cantho.gov.vn/van-ban/4168-qd-ubnd", "", "accept", ""},
		{1, "CCTĐC", "02/04/2024", "1", "", "Tin về tiếp nhận hồ sơ trực tuyến lĩnh vực đo lường", "https://skhcn.cantho.gov.vn/tin-tuc/do-luong-truc-tuyen", "", "", ""},
		{2, "VP", "01/03/2024", "500", "", "Phát tờ gấp về dịch vụ công trực tuyến", "", "Bộ phận một cửa của Sở; Trung tâm Phục vụ hành chính công thành phố", "accept", ""},
		{3, "VP", "05/03/2024", "10", "", "Dán áp phích tuyên truyền CCHC", "", "Trụ sở Sở và các đơn vị trực thuộc", "return", "Bổ sung ảnh chụp áp phích tại các đơn vị."},
		{4, "VP", "25/01/2024", "1", "40", "Quán triệt Kế hoạch CCHC năm 2024 tại hội nghị cán bộ, công chức", "", "", "accept", ""},
		{4, "TTUD", "20/02/2024", "1", "25", "Lồng ghép nội dung CCHC trong buổi sinh hoạt chuyên đề của Trung tâm", "", "", "accept", ""},
	} {
		r, err := results.Record(ctx, act(e.seq), progress.Input{AgencyID: id[e.unit], DoneOn: e.date, Quantity: e.qty, Attendees: e.people,
			Description: e.text, Links: e.links, Places: e.places, Topics: []string{p.Topics[0].ID}, Audience: []string{"civil_servants"}}, nil)
		if err != nil {
			return fmt.Errorf("demo result %d/%s: %w", e.seq, e.unit, err)
		}
		switch e.review {
		case "accept":
			_, err = results.Accept(ctx, r.ID, r.RowVersion)
		case "return":
			_, err = results.Return(ctx, r.ID, r.RowVersion, e.comment)
		}
		if err != nil {
			return err
		}
	}
	if err := results.Exempt(ctx, act(6), "Năm 2024 thành phố không tổ chức Cuộc thi khảo sát kiến thức cải cách hành chính", ""); err != nil {
		return err
	}
	_, err := results.Raise(ctx, p.ID, act(2), id["TTTT"], "Chưa nhận được tờ gấp quý II",
		"Đến ngày 10/4/2024 Trung tâm chưa nhận được tờ gấp tuyên truyền CCHC quý II do Sở Thông tin và Truyền thông cung cấp.")
	return err
}

func unitName(key string) string {
	for _, u := range units {
		if u.key == key {
			return u.name
		}
	}
	return key
}
