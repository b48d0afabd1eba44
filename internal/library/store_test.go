package library_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	"loa/internal/agency"
	"loa/internal/audit"
	"loa/internal/library"
	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/valid"
	"loa/internal/vn"
)

var ctx = context.Background()

// fixture is a library over one test database with one owning agency.
type fixture struct {
	t     *testing.T
	db    *store.DB
	s     *library.Store
	owner string
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	a, err := agency.NewStore(db).Create(ctx, agency.Input{Name: "Sở Khoa học và Công nghệ", Abbr: "SKHCN", Kind: agency.KindDepartment})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, db: db, s: library.NewStore(db), owner: a.ID}
}

// add creates an entry that must be valid.
func (f *fixture) add(ns, date, issuer, summary string, scope library.Scope) *library.Entry {
	f.t.Helper()
	e, err := f.s.Create(ctx, library.Input{NumberSymbol: ns, IssuedOn: date, Issuer: issuer, Summary: summary, Scope: scope, OwnerAgencyID: f.owner})
	if err != nil {
		f.t.Fatalf("add %s: %v", ns, err)
	}
	return e
}

func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.db.Read().QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// fields returns the field → message key map of a validation error.
func fields(t *testing.T, err error) map[string]string {
	t.Helper()
	var ve *valid.Error
	if !errors.As(err, &ve) {
		t.Fatalf("want a validation error, got %v", err)
	}
	out := map[string]string{}
	for f, m := range ve.Fields {
		out[f] = m.Key
	}
	return out
}

func TestCreateStoresTheDocumentWithItsPartsAndOneAuditRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		actx := audit.WithActor(ctx, audit.Actor{Name: "vanphong", IP: "203.0.113.9", RequestID: "req-7"})
		e, err := f.s.Create(actx, library.Input{NumberSymbol: " 246 / KH-UBND ", IssuedOn: "14/12/2023", Issuer: "  Ủy ban nhân dân   thành phố ",
			Summary: "Về công tác thông tin, tuyên truyền cải cách hành chính năm 2024", Scope: library.ScopeCity,
			URL: "https://cantho.gov.vn/vb/246", OwnerAgencyID: f.owner})
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.s.Get(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := library.Entry{ID: e.ID, Number: "246", Symbol: "KH-UBND", TypeCode: "KH", TypeName: "Kế hoạch", Issuer: "Ủy ban nhân dân thành phố",
			IssuedOn: vn.Date{Year: 2023, Month: 12, Day: 14}, Summary: "Về công tác thông tin, tuyên truyền cải cách hành chính năm 2024",
			Scope: library.ScopeCity, URL: "https://cantho.gov.vn/vb/246", OwnerAgencyID: f.owner, RowVersion: 1}
		got.CreatedAt, got.UpdatedAt = want.CreatedAt, want.UpdatedAt
		if *got != want {
			t.Fatalf("read back\n%+v\nwant\n%+v", *got, want)
		}
		if got.NumberSymbol() != "246/KH-UBND" || got.Heading() != "Kế hoạch số 246/KH-UBND" {
			t.Errorf("number and symbol %q, heading %q", got.NumberSymbol(), got.Heading())
		}
		var entity, action, agencyID, after, actor string
		err = db.Read().QueryRowContext(ctx, `SELECT entity, action, agency_id, after_json, actor_name FROM audit_log WHERE entity_id = $1`, e.ID).
			Scan(&entity, &action, &agencyID, &after, &actor)
		if err != nil {
			t.Fatal(err)
		}
		var logged library.Entry
		if err := json.Unmarshal([]byte(after), &logged); err != nil {
			t.Fatal(err)
		}
		if entity != "library_doc" || action != "create" || agencyID != f.owner || actor != "vanphong" || logged.Summary != want.Summary {
			t.Errorf("audit row %s %s %s %s %+v", entity, action, agencyID, actor, logged)
		}
		if _, err := f.s.Get(ctx, "no-such-entry"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown id: want ErrNotFound, got %v", err)
		}
	})
}

func TestInvalidInputIsRefusedFieldByFieldAndNothingIsStored(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		_, err := f.s.Create(ctx, library.Input{NumberSymbol: "KH-UBND", IssuedOn: "31/02/2024", Summary: "  ", Scope: "world",
			URL: "javascript:alert(1)", TypeCode: "XYZ"})
		got := fields(t, err)
		want := map[string]string{"number_symbol": "library.symbol_format", "issued_on": "valid.date", "summary": "valid.required",
			"scope": "library.scope_required", "url": "library.url_format", "type_code": "library.type_unknown", "owner_agency_id": "library.owner_required"}
		for field, key := range want {
			if got[field] != key {
				t.Errorf("%s: want %s, got %q", field, key, got[field])
			}
		}
		_, err = f.s.Create(ctx, library.Input{NumberSymbol: "246/KH-UBND", TypeCode: "QĐ", IssuedOn: "14/12/1900", Summary: "x",
			Scope: library.ScopeOwn, URL: "ftp://example.org/x", OwnerAgencyID: f.owner})
		got = fields(t, err)
		if got["type_code"] != "library.type_mismatch" || got["issued_on"] != "library.date_range" || got["url"] != "library.url_format" {
			t.Errorf("mismatched type, old date, ftp link: %v", got)
		}
		_, err = f.s.Create(ctx, library.Input{Summary: "x", Scope: library.ScopeOwn, IssuedOn: vn.Today().AddDays(2).Short(), OwnerAgencyID: f.owner})
		if fields(t, err)["issued_on"] != "library.date_range" {
			t.Errorf("a date after today should be refused")
		}
		if n := f.count(`SELECT COUNT(*) FROM library_docs`) + f.count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'library_doc'`); n != 0 {
			t.Errorf("refused input left %d rows", n)
		}
	})
}

func TestAnOfficialLetterAndADocumentWithoutNumberAreAccepted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		cv := f.add("05/SKHCN-VP", "05/01/2024", "Sở Khoa học và Công nghệ", "Về việc góp ý dự thảo", library.ScopeOwn)
		if cv.TypeCode != "" || cv.TypeName != library.OfficialLetter || cv.NumberSymbol() != "05/SKHCN-VP" {
			t.Errorf("công văn: %+v", cv)
		}
		party := f.add("26-CTr/TU", "31/12/2021", "Thành ủy Cần Thơ", "Về cải cách hành chính", library.ScopeCity)
		if party.Number != "26" || party.Symbol != "CTr/TU" || party.NumberSymbol() != "26-CTr/TU" {
			t.Errorf("Party document: %+v", party)
		}
		plain := f.add("", "", "", "Bộ tài liệu hỏi đáp về cải cách hành chính", library.ScopeOwn)
		if plain.Number != "" || plain.TypeName != "" || plain.Heading() != "Bộ tài liệu hỏi đáp về cải cách hành chính" {
			t.Errorf("document without number: %+v", plain)
		}
		// Two documents without a number are not the same document.
		f.add("", "", "", "Bộ tài liệu hỏi đáp về cải cách hành chính", library.ScopeOwn)
	})
}

func TestTheSameDocumentCannotBeAddedTwice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		first := f.add("246/KH-UBND", "14/12/2023", "UBND thành phố", "Về công tác thông tin, tuyên truyền CCHC năm 2024", library.ScopeCity)
		_, err := f.s.Create(ctx, library.Input{NumberSymbol: "246/KH-UBND", IssuedOn: "14/12/2023", Summary: "Nhập lại", Scope: library.ScopeCity, OwnerAgencyID: f.owner})
		var ve *valid.Error
		if !errors.As(err, &ve) || ve.Fields["number_symbol"].Key != "library.duplicate" {
			t.Fatalf("want a double-entry refusal, got %v", err)
		}
		if msg := ve.Fields["number_symbol"].In("vi"); !strings.Contains(msg, "Kế hoạch số 246/KH-UBND ngày 14/12/2023") ||
			!strings.Contains(msg, first.Summary) {
			t.Errorf("the message should name the document already there: %q", msg)
		}
		// Offices number from 01 every year: next year's 246/KH-UBND is another document.
		f.add("246/KH-UBND", "10/12/2024", "UBND thành phố", "Về công tác thông tin, tuyên truyền CCHC năm 2025", library.ScopeCity)
		f.add("12/KH-SKHCN", "", "", "Không ghi ngày", library.ScopeOwn)
		_, err = f.s.Create(ctx, library.Input{NumberSymbol: "12/KH-SKHCN", Summary: "Lần nữa", Scope: library.ScopeOwn, OwnerAgencyID: f.owner})
		if fields(t, err)["number_symbol"] != "library.duplicate_undated" {
			t.Errorf("an undated document entered twice: %v", err)
		}
		// Correcting another entry into a copy of the first is refused too.
		other := f.add("247/KH-UBND", "14/12/2023", "", "Khác", library.ScopeCity)
		_, err = f.s.Update(ctx, other.ID, 1, library.Input{NumberSymbol: "246/KH-UBND", IssuedOn: "14/12/2023", Summary: "Khác", Scope: library.ScopeCity})
		if fields(t, err)["number_symbol"] != "library.duplicate" {
			t.Errorf("update into a duplicate: %v", err)
		}
		// An entry saved unchanged is not its own duplicate.
		if _, err := f.s.Update(ctx, first.ID, 1, library.Input{NumberSymbol: "246/KH-UBND", IssuedOn: "14/12/2023", Summary: first.Summary, Scope: library.ScopeCity}); err != nil {
			t.Errorf("saving unchanged: %v", err)
		}
	})
}

func TestTwoPeopleAddingTheSameDocumentAtOnceLeaveOneEntry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		const n = 6
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				_, errs[i] = f.s.Create(ctx, library.Input{NumberSymbol: "76/NQ-CP", IssuedOn: "15/07/2021", Issuer: "Chính phủ",
					Summary: "Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030", Scope: library.ScopeCentral, OwnerAgencyID: f.owner})
			})
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			var ve *valid.Error
			switch {
			case err == nil:
				ok++
			case errors.As(err, &ve) && ve.Fields["number_symbol"].Key == "library.duplicate":
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if ok != 1 || f.count(`SELECT COUNT(*) FROM library_docs`) != 1 {
			t.Fatalf("%d creations succeeded, %d rows", ok, f.count(`SELECT COUNT(*) FROM library_docs`))
		}
	})
}

func TestUpdateCorrectsTheEntryRefusesAStaleFormAndKeepsTheOwner(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		e := f.add("246/KH-UBND", "14/12/2023", "UBND", "Về công tác thông tin", library.ScopeOwn)
		other, err := agency.NewStore(db).Create(ctx, agency.Input{Name: "Sở Nội vụ", Abbr: "SNV", Kind: agency.KindDepartment})
		if err != nil {
			t.Fatal(err)
		}
		in := library.Input{NumberSymbol: "246/KH-UBND", IssuedOn: "14/12/2023", Issuer: "Ủy ban nhân dân thành phố",
			Summary: "Về công tác thông tin, tuyên truyền CCHC năm 2024", Scope: library.ScopeCity, OwnerAgencyID: other.ID}
		up, err := f.s.Update(ctx, e.ID, 1, in)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := f.s.Get(ctx, e.ID)
		if got.RowVersion != 2 || got.Issuer != in.Issuer || got.Scope != library.ScopeCity || got.OwnerAgencyID != f.owner ||
			!got.CreatedAt.Equal(e.CreatedAt) || !got.UpdatedAt.Equal(up.UpdatedAt) || got.Summary != up.Summary || up.RowVersion != 2 {
			t.Errorf("after update %+v (returned %+v)", got, up)
		}
		in.Summary = "Một bản sửa khác"
		if _, err := f.s.Update(ctx, e.ID, 1, in); !errors.Is(err, library.ErrStale) {
			t.Errorf("a stale version: want ErrStale, got %v", err)
		}
		if _, err := f.s.Update(ctx, "no-such-entry", 1, in); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown entry: %v", err)
		}
		var before, after string
		if err := db.Read().QueryRowContext(ctx, `SELECT before_json, after_json FROM audit_log WHERE entity = 'library_doc' AND action = 'update'`).
			Scan(&before, &after); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(before, `"issuer":"UBND"`) || !strings.Contains(after, `"issuer":"Ủy ban nhân dân thành phố"`) {
			t.Errorf("the audit row should hold before and after: %s / %s", before, after)
		}
	})
}

func TestListFindsWordsWithoutAccentsAndFiltersByTypeIssuerYearAndScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		nq := f.add("76/NQ-CP", "15/07/2021", "Chính phủ", "Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030", library.ScopeCentral)
		ct := f.add("23/CT-TTg", "02/09/2021", "Thủ tướng Chính phủ", "Về việc đẩy mạnh thực hiện Chương trình tổng thể CCHC", library.ScopeCentral)
		kh := f.add("246/KH-UBND", "14/12/2023", "Ủy ban nhân dân thành phố", "Về công tác thông tin, tuyên truyền cải cách hành chính năm 2024", library.ScopeCity)
		own := f.add("15/KH-SKHCN", "05/01/2024", "Sở Khoa học và Công nghệ", "Thông tin, tuyên truyền CCHC năm 2024 của Sở", library.ScopeOwn)
		undated := f.add("", "", "", "Tài liệu hỏi đáp 100% về đơn vị_hành chính", library.ScopeOwn)
		ids := func(filter library.Filter) []string {
			t.Helper()
			rows, total, err := f.s.List(ctx, filter)
			if err != nil {
				t.Fatal(err)
			}
			out := []string{}
			for _, e := range rows {
				out = append(out, e.ID)
			}
			if filter.Limit == 0 && total != len(rows) {
				t.Errorf("total %d for %d rows", total, len(rows))
			}
			return out
		}
		same := func(name string, got []string, want ...*library.Entry) {
			t.Helper()
			if len(got) != len(want) {
				t.Errorf("%s: %d rows, want %d", name, len(got), len(want))
				return
			}
			for i := range want {
				if got[i] != want[i].ID {
					t.Errorf("%s: row %d is %s, want %s", name, i, got[i], want[i].Heading())
				}
			}
		}
		same("everything, newest first, undated last", ids(library.Filter{}), own, kh, ct, nq, undated)
		same("folded words in any order", ids(library.Filter{Query: "nam 2024 tuyen truyen"}), own, kh)
		same("number and symbol", ids(library.Filter{Query: "246/kh"}), kh)
		same("issuer words", ids(library.Filter{Query: "thu tuong"}), ct)
		same("đ folds to d", ids(library.Filter{Query: "day manh"}), ct)
		same("LIKE wildcards are plain characters", ids(library.Filter{Query: "100%"}), undated)
		same("underscore too", ids(library.Filter{Query: "don vi_hanh"}), undated)
		same("no wildcard match", ids(library.Filter{Query: "vi%hanh"}))
		same("type", ids(library.Filter{TypeCode: "KH"}), own, kh)
		same("issuer", ids(library.Filter{Issuer: "Chính phủ"}), nq)
		same("year", ids(library.Filter{Year: 2021}), ct, nq)
		same("scope", ids(library.Filter{Scope: library.ScopeCity}), kh)
		same("combined", ids(library.Filter{Scope: library.ScopeCentral, Year: 2021, Query: "chuong trinh"}), ct, nq)
		same("page 2 of 2 rows each", ids(library.Filter{Limit: 2, Offset: 2}), ct, nq)
		if _, total, _ := f.s.List(ctx, library.Filter{Limit: 2}); total != 5 {
			t.Errorf("total of a page: %d", total)
		}
	})
}

func TestFindBySymbolReturnsEveryYearsDocumentNewestFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		old := f.add("246/KH-UBND", "14/12/2023", "", "Năm 2024", library.ScopeCity)
		recent := f.add("246/KH-UBND", "10/12/2024", "", "Năm 2025", library.ScopeCity)
		f.add("247/KH-UBND", "10/12/2024", "", "Khác", library.ScopeCity)
		got, err := f.s.FindBySymbol(ctx, "246", " KH-UBND ")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != recent.ID || got[1].ID != old.ID {
			t.Fatalf("found %+v", got)
		}
		if got, _ := f.s.FindBySymbol(ctx, "246", "QĐ-UBND"); len(got) != 0 {
			t.Errorf("another symbol matched: %+v", got)
		}
	})
}

func TestFacetsOfferTypesAndIssuersInVietnameseOrderAndTheYearsPresent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		if fc, err := f.s.Facets(ctx); err != nil || len(fc.Types)+len(fc.Issuers)+len(fc.Years) != 0 {
			t.Fatalf("empty library: %+v %v", fc, err)
		}
		f.add("246/KH-UBND", "14/12/2023", "Ủy ban nhân dân thành phố", "a", library.ScopeCity)
		f.add("76/NQ-CP", "15/07/2021", "Chính phủ", "b", library.ScopeCentral)
		f.add("4168/QĐ-UBND", "27/12/2021", "Hội đồng nhân dân thành phố", "c", library.ScopeCity)
		f.add("23/CT-TTg", "02/09/2021", "Văn phòng Chính phủ", "d", library.ScopeCentral)
		f.add("35-KH/ĐUK", "05/01/2024", "Đảng ủy Khối", "e", library.ScopeCity)
		f.add("05/SKHCN-VP", "05/01/2024", "", "f", library.ScopeOwn)
		fc, err := f.s.Facets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var types []string
		for _, ty := range fc.Types {
			types = append(types, ty.Name)
		}
		if strings.Join(types, "|") != "Chỉ thị|Kế hoạch|Nghị quyết|Quyết định" {
			t.Errorf("types %v", types)
		}
		if strings.Join(fc.Issuers, "|") != "Chính phủ|Đảng ủy Khối|Hội đồng nhân dân thành phố|Ủy ban nhân dân thành phố|Văn phòng Chính phủ" {
			t.Errorf("issuers %v", fc.Issuers)
		}
		if len(fc.Years) != 4 || fc.Years[0] != 2024 || fc.Years[3] != 2021 {
			t.Errorf("years %v", fc.Years)
		}
	})
}
