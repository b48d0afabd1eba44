package feedback

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"sync"
	"time"

	"loa/internal/audit"
	"loa/internal/calendar"
	"loa/internal/files"
	"loa/internal/i18n"
	"loa/internal/notify"
	"loa/internal/search"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
)

// Errors of the life of an item.
var (
	// ErrStale is an item changed by someone else since the form was opened.
	ErrStale = errors.New("feedback: changed since it was read")
	// ErrState is an action the item's status does not allow (answering a rejected item).
	ErrState = errors.New("feedback: not allowed in this status")
)

// DaysFunc is the n-th working day after d.
type DaysFunc func(ctx context.Context, d vn.Date, n int) (vn.Date, error)

// Weekdays counts Monday to Friday as working days, without holidays.
func Weekdays(_ context.Context, d vn.Date, n int) (vn.Date, error) {
	for n > 0 {
		d = d.AddDays(1)
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return d, nil
}

// CalendarDays counts working days on the holiday calendar: public holidays, days off
// in lieu and swapped working Saturdays as the administrator entered them.
func CalendarDays(c *calendar.Store) DaysFunc {
	return func(ctx context.Context, d vn.Date, n int) (vn.Date, error) {
		cal, err := c.Calendar(ctx, d.Year, d.Year+1)
		if err != nil {
			return vn.Date{}, err
		}
		return cal.AddWorkingDays(d, n), nil
	}
}

// Store keeps feedback, its files, history, templates and reminders.
type Store struct {
	db    *store.DB
	files *files.Store

	// WorkingDays counts deadlines; NewStore sets Weekdays, the app the calendar's.
	// It runs outside any transaction of this store (the calendar writes a year the
	// first time it is needed).
	WorkingDays DaysFunc
	// PublicChanged, when set, runs inside every transaction that changes what the
	// portal shows (a question and answer published, edited or withdrawn), so that
	// cached public pages are renewed.
	PublicChanged func(ctx context.Context, tx *sql.Tx) error
	// Now is the clock; MinFillTime the least time a person takes over the form.
	Now         func() time.Time
	MinFillTime time.Duration

	mu     sync.Mutex
	secret []byte
}

// NewStore returns a store over db keeping attachments in fs.
func NewStore(db *store.DB, fs *files.Store) *Store {
	return &Store{db: db, files: fs, WorkingDays: Weekdays, Now: time.Now, MinFillTime: MinFillTime}
}

func (s *Store) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// stamp is the clock's time as stored (UTC, microseconds).
func (s *Store) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Upload is a file sent with a form.
type Upload struct {
	Name string
	Size int64
	Open func() (io.ReadCloser, error)
}

// Receiver is an agency that receives feedback from the portal.
type Receiver struct {
	ID   string
	Name string
}

// Receivers lists the agencies the form offers: the installation's own People's
// Committees and departments that still exist, the committee first.
func (s *Store) Receivers(ctx context.Context) ([]Receiver, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT id, name, kind FROM agencies
		WHERE NOT external AND merged_into IS NULL AND kind IN ('ubnd', 'so')`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var committees, departments []Receiver
	for rows.Next() {
		var r Receiver
		var kind string
		if err := rows.Scan(&r.ID, &r.Name, &kind); err != nil {
			return nil, err
		}
		if kind == "ubnd" {
			committees = append(committees, r)
		} else {
			departments = append(departments, r)
		}
	}
	vn.SortBy(committees, func(r Receiver) string { return r.Name })
	vn.SortBy(departments, func(r Receiver) string { return r.Name })
	return append(committees, departments...), rows.Err()
}

func (s *Store) isReceiver(ctx context.Context, id string) (bool, error) {
	list, err := s.Receivers(ctx)
	for _, r := range list {
		if r.ID == id {
			return true, err
		}
	}
	return false, err
}

// due is the day an answer to feedback received on day is due.
func (s *Store) due(ctx context.Context, day vn.Date) (vn.Date, error) {
	days := s.WorkingDays
	if days == nil {
		days = Weekdays
	}
	return days(ctx, day, DueWorkingDays)
}

// fileError turns an upload refused by the files store into a message on field.
func fileError(err error, field string) error {
	var fe *files.Error
	if errors.As(err, &fe) {
		return valid.Errors{field: i18n.M("feedback.err.file", fe.Message)}.Err()
	}
	return err
}

// checkUploads says what is wrong with uploads before anything is read: too many, too
// large, or a name no accepted kind has.
func checkUploads(errs valid.Errors, field string, uploads []Upload) {
	if len(uploads) > MaxFiles {
		errs.Add(field, "feedback.err.too_many_files", MaxFiles)
		return
	}
	for _, u := range uploads {
		if u.Size > MaxFileBytes {
			errs.Add(field, "feedback.err.file_too_large", u.Name, MaxFileBytes>>20)
			return
		}
		switch strings.ToLower(path.Ext(u.Name)) {
		case ".pdf", ".jpg", ".jpeg", ".png", ".docx":
		default:
			errs.Add(field, "feedback.err.file_type", u.Name)
			return
		}
	}
}

// saveFiles keeps uploads as part of item id, in tx.
func (s *Store) saveFiles(ctx context.Context, tx *sql.Tx, id, part, field string, uploads []Upload) error {
	for i, u := range uploads {
		if err := func() error {
			r, err := u.Open()
			if err != nil {
				return err
			}
			defer r.Close()
			f, err := s.files.Save(ctx, tx, u.Name, r, FileLimits)
			if err != nil {
				return fileError(err, field)
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO feedback_files (feedback_id, part, file_hash, name, seq) VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (feedback_id, part, file_hash) DO NOTHING`, id, part, f.Hash, cleanName(u.Name), i+1)
			return err
		}(); err != nil {
			return err
		}
	}
	return nil
}

// cleanName is a file's name without the path some browsers send.
func cleanName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return vn.Clean(name)
}

// event records a line of an item's history.
func event(ctx context.Context, tx *sql.Tx, id, action, text string, at time.Time) error {
	a := audit.ActorFrom(ctx)
	name := a.Name
	if action == "received" {
		name = "" // the sender, whom the history does not name
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO feedback_events (id, feedback_id, at, actor_id, actor, action, text) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		store.NewID(), id, at, nullable(a.UserID), name, action, text)
	return err
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// auditRow is what the audit log keeps of an item: never the sender's personal data.
type auditRow struct {
	Code   string `json:"code"`
	Status Status `json:"status"`
	Topic  string `json:"topic"`
	Unit   string `json:"unit_id,omitempty"`
	Note   string `json:"note,omitempty"`
}

func rowOf(it *Item) auditRow {
	return auditRow{Code: it.Code, Status: it.Status, Topic: it.Topic, Unit: it.UnitID}
}

// Submit records feedback sent from the portal and returns it with its tracking code.
// What is wrong with the form comes back as a *valid.Error; a double submission of
// the same form (its Token) as store.ErrDuplicateSubmit, when ctx carries the token.
func (s *Store) Submit(ctx context.Context, in Submission, uploads []Upload) (*Item, error) {
	in.normalise()
	errs := in.check()
	checkUploads(errs, "files", uploads)
	if in.AgencyID != "" && !errs.Has("agency_id") {
		ok, err := s.isReceiver(ctx, in.AgencyID)
		if err != nil {
			return nil, err
		}
		if !ok {
			errs.Add("agency_id", "feedback.err.agency_unknown")
		}
	}
	if in.Token == "" {
		errs.Add("", "feedback.err.form_expired")
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	key, _ := contactKey(in.Contact)
	now := s.stamp()
	due, err := s.due(ctx, vn.DateOf(now))
	if err != nil {
		return nil, err
	}
	it := &Item{ID: store.NewID(), AgencyID: in.AgencyID, Status: StatusReceived, Topic: in.Topic, SenderKind: in.SenderKind,
		Name: in.Name, Contact: in.Contact, Org: in.Org, Address: in.Address, Content: in.Content, ReceivedAt: now, DueOn: due, RowVersion: 1}
	if in.SenderKind == SenderCitizen {
		it.Org = ""
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		// A code is drawn until one is free; with 6 million codes a year a second draw
		// is already rare.
		for range 20 {
			it.Code = newCode(now.In(vn.Location).Year())
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM feedback WHERE code = $1`, it.Code).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				break
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO feedback (id, code, submit_token, agency_id, status, topic, sender_kind, name, contact,
			contact_key, organisation, address, content, received_at, due_on, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)`,
			it.ID, it.Code, in.Token, it.AgencyID, it.Status, it.Topic, it.SenderKind, it.Name, it.Contact, key, it.Org, it.Address,
			it.Content, it.ReceivedAt, it.DueOn, now)
		if err != nil {
			return err
		}
		if err := s.saveFiles(ctx, tx, it.ID, partQuestion, "files", uploads); err != nil {
			return err
		}
		if err := event(ctx, tx, it.ID, "received", "", now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{Action: "create", Entity: "feedback", EntityID: it.ID, AgencyID: it.AgencyID,
			Summary: "Tiếp nhận phản ánh, kiến nghị " + it.Code, After: rowOf(it)}); err != nil {
			return err
		}
		return notify.Send(ctx, tx, notify.Notification{AgencyID: it.AgencyID, Kind: "feedback_received",
			Title: fmt.Sprintf("Phản ánh, kiến nghị mới %s, hạn trả lời %s", it.Code, it.DueOn.Short()), Link: "/feedback/" + it.ID})
	})
	if err != nil {
		return nil, err
	}
	return it, nil
}

const itemColumns = `f.id, f.code, f.agency_id, a.name, COALESCE(f.unit_id, ''), COALESCE(u.name, ''), f.status, f.topic, f.sender_kind,
	f.name, f.contact, f.organisation, f.address, f.content, f.received_at, f.due_on, f.assigned_at, f.assign_note, f.answer,
	COALESCE(f.answer_agency_id, ''), COALESCE(aa.name, ''), f.answered_at, f.reject_reason, f.public_title, f.public_question,
	f.public_answer, f.public_files, f.published_at, f.row_version`

const itemFrom = ` FROM feedback f JOIN agencies a ON a.id = f.agency_id LEFT JOIN agencies u ON u.id = f.unit_id
	LEFT JOIN agencies aa ON aa.id = f.answer_agency_id`

func scanItem(row interface{ Scan(...any) error }) (*Item, error) {
	var it Item
	var assigned, answered, published sql.NullTime
	err := row.Scan(&it.ID, &it.Code, &it.AgencyID, &it.AgencyName, &it.UnitID, &it.UnitName, &it.Status, &it.Topic, &it.SenderKind,
		&it.Name, &it.Contact, &it.Org, &it.Address, &it.Content, &it.ReceivedAt, &it.DueOn, &assigned, &it.AssignNote, &it.Answer,
		&it.AnswerByID, &it.AnswerBy, &answered, &it.Reason, &it.PublicTitle, &it.PublicQ, &it.PublicA, &it.PublicFiles, &published,
		&it.RowVersion)
	if err != nil {
		return nil, store.NotFound(err)
	}
	it.AssignedAt, it.AnsweredAt, it.PublishedAt = assigned.Time, answered.Time, published.Time
	return &it, nil
}

// Get returns the item with id and its files, or store.ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (*Item, error) {
	return s.get(ctx, s.db.Read(), `f.id = $1`, id)
}

// ByCode returns the item with a tracking code (as NormaliseCode writes it).
func (s *Store) ByCode(ctx context.Context, code string) (*Item, error) {
	if code == "" {
		return nil, store.ErrNotFound
	}
	return s.get(ctx, s.db.Read(), `f.code = $1`, code)
}

// BySubmission returns the item a form with token created.
func (s *Store) BySubmission(ctx context.Context, token string) (*Item, error) {
	return s.get(ctx, s.db.Read(), `f.submit_token = $1`, token)
}

// Lookup returns the item with code when contact is the one it was sent with; any
// mismatch is store.ErrNotFound, so a lookup never tells which of the two was wrong.
func (s *Store) Lookup(ctx context.Context, code, contact string) (*Item, error) {
	key, ok := contactKey(contact)
	if !ok || code == "" {
		return nil, store.ErrNotFound
	}
	return s.get(ctx, s.db.Read(), `f.code = $1 AND f.contact_key = $2`, code, key)
}

func (s *Store) get(ctx context.Context, q store.Querier, cond string, args ...any) (*Item, error) {
	it, err := scanItem(q.QueryRowContext(ctx, `SELECT `+itemColumns+itemFrom+` WHERE `+cond, args...))
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT ff.part, ff.file_hash, ff.name, fl.size FROM feedback_files ff JOIN files fl ON fl.hash = ff.file_hash
		WHERE ff.feedback_id = $1 ORDER BY ff.part, ff.seq`, it.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var part string
		var a Attachment
		if err := rows.Scan(&part, &a.Hash, &a.Name, &a.Size); err != nil {
			return nil, err
		}
		if part == partAnswer {
			it.AnswerFiles = append(it.AnswerFiles, a)
		} else {
			it.Files = append(it.Files, a)
		}
	}
	return it, rows.Err()
}

// Filter narrows the inbox. Agencies and Units say what the viewer may see: items
// received by one of Agencies, and items assigned to one of Units.
type Filter struct {
	Agencies []string
	Units    []string
	Status   string // a Status, "open" (received or assigned), or "" for all
	Unit     string
	Topic    string
	Overdue  bool
	Code     string
	Today    vn.Date
	Limit    int
	Offset   int
}

// List returns one page of the items f lets through — the open ones first, by due day
// and then in the order they came; then the others, newest first — and how many
// there are.
func (s *Store) List(ctx context.Context, f Filter) ([]*Item, int, error) {
	where, args := scopeOf(f)
	if where == nil {
		return nil, 0, nil
	}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	switch {
	case f.Status == "open":
		where = append(where, "f.status IN ('received', 'assigned')")
	case Status(f.Status).Valid():
		where = append(where, "f.status = "+arg(f.Status))
	}
	if f.Unit != "" {
		where = append(where, "f.unit_id = "+arg(f.Unit))
	}
	if f.Topic != "" {
		where = append(where, "f.topic = "+arg(f.Topic))
	}
	if f.Overdue {
		where = append(where, "f.status IN ('received', 'assigned') AND f.due_on < "+arg(f.Today))
	}
	if c := NormaliseCode(f.Code); c != "" {
		where = append(where, "f.code = "+arg(c))
	}
	cond := " WHERE " + strings.Join(where, " AND ")
	var total int
	if err := s.db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM feedback f`+cond, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 25
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+itemColumns+itemFrom+cond+`
		ORDER BY CASE WHEN f.status IN ('received', 'assigned') THEN 0 ELSE 1 END,
			CASE WHEN f.status IN ('received', 'assigned') THEN f.due_on END,
			CASE WHEN f.status IN ('received', 'assigned') THEN f.received_at END, f.received_at DESC, f.id
		LIMIT `+fmt.Sprint(limit)+` OFFSET `+fmt.Sprint(max(0, f.Offset)), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, it)
	}
	return out, total, rows.Err()
}

// scopeOf is the condition that lets through the items a filter's viewer may see, or
// nil when they may see none.
func scopeOf(f Filter) ([]string, []any) {
	var args []any
	in := func(ids []string) string {
		ph := make([]string, len(ids))
		for i, id := range ids {
			args = append(args, id)
			ph[i] = fmt.Sprintf("$%d", len(args))
		}
		return "(" + strings.Join(ph, ", ") + ")"
	}
	var scope []string
	if len(f.Agencies) > 0 {
		scope = append(scope, "f.agency_id IN "+in(f.Agencies))
	}
	if len(f.Units) > 0 {
		scope = append(scope, "f.unit_id IN "+in(f.Units))
	}
	if len(scope) == 0 {
		return nil, nil
	}
	return []string{"(" + strings.Join(scope, " OR ") + ")"}, args
}

// AssignedUnits lists the units that items within f's scope were assigned to, by
// name: the choices of the inbox's unit filter.
func (s *Store) AssignedUnits(ctx context.Context, f Filter) ([]Receiver, error) {
	where, args := scopeOf(f)
	if where == nil {
		return nil, nil
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT DISTINCT u.id, u.name FROM feedback f JOIN agencies u ON u.id = f.unit_id
		WHERE `+where[0], args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Receiver
	for rows.Next() {
		var r Receiver
		if err := rows.Scan(&r.ID, &r.Name); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	vn.SortBy(out, func(r Receiver) string { return r.Name })
	return out, rows.Err()
}

// Event is a line of an item's history.
type Event struct {
	At     time.Time
	Actor  string
	Action string
	Text   string
}

// Events is the history of item id, oldest first.
func (s *Store) Events(ctx context.Context, id string) ([]Event, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT e.at, COALESCE(u.full_name, e.actor), e.action, e.text
		FROM feedback_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.feedback_id = $1 ORDER BY e.at, e.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.At, &e.Actor, &e.Action, &e.Text); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// change runs fn on item id in a transaction when the item is still at version.
func (s *Store) change(ctx context.Context, id string, version int, fn func(tx *sql.Tx, it *Item, now time.Time) error) error {
	now := s.stamp()
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		it, err := s.get(ctx, tx, `f.id = $1`, id)
		if err != nil {
			return err
		}
		if it.RowVersion != version {
			return ErrStale
		}
		return fn(tx, it, now)
	})
}

// update writes the columns sets (each "column = $n" with its value in args after the
// first two) and moves the row version on.
func update(ctx context.Context, tx *sql.Tx, it *Item, now time.Time, sets string, args ...any) error {
	all := append([]any{it.ID, it.RowVersion, now}, args...)
	res, err := tx.ExecContext(ctx, `UPDATE feedback SET `+sets+`, updated_at = $3, row_version = row_version + 1
		WHERE id = $1 AND row_version = $2`, all...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		if err == nil {
			err = ErrStale
		}
		return err
	}
	it.RowVersion++
	return nil
}

// within tells whether unit is below agency (not agency itself), still exists and is
// run in this installation.
func within(ctx context.Context, q store.Querier, unit, agencyID string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `WITH RECURSIVE up(id, parent_id, depth) AS (
			SELECT id, parent_id, 0 FROM agencies WHERE id = $1 AND NOT external AND merged_into IS NULL
			UNION ALL
			SELECT a.id, a.parent_id, up.depth + 1 FROM agencies a JOIN up ON a.id = up.parent_id WHERE up.depth < 64
		) SELECT COUNT(*) FROM up WHERE id = $2 AND depth > 0`, unit, agencyID).Scan(&n)
	return n > 0, err
}

// Units lists the units an item received by agencyID may be assigned to: the agencies
// below it, run in this installation, in tree order by name.
func (s *Store) Units(ctx context.Context, agencyID string) ([]Receiver, error) {
	rows, err := s.db.Read().QueryContext(ctx, `WITH RECURSIVE down(id, depth) AS (
			SELECT id, 0 FROM agencies WHERE id = $1
			UNION ALL
			SELECT a.id, down.depth + 1 FROM agencies a JOIN down ON a.parent_id = down.id WHERE down.depth < 64
		) SELECT a.id, a.name FROM down JOIN agencies a ON a.id = down.id
		WHERE down.depth > 0 AND NOT a.external AND a.merged_into IS NULL`, agencyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Receiver
	for rows.Next() {
		var r Receiver
		if err := rows.Scan(&r.ID, &r.Name); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	vn.SortBy(out, func(r Receiver) string { return r.Name })
	return out, rows.Err()
}

// Assign gives item id to a unit below its receiving agency to answer; an assigned
// item may be given to another unit. The unit is notified with the deadline.
func (s *Store) Assign(ctx context.Context, id string, version int, unitID, note string) (*Item, error) {
	note = cleanText(note)
	var out *Item
	err := s.change(ctx, id, version, func(tx *sql.Tx, it *Item, now time.Time) error {
		if !it.Status.Open() {
			return ErrState
		}
		errs := valid.Errors{}
		if unitID == "" {
			errs.Add("unit_id", "feedback.err.unit_required")
		} else if ok, err := within(ctx, tx, unitID, it.AgencyID); err != nil {
			return err
		} else if !ok {
			errs.Add("unit_id", "feedback.err.unit_outside")
		}
		errs.MaxLen("note", note, MaxReason)
		if err := errs.Err(); err != nil {
			return err
		}
		before := rowOf(it)
		if err := update(ctx, tx, it, now, `unit_id = $4, status = 'assigned', assigned_at = $3, assign_note = $5`, unitID, note); err != nil {
			return err
		}
		it.UnitID, it.Status, it.AssignedAt, it.AssignNote = unitID, StatusAssigned, now, note
		if err := tx.QueryRowContext(ctx, `SELECT name FROM agencies WHERE id = $1`, unitID).Scan(&it.UnitName); err != nil {
			return err
		}
		if err := event(ctx, tx, it.ID, "assigned", strings.TrimSpace(it.UnitName+"\n"+note), now); err != nil {
			return err
		}
		after := rowOf(it)
		after.Note = note
		if err := audit.Record(ctx, tx, audit.Entry{Action: "assign", Entity: "feedback", EntityID: it.ID, AgencyID: it.AgencyID,
			Summary: fmt.Sprintf("Giao phản ánh %s cho %s trả lời", it.Code, it.UnitName), Before: before, After: after}); err != nil {
			return err
		}
		out = it
		return notify.Send(ctx, tx, notify.Notification{AgencyID: unitID, Kind: "feedback_assigned",
			Title: fmt.Sprintf("Được giao trả lời phản ánh %s, hạn %s", it.Code, it.DueOn.Short()), Link: "/feedback/" + it.ID})
	})
	return out, err
}

// Answer records the answer of the item's handler (the assigned unit, or the
// receiving agency answering itself) with its files.
func (s *Store) Answer(ctx context.Context, id string, version int, text string, uploads []Upload) (*Item, error) {
	text = cleanText(text)
	errs := valid.Errors{}
	if text == "" {
		errs.Add("answer", "feedback.err.answer_required")
	}
	errs.MaxLen("answer", text, MaxAnswer)
	checkUploads(errs, "answer_files", uploads)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var out *Item
	err := s.change(ctx, id, version, func(tx *sql.Tx, it *Item, now time.Time) error {
		if !it.Status.Open() {
			return ErrState
		}
		before := rowOf(it)
		by := it.Handler()
		if err := update(ctx, tx, it, now, `status = 'answered', answer = $4, answer_agency_id = $5, answered_by = $6, answered_at = $3`,
			text, by, nullable(audit.ActorFrom(ctx).UserID)); err != nil {
			return err
		}
		it.Status, it.Answer, it.AnswerByID, it.AnsweredAt = StatusAnswered, text, by, now
		if err := s.saveFiles(ctx, tx, it.ID, partAnswer, "answer_files", uploads); err != nil {
			return err
		}
		if err := event(ctx, tx, it.ID, "answered", "", now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{Action: "answer", Entity: "feedback", EntityID: it.ID, AgencyID: it.AgencyID,
			Summary: "Trả lời phản ánh " + it.Code, Before: before, After: rowOf(it)}); err != nil {
			return err
		}
		out = it
		if by == it.AgencyID {
			return nil
		}
		return notify.Send(ctx, tx, notify.Notification{AgencyID: it.AgencyID, Kind: "feedback_answered",
			Title: fmt.Sprintf("%s đã trả lời phản ánh %s", it.UnitName, it.Code), Link: "/feedback/" + it.ID})
	})
	return out, err
}

// Reject closes item id without an answer (spam, outside the agency's remit), with
// the reason the sender reads when looking it up.
func (s *Store) Reject(ctx context.Context, id string, version int, reason string) (*Item, error) {
	reason = cleanText(reason)
	errs := valid.Errors{}
	if reason == "" {
		errs.Add("reason", "feedback.err.reason_required")
	}
	errs.MaxLen("reason", reason, MaxReason)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var out *Item
	err := s.change(ctx, id, version, func(tx *sql.Tx, it *Item, now time.Time) error {
		if !it.Status.Open() {
			return ErrState
		}
		before := rowOf(it)
		if err := update(ctx, tx, it, now, `status = 'rejected', reject_reason = $4`, reason); err != nil {
			return err
		}
		it.Status, it.Reason = StatusRejected, reason
		if err := event(ctx, tx, it.ID, "rejected", reason, now); err != nil {
			return err
		}
		after := rowOf(it)
		after.Note = reason
		out = it
		return audit.Record(ctx, tx, audit.Entry{Action: "reject", Entity: "feedback", EntityID: it.ID, AgencyID: it.AgencyID,
			Summary: "Không thụ lý phản ánh " + it.Code, Before: before, After: after})
	})
	return out, err
}

// Publication is a question and answer as the portal shows them: written (usually
// edited from the original) by staff, without the sender's personal data.
type Publication struct {
	Title    string
	Question string
	Answer   string
	Files    bool // the answer's files are published too
}

// Publish shows an answered item on the portal's questions and answers, or changes
// what it shows.
func (s *Store) Publish(ctx context.Context, id string, version int, p Publication) (*Item, error) {
	p.Title, p.Question, p.Answer = vn.Clean(p.Title), cleanText(p.Question), cleanText(p.Answer)
	errs := valid.Errors{}
	errs.Required("public_title", p.Title)
	errs.MaxLen("public_title", p.Title, MaxTitle)
	errs.Required("public_question", p.Question)
	errs.MaxLen("public_question", p.Question, MaxContent)
	errs.Required("public_answer", p.Answer)
	errs.MaxLen("public_answer", p.Answer, MaxAnswer)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var out *Item
	err := s.change(ctx, id, version, func(tx *sql.Tx, it *Item, now time.Time) error {
		if !it.Answered() {
			return ErrState
		}
		before := rowOf(it)
		first := it.Status != StatusPublished
		if err := update(ctx, tx, it, now, `status = 'published', public_title = $4, public_question = $5, public_answer = $6,
			public_files = $7, published_at = COALESCE(published_at, $3)`, p.Title, p.Question, p.Answer, p.Files); err != nil {
			return err
		}
		it.Status, it.PublicTitle, it.PublicQ, it.PublicA, it.PublicFiles = StatusPublished, p.Title, p.Question, p.Answer, p.Files
		if first {
			it.PublishedAt = now
		}
		action := "published"
		if !first {
			action = "publication_edited"
		}
		if err := event(ctx, tx, it.ID, action, p.Title, now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{Action: "publish", Entity: "feedback", EntityID: it.ID, AgencyID: it.AgencyID,
			Summary: "Công khai hỏi đáp " + it.Code + ": " + p.Title, Before: before, After: rowOf(it)}); err != nil {
			return err
		}
		if err := search.Put(ctx, tx, s.db.Dialect, searchDoc(it)); err != nil {
			return err
		}
		out = it
		return s.publicChanged(ctx, tx)
	})
	return out, err
}

// Unpublish takes a question and answer off the portal; what was written for it is
// kept for a later publication.
func (s *Store) Unpublish(ctx context.Context, id string, version int) (*Item, error) {
	var out *Item
	err := s.change(ctx, id, version, func(tx *sql.Tx, it *Item, now time.Time) error {
		if it.Status != StatusPublished {
			return ErrState
		}
		before := rowOf(it)
		if err := update(ctx, tx, it, now, `status = 'answered', published_at = NULL`); err != nil {
			return err
		}
		it.Status, it.PublishedAt = StatusAnswered, time.Time{}
		if err := event(ctx, tx, it.ID, "unpublished", "", now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{Action: "unpublish", Entity: "feedback", EntityID: it.ID, AgencyID: it.AgencyID,
			Summary: "Gỡ hỏi đáp " + it.Code + " khỏi cổng thông tin", Before: before, After: rowOf(it)}); err != nil {
			return err
		}
		if err := search.Remove(ctx, tx, s.db.Dialect, search.KindQA, it.ID); err != nil {
			return err
		}
		out = it
		return s.publicChanged(ctx, tx)
	})
	return out, err
}

// searchDoc is a published question and answer as the portal's search finds it:
// the public texts only.
func searchDoc(it *Item) search.Doc {
	return search.Doc{Kind: search.KindQA, Ref: it.ID, Title: it.PublicTitle, Summary: excerpt(it.PublicQ, 200),
		Body: it.PublicQ + "\n\n" + it.PublicA, URL: "/hoi-dap/" + it.ID, Date: it.PublishedAt}
}

// SearchSource yields every published question and answer, for search.Index.Rebuild.
func (s *Store) SearchSource() search.Source {
	return func(ctx context.Context, yield func(search.Doc) error) error {
		rows, err := s.db.Read().QueryContext(ctx, `SELECT id, public_title, public_question, public_answer, published_at
			FROM feedback WHERE status = 'published' ORDER BY id`)
		if err != nil {
			return err
		}
		var docs []search.Doc
		for rows.Next() {
			it := &Item{}
			var published sql.NullTime
			if err := rows.Scan(&it.ID, &it.PublicTitle, &it.PublicQ, &it.PublicA, &published); err != nil {
				rows.Close()
				return err
			}
			it.PublishedAt = published.Time
			docs = append(docs, searchDoc(it))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// Yielded after the rows are closed: the rebuild writes, and SQLite has one writer.
		for _, d := range docs {
			if err := yield(d); err != nil {
				return err
			}
		}
		return nil
	}
}

func (s *Store) publicChanged(ctx context.Context, tx *sql.Tx) error {
	if s.PublicChanged == nil {
		return nil
	}
	return s.PublicChanged(ctx, tx)
}

// QA is a published question and answer: only what the portal may show.
type QA struct {
	ID          string
	Title       string
	Topic       string
	Question    string
	Answer      string
	AnsweredBy  string
	AskedOn     vn.Date
	AnsweredAt  time.Time
	PublishedAt time.Time
	Files       []Attachment
}

// Published lists one page of the published questions and answers, newest first,
// of one topic or all; and how many there are.
func (s *Store) Published(ctx context.Context, topic string, limit, offset int) ([]QA, int, error) {
	cond, args := `f.status = 'published'`, []any{}
	if topic != "" {
		cond += ` AND f.topic = $1`
		args = append(args, topic)
	}
	var total int
	if err := s.db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM feedback f WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	if limit <= 0 {
		limit = 20
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT f.id, f.public_title, f.topic, f.public_question, f.public_answer,
		COALESCE(aa.name, ''), f.received_at, f.answered_at, f.published_at
		FROM feedback f LEFT JOIN agencies aa ON aa.id = f.answer_agency_id WHERE `+cond+`
		ORDER BY f.published_at DESC, f.id DESC LIMIT `+fmt.Sprint(limit)+` OFFSET `+fmt.Sprint(max(0, offset)), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []QA
	for rows.Next() {
		q, err := scanQA(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, q)
	}
	return out, total, rows.Err()
}

func scanQA(row interface{ Scan(...any) error }) (QA, error) {
	var q QA
	var received time.Time
	var answered, published sql.NullTime
	if err := row.Scan(&q.ID, &q.Title, &q.Topic, &q.Question, &q.Answer, &q.AnsweredBy, &received, &answered, &published); err != nil {
		return q, store.NotFound(err)
	}
	q.AskedOn, q.AnsweredAt, q.PublishedAt = vn.DateOf(received), answered.Time, published.Time
	return q, nil
}

// PublishedOne returns a published question and answer, with the answer's files when
// they were published with it; anything else is store.ErrNotFound.
func (s *Store) PublishedOne(ctx context.Context, id string) (QA, error) {
	q, err := scanQA(s.db.Read().QueryRowContext(ctx, `SELECT f.id, f.public_title, f.topic, f.public_question, f.public_answer,
		COALESCE(aa.name, ''), f.received_at, f.answered_at, f.published_at
		FROM feedback f LEFT JOIN agencies aa ON aa.id = f.answer_agency_id WHERE f.id = $1 AND f.status = 'published'`, id))
	if err != nil {
		return q, err
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT ff.file_hash, ff.name, fl.size FROM feedback_files ff
		JOIN feedback f ON f.id = ff.feedback_id JOIN files fl ON fl.hash = ff.file_hash
		WHERE ff.feedback_id = $1 AND ff.part = 'answer' AND f.public_files ORDER BY ff.seq`, id)
	if err != nil {
		return q, err
	}
	defer rows.Close()
	for rows.Next() {
		var a Attachment
		if err := rows.Scan(&a.Hash, &a.Name, &a.Size); err != nil {
			return q, err
		}
		q.Files = append(q.Files, a)
	}
	return q, rows.Err()
}

// Owner is the agency that received item id: assigning, rejecting and publishing
// happen there. Routes use it as their scope.
func (s *Store) Owner(ctx context.Context, id string) (string, error) {
	var a string
	err := s.db.Read().QueryRowContext(ctx, `SELECT agency_id FROM feedback WHERE id = $1`, id).Scan(&a)
	return a, store.NotFound(err)
}

// HandlerOf is the agency that answers item id now: its assigned unit, else the agency
// that received it. Reading and answering happen there (and above it). Routes use it
// as their scope.
func (s *Store) HandlerOf(ctx context.Context, id string) (string, error) {
	var a string
	err := s.db.Read().QueryRowContext(ctx, `SELECT COALESCE(unit_id, agency_id) FROM feedback WHERE id = $1`, id).Scan(&a)
	return a, store.NotFound(err)
}
