package portal

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"loa/internal/audit"
	"loa/internal/files"
	"loa/internal/progress"
	"loa/internal/pubcache"
	"loa/internal/search"
	"loa/internal/store"
	"loa/internal/valid"
	"loa/internal/vn"
)

// Errors of the editorial workflow.
var (
	ErrStale     = errors.New("article changed since it was read")
	ErrState     = errors.New("the article is not in a state that allows this step")
	ErrOwnWork   = errors.New("an editor may not publish what they wrote or submitted")
	ErrWithdrawn = errors.New("a withdrawn article cannot change")
)

// Store reads and writes the portal's articles, images and library files.
type Store struct {
	db       *store.DB
	files    *files.Store
	progress *progress.Store
	// BaseURL makes the absolute article address a plan result cites as evidence.
	BaseURL string
	// Now is the clock; tests set it.
	Now func() time.Time
}

// NewStore returns a Store over db; files keeps uploads; results, when not nil,
// records a plan result for each CCHC article published.
func NewStore(db *store.DB, fs *files.Store, results *progress.Store, baseURL string) *Store {
	return &Store{db: db, files: fs, progress: results, BaseURL: strings.TrimRight(baseURL, "/"), Now: store.Now}
}

func (s *Store) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

// Editor is who acts in the editorial workflow.
type Editor struct {
	ID       string
	Name     string
	AgencyID string // the unit the editor works in
}

// Upload is a file sent with a form.
type Upload struct {
	Name string
	Data []byte
}

// Input is what the article form gives.
type Input struct {
	Kind          Kind
	Title         string
	Summary       string
	Body          string // as typed; kept sanitised
	CountsForPlan bool
	// ImageHash keeps the article's current image ("" for none); Image replaces it.
	ImageHash string
	ImageAlt  string
	Image     *Upload
	// File is a leaflet's or poster's file; KeepFile keeps the current one.
	File     *Upload
	KeepFile bool
	// OwnerAgencyID is read by Create only: an article stays with its agency.
	OwnerAgencyID string

	image *prepared // Image, checked and resized before the transaction
}

// prepare resizes a new image before the transaction, so that the write lock is not
// held while pixels are worked.
func (in *Input) prepare(ctx context.Context, errs valid.Errors) error {
	if in.Image == nil {
		return nil
	}
	p, err := prepareImage(ctx, *in.Image)
	if ir, ok := errImage(err); ok {
		errs["image"] = ir.Msg
		return nil
	}
	in.image = p
	return err
}

// Limits of an article's fields.
const (
	MaxTitle     = 250
	MaxSummary   = 1000
	MaxBody      = 200_000 // characters of sanitised HTML
	MaxAlt       = 250
	MaxReason    = 1000
	MaxFileBytes = 20 << 20
	MaxScheduled = 366 * 24 * time.Hour // how far ahead an article may be scheduled
)

// leafletLimits are the files a leaflet or poster may carry.
var leafletLimits = files.Limits{MaxBytes: MaxFileBytes, Allowed: []files.Kind{files.PDF, files.JPEG, files.PNG, files.DOCX}}

const articleColumns = `a.id, a.kind, a.slug, a.state, a.version, a.live_version, v.title, v.summary, v.body, COALESCE(v.image_hash, ''),
	v.image_alt, COALESCE(v.file_hash, ''), v.file_name, a.counts_for_plan, a.owner_agency_id, COALESCE(a.author_id, ''), a.author_name,
	COALESCE(a.author_agency_id, ''), COALESCE(a.submitted_by, ''), a.review_comment, COALESCE(a.published_by, ''), a.publisher_name,
	a.published_at, a.revised_at, a.withdrawn_at, a.withdraw_reason, COALESCE(v.saved_by, ''), v.saved_by_name, a.row_version,
	a.created_at, a.updated_at, COALESCE(i.thumb_hash, '')`

// working joins the newest version; live joins the version the public reads.
const (
	working = ` FROM portal_articles a JOIN portal_article_versions v ON v.article_id = a.id AND v.version = a.version
		LEFT JOIN portal_images i ON i.hash = v.image_hash`
	live = ` FROM portal_articles a JOIN portal_article_versions v ON v.article_id = a.id AND v.version = a.live_version
		LEFT JOIN portal_images i ON i.hash = v.image_hash`
)

func scanArticle(row interface{ Scan(...any) error }) (*Article, error) {
	var a Article
	var pub, rev, wd sql.NullTime
	err := row.Scan(&a.ID, &a.Kind, &a.Slug, &a.State, &a.Version, &a.LiveVersion, &a.Title, &a.Summary, &a.Body, &a.ImageHash,
		&a.ImageAlt, &a.FileHash, &a.FileName, &a.CountsForPlan, &a.OwnerAgencyID, &a.AuthorID, &a.AuthorName, &a.AuthorAgencyID,
		&a.SubmittedBy, &a.ReviewComment, &a.PublishedBy, &a.PublisherName, &pub, &rev, &wd, &a.WithdrawReason, &a.SavedBy,
		&a.SavedByName, &a.RowVersion, &a.CreatedAt, &a.UpdatedAt, &a.ImageThumb)
	if err != nil {
		return nil, store.NotFound(err)
	}
	a.PublishedAt, a.RevisedAt, a.WithdrawnAt = utc(pub), utc(rev), utc(wd)
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	return &a, nil
}

func utc(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

func scanArticles(rows *sql.Rows) ([]*Article, error) {
	defer rows.Close()
	var out []*Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Get returns an article with its working copy.
func (s *Store) Get(ctx context.Context, id string) (*Article, error) {
	return get(ctx, s.db.Read(), id)
}

func get(ctx context.Context, q store.Querier, id string) (*Article, error) {
	return scanArticle(q.QueryRowContext(ctx, `SELECT `+articleColumns+working+` WHERE a.id = $1`, id))
}

// OwnerOf is the agency an article belongs to: the scope of its staff pages.
func (s *Store) OwnerOf(ctx context.Context, id string) (string, error) {
	var owner string
	err := s.db.Read().QueryRowContext(ctx, `SELECT owner_agency_id FROM portal_articles WHERE id = $1`, id).Scan(&owner)
	return owner, store.NotFound(err)
}

// Live returns the article at slug as the public reads it — its approved version —
// whether or not its time has come or it was withdrawn: the caller decides between
// the page, "not found" and "withdrawn" with Article.Public.
func (s *Store) Live(ctx context.Context, slug string) (*Article, error) {
	return scanArticle(s.db.Read().QueryRowContext(ctx, `SELECT `+articleColumns+live+` WHERE a.slug = $1`, slug))
}

// publicWhere picks what the public reads at $1.
const publicWhere = ` a.live_version > 0 AND a.state <> 'withdrawn' AND a.published_at <= $1`

// Published lists one page of a section's public articles, newest first, and how
// many there are.
func (s *Store) Published(ctx context.Context, kind Kind, limit, offset int) ([]*Article, int, error) {
	now := s.now()
	var total int
	if err := s.db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM portal_articles a WHERE`+publicWhere+` AND a.kind = $2`, now, string(kind)).
		Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+articleColumns+live+` WHERE`+publicWhere+` AND a.kind = $2
		ORDER BY a.published_at DESC, a.id DESC LIMIT `+strconv.Itoa(max(limit, 1))+` OFFSET `+strconv.Itoa(max(offset, 0)), now, string(kind))
	if err != nil {
		return nil, 0, err
	}
	out, err := scanArticles(rows)
	return out, total, err
}

// AllPublished lists every public article, newest first: the site map's.
func (s *Store) AllPublished(ctx context.Context) ([]*Article, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+articleColumns+live+` WHERE`+publicWhere+` ORDER BY a.published_at DESC, a.id DESC`, s.now())
	if err != nil {
		return nil, err
	}
	return scanArticles(rows)
}

// LastModified is when anything the public reads last changed: an article published,
// corrected or withdrawn, a scheduled article whose time came, a library document
// added, corrected or given a file. A cache keyed by address and language may use it
// as the validator of every public page.
func (s *Store) LastModified(ctx context.Context) (time.Time, error) {
	now := s.now()
	var latest time.Time
	for _, q := range []string{
		// ORDER BY … LIMIT 1 rather than MAX: SQLite's MAX returns text, not the column's time.
		`SELECT published_at FROM portal_articles WHERE live_version > 0 AND published_at <= $1 ORDER BY published_at DESC LIMIT 1`,
		`SELECT revised_at FROM portal_articles WHERE revised_at <= $1 ORDER BY revised_at DESC LIMIT 1`,
		`SELECT withdrawn_at FROM portal_articles WHERE withdrawn_at <= $1 ORDER BY withdrawn_at DESC LIMIT 1`,
		`SELECT updated_at FROM library_docs WHERE updated_at <= $1 ORDER BY updated_at DESC LIMIT 1`,
		`SELECT attached_at FROM library_files WHERE attached_at <= $1 ORDER BY attached_at DESC LIMIT 1`,
	} {
		var t sql.NullTime
		if err := s.db.Read().QueryRowContext(ctx, q, now).Scan(&t); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return time.Time{}, fmt.Errorf("last modified: %w", err)
		}
		if t.Valid && t.Time.After(latest) {
			latest = t.Time.UTC()
		}
	}
	return latest, nil
}

// Due is the first time after since at which a scheduled article appears (zero when
// none): the public cache must be emptied then, though nothing is written at that moment.
func (s *Store) Due(ctx context.Context, since time.Time) (time.Time, error) {
	var t sql.NullTime
	err := s.db.Read().QueryRowContext(ctx, `SELECT published_at FROM portal_articles
		WHERE live_version > 0 AND state <> 'withdrawn' AND published_at > $1 ORDER BY published_at LIMIT 1`, since.UTC()).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !t.Valid) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	return t.Time.UTC(), nil
}

// Filter picks articles for the staff list. Zero fields do not filter.
type Filter struct {
	Query    string
	Kind     Kind
	State    State
	Agencies []string // owners the viewer may see; nil: all
	Limit    int
	Offset   int
}

// List returns one page of the articles f picks, the latest changed first, and how
// many it picks in all.
func (s *Store) List(ctx context.Context, f Filter) ([]*Article, int, error) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	for _, w := range strings.Fields(vn.Fold(f.Query)) {
		conds = append(conds, `a.search LIKE `+arg("%"+likeEscaper.Replace(w)+"%")+` ESCAPE '\'`)
	}
	if f.Kind != "" {
		conds = append(conds, `a.kind = `+arg(string(f.Kind)))
	}
	if f.State != "" {
		conds = append(conds, `a.state = `+arg(string(f.State)))
	}
	if f.Agencies != nil {
		if len(f.Agencies) == 0 {
			return nil, 0, nil
		}
		var in []string
		for _, id := range f.Agencies {
			in = append(in, arg(id))
		}
		conds = append(conds, `a.owner_agency_id IN (`+strings.Join(in, ", ")+`)`)
	}
	where := ""
	if len(conds) > 0 {
		where = ` WHERE ` + strings.Join(conds, " AND ")
	}
	var total int
	if err := s.db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM portal_articles a`+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	q := `SELECT ` + articleColumns + working + where + ` ORDER BY a.updated_at DESC, a.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(f.Limit) + ` OFFSET ` + strconv.Itoa(max(f.Offset, 0))
	}
	rows, err := s.db.Read().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, err
	}
	out, err := scanArticles(rows)
	return out, total, err
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// Versions lists an article's versions, newest first.
func (s *Store) Versions(ctx context.Context, id string) ([]Version, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+versionColumns+` FROM portal_article_versions WHERE article_id = $1 ORDER BY version DESC`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Version
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *v)
	}
	return out, rows.Err()
}

const versionColumns = `article_id, version, title, summary, body, COALESCE(image_hash, ''), image_alt, COALESCE(file_hash, ''), file_name,
	COALESCE(saved_by, ''), saved_by_name, saved_at`

func scanVersion(row interface{ Scan(...any) error }) (*Version, error) {
	var v Version
	err := row.Scan(&v.ArticleID, &v.Number, &v.Title, &v.Summary, &v.Body, &v.ImageHash, &v.ImageAlt, &v.FileHash, &v.FileName,
		&v.SavedBy, &v.SavedByName, &v.SavedAt)
	if err != nil {
		return nil, store.NotFound(err)
	}
	v.SavedAt = v.SavedAt.UTC()
	return &v, nil
}

// VersionOf returns version n of an article.
func (s *Store) VersionOf(ctx context.Context, id string, n int) (*Version, error) {
	return scanVersion(s.db.Read().QueryRowContext(ctx, `SELECT `+versionColumns+` FROM portal_article_versions WHERE article_id = $1 AND version = $2`, id, n))
}

// Events lists the workflow steps of an article, newest first.
func (s *Store) Events(ctx context.Context, id string) ([]Event, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT at, actor, action, version, comment FROM portal_article_events WHERE article_id = $1 ORDER BY at DESC, id DESC`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.At, &e.Actor, &e.Action, &e.Version, &e.Comment); err != nil {
			return nil, err
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// check validates the form's fields; the caller adds what needs the database.
func (in *Input) check(errs valid.Errors) {
	in.Title = vn.Clean(in.Title)
	in.Summary = strings.TrimSpace(vn.NFC(in.Summary))
	in.ImageAlt = vn.Clean(in.ImageAlt)
	if !in.Kind.Valid() {
		errs.Add("kind", "portal.kind_required")
	}
	errs.Required("title", in.Title)
	errs.MaxLen("title", in.Title, MaxTitle)
	if in.Title != "" && Slug(in.Title) == "" {
		errs.Add("title", "portal.title_no_letters")
	}
	errs.MaxLen("summary", in.Summary, MaxSummary)
	if len(in.Body) > 4*MaxBody {
		errs.Add("body", "valid.too_long", MaxBody)
	} else {
		in.Body = Sanitize(in.Body)
		if in.Kind != KindLeaflet {
			if PlainText(in.Body) == "" && !strings.Contains(in.Body, "<img") {
				errs.Add("body", "valid.required")
			}
		}
		errs.MaxLen("body", in.Body, MaxBody)
	}
	errs.MaxLen("image_alt", in.ImageAlt, MaxAlt)
	if (in.Image != nil || in.ImageHash != "") && in.ImageAlt == "" {
		errs.Add("image_alt", "portal.image_alt_required")
	}
}

// content is what a version saves, made ready in the transaction: uploads kept.
func (s *Store) content(ctx context.Context, tx *sql.Tx, in *Input, current *Article, ed Editor, errs valid.Errors) (*Version, error) {
	v := &Version{Title: in.Title, Summary: in.Summary, Body: in.Body, ImageAlt: in.ImageAlt, SavedBy: ed.ID, SavedByName: ed.Name}
	switch {
	case in.image != nil:
		img, err := s.keepImage(ctx, tx, in.image, ed, in.OwnerAgencyID)
		if err != nil {
			return nil, err
		}
		v.ImageHash = img.Hash
	case in.Image != nil:
		// refused in prepare
	case in.ImageHash != "":
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM portal_images WHERE hash = $1`, in.ImageHash).Scan(&n); err != nil {
			return nil, err
		}
		if n == 0 {
			errs.Add("image", "portal.image_unknown")
		}
		v.ImageHash = in.ImageHash
	}
	switch {
	case in.File != nil:
		f, err := s.files.Save(ctx, tx, in.File.Name, bytes.NewReader(in.File.Data), leafletLimits)
		var fe *files.Error
		switch {
		case errors.As(err, &fe):
			errs.Add("file", "portal.file_refused", fe.Message)
		case err != nil:
			return nil, err
		default:
			v.FileHash, v.FileName = f.Hash, baseName(in.File.Name)
		}
	case in.KeepFile && current != nil:
		v.FileHash, v.FileName = current.FileHash, current.FileName
	}
	if in.Kind == KindLeaflet && v.FileHash == "" && !errs.Has("file") {
		errs.Add("file", "portal.leaflet_file_required")
	}
	return v, nil
}

func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return vn.Clean(name)
}

func insertVersion(ctx context.Context, tx *sql.Tx, articleID string, n int, v *Version, at time.Time) error {
	v.ArticleID, v.Number, v.SavedAt = articleID, n, at
	_, err := tx.ExecContext(ctx, `INSERT INTO portal_article_versions (article_id, version, title, summary, body, image_hash, image_alt,
		file_hash, file_name, saved_by, saved_by_name, saved_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		articleID, n, v.Title, v.Summary, v.Body, nullable(v.ImageHash), v.ImageAlt, nullable(v.FileHash), v.FileName, nullable(v.SavedBy),
		v.SavedByName, at)
	return err
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func searchText(title, summary string) string { return vn.Fold(title + " " + summary) }

// Create saves a new article as a draft, version 1, by ed.
func (s *Store) Create(ctx context.Context, in Input, ed Editor) (*Article, error) {
	errs := valid.Errors{}
	in.check(errs)
	if err := in.prepare(ctx, errs); err != nil {
		return nil, err
	}
	now := s.now()
	id := store.NewID()
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM agencies WHERE id = $1`, in.OwnerAgencyID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			errs.Add("owner_agency_id", "portal.owner_required")
		}
		v, err := s.content(ctx, tx, &in, nil, ed, errs)
		if err != nil {
			return err
		}
		if err := errs.Err(); err != nil {
			return err
		}
		slug, err := freeSlug(ctx, tx, Slug(in.Title))
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO portal_articles (id, kind, slug, state, version, live_version, title, search,
			counts_for_plan, owner_agency_id, author_id, author_name, author_agency_id, row_version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, 1, 0, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12)`,
			id, string(in.Kind), slug, string(StateDraft), in.Title, searchText(in.Title, in.Summary), in.CountsForPlan,
			in.OwnerAgencyID, nullable(ed.ID), ed.Name, nullable(ed.AgencyID), now); err != nil {
			return err
		}
		if err := insertVersion(ctx, tx, id, 1, v, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "create", Entity: "portal_article", EntityID: id, AgencyID: in.OwnerAgencyID,
			Summary: "Soạn tin bài «" + in.Title + "»", After: map[string]any{"kind": in.Kind, "slug": slug, "title": in.Title}})
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// freeSlug is base, or base-2, base-3 … when taken. The unique index catches two
// editors taking the same at once.
func freeSlug(ctx context.Context, tx *sql.Tx, base string) (string, error) {
	if reservedSlugs[base] {
		base += "-1"
	}
	rows, err := tx.QueryContext(ctx, `SELECT slug FROM portal_articles WHERE slug = $1 OR slug LIKE $2`, base, likeEscaper.Replace(base)+"-%")
	if err != nil {
		return "", err
	}
	taken := map[string]bool{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return "", err
		}
		taken[s] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", err
	}
	slug := base
	for i := 2; taken[slug]; i++ {
		slug = base + "-" + strconv.Itoa(i)
	}
	return slug, nil
}

// reservedSlugs would clash with a section's own addresses ("/tin-tuc/rss.xml" is
// not a slug, but "rss" and "atom" could read as feeds to a person).
var reservedSlugs = map[string]bool{"rss": true, "atom": true, "tep": true}

// Update saves a new version of an article's content by ed. A draft stays a draft
// and a submitted article stays submitted (its reviewer sees the change, and whoever
// saved last may not publish it); a published article gets a draft correction while
// the public keeps reading the approved version.
func (s *Store) Update(ctx context.Context, id string, rowVersion int, in Input, ed Editor) (*Article, error) {
	errs := valid.Errors{}
	if err := in.prepare(ctx, errs); err != nil {
		return nil, err
	}
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		cur, err := get(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.RowVersion != rowVersion {
			return ErrStale
		}
		if cur.State == StateWithdrawn {
			return ErrWithdrawn
		}
		if cur.LiveVersion > 0 {
			in.Kind = cur.Kind // its address depends on it
		}
		in.OwnerAgencyID = cur.OwnerAgencyID
		in.check(errs)
		v, err := s.content(ctx, tx, &in, cur, ed, errs)
		if err != nil {
			return err
		}
		if err := errs.Err(); err != nil {
			return err
		}
		now := s.now()
		state := cur.State
		if state == StatePublished {
			state = StateDraft
		}
		n := cur.Version + 1
		if err := insertVersion(ctx, tx, id, n, v, now); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE portal_articles SET kind = $1, state = $2, version = $3, title = $4, search = $5,
			counts_for_plan = $6, row_version = row_version + 1, updated_at = $7 WHERE id = $8 AND row_version = $9`,
			string(in.Kind), string(state), n, in.Title, searchText(in.Title, in.Summary), in.CountsForPlan, now, id, rowVersion)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k != 1 {
			return ErrStale
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "update", Entity: "portal_article", EntityID: id, AgencyID: cur.OwnerAgencyID,
			Summary: fmt.Sprintf("Sửa tin bài «%s» (phiên bản %d)", in.Title, n),
			Before:  map[string]any{"title": cur.Title, "version": cur.Version}, After: map[string]any{"title": in.Title, "version": n}})
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// step moves an article through the workflow in one transaction: it reads the
// article, lets move check and change it, writes the row, the event and the audit.
func (s *Store) step(ctx context.Context, id string, rowVersion int, ed Editor, action, comment string,
	move func(tx *sql.Tx, a *Article, now time.Time) (string, error)) (*Article, error) {
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		a, err := get(ctx, tx, id)
		if err != nil {
			return err
		}
		if a.RowVersion != rowVersion {
			return ErrStale
		}
		now := s.now()
		before := a.State
		done, err := move(tx, a, now)
		if err != nil {
			return err
		}
		if done != "" {
			action = done
		}
		res, err := tx.ExecContext(ctx, `UPDATE portal_articles SET state = $1, live_version = $2, submitted_by = $3, review_comment = $4,
			published_by = $5, publisher_name = $6, published_at = $7, revised_at = $8, withdrawn_at = $9, withdraw_reason = $10,
			row_version = row_version + 1, updated_at = $11 WHERE id = $12 AND row_version = $13`,
			string(a.State), a.LiveVersion, nullable(a.SubmittedBy), a.ReviewComment, nullable(a.PublishedBy), a.PublisherName,
			nullTime(a.PublishedAt), nullTime(a.RevisedAt), nullTime(a.WithdrawnAt), a.WithdrawReason, now, id, rowVersion)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k != 1 {
			return ErrStale
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO portal_article_events (id, article_id, at, actor_id, actor, action, version, comment)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, store.NewID(), id, now, nullable(ed.ID), ed.Name, action, a.Version, comment); err != nil {
			return err
		}
		if changesPublic[action] {
			if err := pubcache.Bump(ctx, s.db, tx); err != nil {
				return err
			}
			if err := s.index(ctx, tx, a, now); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, audit.Entry{Action: action, Entity: "portal_article", EntityID: id, AgencyID: a.OwnerAgencyID,
			Summary: fmt.Sprintf("Tin bài «%s»: %s", a.Title, action),
			Before:  map[string]any{"state": before}, After: map[string]any{"state": a.State, "comment": comment}})
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}

// index puts the public version of a in the search index, or takes it out when the
// public cannot read it (withdrawn). A scheduled article is indexed by Settle once its
// time has come.
func (s *Store) index(ctx context.Context, tx *sql.Tx, a *Article, now time.Time) error {
	if a.State == StateWithdrawn {
		return search.Remove(ctx, tx, s.db.Dialect, searchKinds[a.Kind], a.ID)
	}
	if !a.Public(now) {
		return nil
	}
	v, err := scanVersion(tx.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM portal_article_versions WHERE article_id = $1 AND version = $2`,
		a.ID, a.LiveVersion))
	if err != nil {
		return err
	}
	return search.Put(ctx, tx, s.db.Dialect, SearchDoc(a, v))
}

// changesPublic are the workflow steps after which the public pages read differently.
var changesPublic = map[string]bool{"publish": true, "revise": true, "schedule": true, "withdraw": true}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// Submit sends a draft to review.
func (s *Store) Submit(ctx context.Context, id string, rowVersion int, ed Editor) (*Article, error) {
	return s.step(ctx, id, rowVersion, ed, "submit", "", func(_ *sql.Tx, a *Article, _ time.Time) (string, error) {
		if a.State != StateDraft {
			return "", ErrState
		}
		a.State, a.SubmittedBy, a.ReviewComment = StateSubmitted, ed.ID, ""
		return "", nil
	})
}

// Return sends a submitted article back to its writer with what to change.
func (s *Store) Return(ctx context.Context, id string, rowVersion int, ed Editor, comment string) (*Article, error) {
	comment = strings.TrimSpace(vn.NFC(comment))
	errs := valid.Errors{}
	errs.Required("comment", comment)
	errs.MaxLen("comment", comment, MaxReason)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return s.step(ctx, id, rowVersion, ed, "return", comment, func(_ *sql.Tx, a *Article, _ time.Time) (string, error) {
		if a.State != StateSubmitted {
			return "", ErrState
		}
		a.State, a.ReviewComment = StateDraft, comment
		return "", nil
	})
}

// Publish approves a submitted article: ed must be another editor than the one who
// saved its content last and the one who submitted it. The first publication happens
// at once (at zero) or at a later time; a correction of a published article replaces
// the public version at once. Publishing a CCHC article for the first time records a
// result of the plan's website activity, in the same transaction when it appears now,
// or once its time has come (Settle).
func (s *Store) Publish(ctx context.Context, id string, rowVersion int, ed Editor, at time.Time) (*Article, error) {
	at = at.UTC().Truncate(time.Microsecond)
	return s.step(ctx, id, rowVersion, ed, "publish", "", func(tx *sql.Tx, a *Article, now time.Time) (string, error) {
		if a.State != StateSubmitted {
			return "", ErrState
		}
		if ed.ID == "" || ed.ID == a.SavedBy || ed.ID == a.SubmittedBy {
			return "", ErrOwnWork
		}
		if a.LiveVersion == 0 {
			switch {
			case at.IsZero() || !at.After(now):
				a.PublishedAt = now
			case at.Sub(now) > MaxScheduled:
				errs := valid.Errors{}
				errs.Add("publish_at", "portal.schedule_too_far")
				return "", errs.Err()
			default:
				a.PublishedAt = at
			}
		} else {
			if !at.IsZero() && at.After(now) {
				errs := valid.Errors{}
				errs.Add("publish_at", "portal.schedule_first_only")
				return "", errs.Err()
			}
			a.RevisedAt = now
		}
		first := a.LiveVersion == 0
		a.State, a.LiveVersion, a.PublishedBy, a.PublisherName, a.ReviewComment = StatePublished, a.Version, ed.ID, ed.Name, ""
		switch {
		case !first:
			return "revise", nil
		case a.PublishedAt.After(now):
			return "schedule", nil
		case a.CountsForPlan:
			return "", s.count(ctx, tx, a)
		}
		return "", nil
	})
}

// Withdraw takes a published (or scheduled) article down with a reason the public
// reads at its address. A plan result it recorded stays — the work was done and was
// online — and its history notes the withdrawal and the reason.
func (s *Store) Withdraw(ctx context.Context, id string, rowVersion int, ed Editor, reason string) (*Article, error) {
	reason = strings.TrimSpace(vn.NFC(reason))
	errs := valid.Errors{}
	errs.Required("reason", reason)
	errs.MaxLen("reason", reason, MaxReason)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return s.step(ctx, id, rowVersion, ed, "withdraw", reason, func(tx *sql.Tx, a *Article, now time.Time) (string, error) {
		if a.LiveVersion == 0 || a.State == StateWithdrawn {
			return "", ErrState
		}
		a.State, a.WithdrawnAt, a.WithdrawReason = StateWithdrawn, now, reason
		return "", s.noteWithdrawal(ctx, tx, a, now)
	})
}
