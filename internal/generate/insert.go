package generate

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"loa/internal/store"
)

// maxRowsPerStatement bounds a multi-row INSERT on PostgreSQL: 500 rows amortise the
// round trip and the parse.
const maxRowsPerStatement = 500

// postgresParams is PostgreSQL's limit on the parameters of one statement.
const postgresParams = 65535

// sqliteParams bounds the parameters of one statement on SQLite. The SQLite driver
// looks each parameter's name up in a list as it binds it, so binding costs the
// square of the parameters: a few hundred per statement bind fast and still save
// most of the per-statement work (measured: 64 to 256 are equally fast, 10 000 is
// ten times slower).
const sqliteParams = 128

// table names a table and the columns the generator fills.
type table struct {
	name string
	cols []string
}

func (t *table) perStatement(d store.Dialect) int {
	if d == store.SQLite {
		return max(1, min(maxRowsPerStatement, sqliteParams/len(t.cols)))
	}
	return min(maxRowsPerStatement, postgresParams/len(t.cols))
}

// insertSQL is the multi-row INSERT for n rows, with $N placeholders both engines read.
func (t *table) insertSQL(n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + t.name + " (" + strings.Join(t.cols, ", ") + ") VALUES ")
	p := 1
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range t.cols {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("$" + strconv.Itoa(p))
			p++
		}
		b.WriteByte(')')
	}
	return b.String()
}

// rows holds the values of rows of one table, flattened in column order, ready to
// be bound to statements.
type rows struct {
	t    *table
	vals []any
}

func newRows(t *table, capacity int) *rows {
	return &rows{t: t, vals: make([]any, 0, capacity*len(t.cols))}
}

// add appends one row; its values must come in the table's column order.
func (r *rows) add(v ...any) {
	if len(v) != len(r.t.cols) {
		panic(fmt.Sprintf("generate: %d values for the %d columns of %s", len(v), len(r.t.cols), r.t.name))
	}
	r.vals = append(r.vals, v...)
}

func (r *rows) len() int { return len(r.vals) / len(r.t.cols) }

// writer inserts rows inside one transaction, preparing each statement shape once.
type writer struct {
	ctx     context.Context
	dialect store.Dialect
	tx      *sql.Tx
	stmts   map[string]*sql.Stmt
}

func newWriter(ctx context.Context, d store.Dialect, tx *sql.Tx) *writer {
	return &writer{ctx: ctx, dialect: d, tx: tx, stmts: map[string]*sql.Stmt{}}
}

// write inserts every row of each set, in the order given (parents before children).
func (w *writer) write(sets ...*rows) error {
	for _, r := range sets {
		width := len(r.t.cols)
		per := r.t.perStatement(w.dialect)
		for start := 0; start < len(r.vals); start += per * width {
			end := min(start+per*width, len(r.vals))
			stmt, err := w.stmt(r.t, (end-start)/width)
			if err != nil {
				return err
			}
			if _, err := stmt.ExecContext(w.ctx, r.vals[start:end]...); err != nil {
				return fmt.Errorf("%s: %w", r.t.name, err)
			}
		}
	}
	return nil
}

func (w *writer) stmt(t *table, n int) (*sql.Stmt, error) {
	key := t.name + "/" + strconv.Itoa(n)
	if s, ok := w.stmts[key]; ok {
		return s, nil
	}
	s, err := w.tx.PrepareContext(w.ctx, t.insertSQL(n))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.name, err)
	}
	w.stmts[key] = s
	return s, nil
}

// close releases the prepared statements; the transaction ends on its own.
func (w *writer) close() {
	for _, s := range w.stmts {
		s.Close()
	}
}

// The tables the generator fills, with their columns in the order rows give them.
var (
	tAgencies = &table{"agencies", []string{"id", "name", "short_name", "abbr", "kind", "parent_id", "electronic_id", "external",
		"row_version", "created_at", "updated_at"}}
	tAgencyHistory = &table{"agency_history", []string{"id", "agency_id", "valid_from", "name", "short_name", "abbr", "parent_id",
		"reason", "recorded_at"}}
	tAgencySettings = &table{"agency_settings", []string{"agency_id", "place", "numbering", "updated_at"}}
	tUsers          = &table{"users", []string{"id", "username", "full_name", "email", "job_title", "agency_id", "password_hash",
		"row_version", "created_at", "updated_at"}}
	tMemberships    = &table{"memberships", []string{"id", "user_id", "agency_id", "role", "created_at"}}
	tNumberRegister = &table{"number_registers", []string{"agency_id", "year", "type_code", "last_number"}}
	tIssuedNumbers  = &table{"issued_numbers", []string{"agency_id", "year", "number", "symbol", "doc_kind", "doc_id", "issued_on",
		"created_at"}}
	tPlans = &table{"plans", []string{"id", "series_id", "version", "agency_id", "year", "status", "number", "symbol", "place",
		"date_day", "date_month", "date_year", "summary", "content", "row_version", "created_by", "created_at", "updated_at"}}
	tPlanTopics     = &table{"plan_topics", []string{"id", "plan_id", "seq", "text", "citations"}}
	tPlanChannels   = &table{"plan_channels", []string{"id", "plan_id", "seq", "kind", "text"}}
	tPlanActivities = &table{"plan_activities", []string{"id", "plan_id", "seq", "kind", "text", "lead_name", "lead_agency_id",
		"supplier_name", "supplier_agency_id", "time_text", "starts_on", "ends_on", "conditional", "target_quantity", "target_unit",
		"budget"}}
	tActivityPartners = &table{"plan_activity_partners", []string{"activity_id", "seq", "name", "agency_id"}}
	tPlanEvents       = &table{"plan_events", []string{"id", "plan_id", "at", "actor_id", "actor", "action", "comment"}}
	tNotifications    = &table{"notifications", []string{"id", "agency_id", "kind", "title", "link", "created_at"}}
	tResults          = &table{"results", []string{"id", "plan_id", "activity_id", "agency_id", "done_on", "quantity", "unit",
		"attendees", "places", "links", "audience", "description", "spent", "status", "review_comment", "reviewed_by", "reviewed_at",
		"created_by", "row_version", "created_at", "updated_at"}}
	tResultTopics   = &table{"result_topics", []string{"result_id", "topic_id"}}
	tResultPartners = &table{"result_partners", []string{"result_id", "agency_id"}}
	tResultEvents   = &table{"result_events", []string{"id", "result_id", "at", "actor_id", "actor", "action", "comment", "snapshot"}}
	tLibraryDocs    = &table{"library_docs", []string{"id", "number", "symbol", "type_code", "type_name", "issuer", "issuer_agency_id",
		"issued_on", "summary", "scope", "url", "owner_agency_id", "search", "row_version", "created_at", "updated_at"}}
	tArticles = &table{"portal_articles", []string{"id", "kind", "slug", "state", "version", "live_version", "title", "search",
		"counts_for_plan", "owner_agency_id", "author_name", "publisher_name", "published_at", "row_version", "created_at", "updated_at"}}
	tArticleVersions = &table{"portal_article_versions", []string{"article_id", "version", "title", "summary", "body", "saved_by_name", "saved_at"}}
)

// nullable stores "" as NULL, as the app's stores do for optional references.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
