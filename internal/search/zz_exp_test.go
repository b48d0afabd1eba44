package search

import (
	"context"
	"database/sql"
	"os"
	"testing"
	"time"
)

func TestZZExp(t *testing.T) {
	path := os.Getenv("LOA_EXP_DB")
	if path == "" {
		t.Skip()
	}
	ctx := context.Background()
	_, statErr := os.Stat(path)
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	if statErr != nil {
		t0 := time.Now()
		for _, d := range []string{"full", "column", "none"} {
			if _, err := db.Exec(`CREATE VIRTUAL TABLE t_` + d + ` USING fts5(title, summary, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0', prefix='2 3', detail=` + d + `)`); err != nil {
				t.Fatal(err)
			}
		}
		tx, _ := db.Begin()
		for i := 0; i < 100000; i++ {
			d := benchDoc(i)
			y := d.Date.Year()
			id := docID(y, d.Kind, int64(i+1))
			a, b, c := keyOf(tokenize(d.Title, maxTitleTokens)), keyOf(tokenize(d.Summary, maxSummaryTokens)), keyOf(tokenize(d.Body, maxBodyTokens))
			for _, tb := range []string{"full", "column", "none"} {
				if _, err := tx.Exec(`INSERT INTO t_`+tb+`(rowid, title, summary, body) VALUES (?,?,?,?)`, id, a, b, c); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		for _, tb := range []string{"full", "column", "none"} {
			db.Exec(`INSERT INTO t_` + tb + `(t_` + tb + `) VALUES ('optimize')`)
		}
		t.Logf("built in %s", time.Since(t0))
	}
	run := func(name, q string, args ...any) {
		var best time.Duration
		var n int
		for k := 0; k < 5; k++ {
			t0 := time.Now()
			rows, err := db.QueryContext(ctx, q, args...)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				return
			}
			n = 0
			for rows.Next() {
				n++
			}
			rows.Close()
			if d := time.Since(t0); k == 0 || d < best {
				best = d
			}
		}
		t.Logf("%-50s %8.2f ms  rows=%d", name, float64(best.Microseconds())/1000, n)
	}
	for _, m := range []string{`"cai" AND "cach" AND "hanh" AND "chinh"`, `"dich" AND "vu" AND "cong" AND "truc" AND "tuyen"`, `"da" AND "nang"`, `"dang" AND "uy" AND "so"`, `"cai" AND "cach" AND "hanh" AND "ch"*`, `"tiep" AND "cong" AND "dan" AND "thoi"*`} {
		for _, tb := range []string{"full", "column", "none"} {
			run(tb+" count "+m, `SELECT rowid / 100000000000, count(*) FROM t_`+tb+` WHERE t_`+tb+` MATCH ? GROUP BY 1`, m)
		}
		for _, tb := range []string{"full", "column"} {
			run(tb+" title tier "+m, `SELECT rowid FROM t_`+tb+` WHERE t_`+tb+` MATCH ? ORDER BY rowid DESC LIMIT 20`, "{title}: ("+m+")")
			run(tb+" ts tier "+m, `SELECT rowid FROM t_`+tb+` WHERE t_`+tb+` MATCH ? ORDER BY rowid DESC LIMIT 20`, "{title summary}: ("+m+")")
			run(tb+" body tier "+m, `SELECT rowid FROM t_`+tb+` WHERE t_`+tb+` MATCH ? ORDER BY rowid DESC LIMIT 20 OFFSET 100`, "("+m+") NOT ({title summary}: ("+m+"))")
			run(tb+" count title "+m, `SELECT count(*) FROM t_`+tb+` WHERE t_`+tb+` MATCH ?`, "{title}: ("+m+")")
		}
	}
	for _, m := range []string{`"mot cua lien thong"`, `"ke" AND "hoach" AND "246 kh ubnd"`} {
		run("full count "+m, `SELECT rowid / 100000000000, count(*) FROM t_full WHERE t_full MATCH ? GROUP BY 1`, m)
	}
}
