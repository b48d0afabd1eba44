package register

import (
	"context"
	"database/sql"
	"sync"
	"testing"

	"loa/internal/store"
	"loa/internal/store/storetest"
	"loa/internal/vn"
)

func agency(t *testing.T, db *store.DB) string {
	id := store.NewID()
	_, err := db.Write().ExecContext(context.Background(), `INSERT INTO agencies (id, name, abbr, kind, created_at, updated_at) VALUES ($1, 'Sở Khoa học và Công nghệ', 'SKHCN', 'so', $2, $2)`, id, store.Now())
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func issue(t *testing.T, db *store.DB, agencyID, typeCode, symbol string, on vn.Date) (string, error) {
	var n string
	err := db.Tx(context.Background(), func(tx *sql.Tx) error {
		var err error
		n, err = Issue(context.Background(), tx, agencyID, typeCode, symbol, "test", store.NewID(), on)
		return err
	})
	return n, err
}

func TestNumbersStartAtOneEachYearAndPrintWithTwoDigits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := agency(t, db)
		got := []string{}
		for _, on := range []vn.Date{{Year: 2024, Month: 1, Day: 5}, {Year: 2024, Month: 3, Day: 1}, {Year: 2025, Month: 1, Day: 2}} {
			n, err := issue(t, db, a, "KH", "KH-SKHCN", on)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, n)
		}
		if got[0] != "01" || got[1] != "02" || got[2] != "01" {
			t.Fatalf("numbers %v", got)
		}
	})
}

func TestOneSequenceForAllTypesOrOnePerTypeAsTheAgencyChooses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a := agency(t, db)
		on := vn.Date{Year: 2024, Month: 6, Day: 14}
		n1, _ := issue(t, db, a, "KH", "KH-SKHCN", on)
		n2, _ := issue(t, db, a, "BC", "BC-SKHCN", on)
		if n1 != "01" || n2 != "02" {
			t.Fatalf("single sequence: %s %s", n1, n2)
		}
		if err := Save(ctx, db.Write(), Settings{AgencyID: a, Numbering: PerType, Place: "Cần Thơ"}); err != nil {
			t.Fatal(err)
		}
		// Per type, each type counts on its own; numbers the single sequence already
		// gave under the same symbol this year are skipped, never given twice.
		n3, _ := issue(t, db, a, "BC", "BC-SKHCN", on)
		n4, _ := issue(t, db, a, "BC", "BC-SKHCN", on)
		n5, _ := issue(t, db, a, "KH", "KH-SKHCN", on)
		if n3 != "01" || n4 != "03" || n5 != "02" {
			t.Fatalf("per-type sequence: BC %s, BC %s, KH %s", n3, n4, n5)
		}
	})
}

func TestNumbersAreUniqueUnderConcurrentIssuance(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := agency(t, db)
		on := vn.Date{Year: 2024, Month: 1, Day: 5}
		const n = 24
		var wg sync.WaitGroup
		results := make(chan string, n)
		errs := make(chan error, n)
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				num, err := issue(t, db, a, "KH", "KH-SKHCN", on)
				if err != nil {
					errs <- err
					return
				}
				results <- num
			}()
		}
		wg.Wait()
		close(results)
		close(errs)
		for err := range errs {
			t.Errorf("issuance failed: %v", err)
		}
		seen := map[string]bool{}
		for num := range results {
			if seen[num] {
				t.Errorf("number %s given twice", num)
			}
			seen[num] = true
		}
		if len(seen) != n || !seen["01"] || !seen["24"] {
			t.Fatalf("numbers %v", seen)
		}
	})
}

func TestARolledBackIssuanceDoesNotUseTheNumber(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := agency(t, db)
		on := vn.Date{Year: 2024, Month: 1, Day: 5}
		_ = db.Tx(context.Background(), func(tx *sql.Tx) error {
			if _, err := Issue(context.Background(), tx, a, "KH", "KH-SKHCN", "test", "x", on); err != nil {
				return err
			}
			return sql.ErrTxDone // fail after taking the number
		})
		n, err := issue(t, db, a, "KH", "KH-SKHCN", on)
		if err != nil || n != "01" {
			t.Fatalf("after a rollback the number should be 01 again: %s %v", n, err)
		}
	})
}
