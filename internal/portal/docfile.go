package portal

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"time"

	"loa/internal/audit"
	"loa/internal/files"
	"loa/internal/pubcache"
	"loa/internal/store"
	"loa/internal/valid"
)

// A document of the library may carry its file — the signed PDF, a scan — which the
// portal offers for download beside the document's details.

// DocFile is the file of a library document.
type DocFile struct {
	DocID       string
	Hash        string
	Name        string
	Size        int64
	ContentType string
	AttachedAt  time.Time
}

// Kind is the file's kind, for its label.
func (f DocFile) Kind() files.Kind { return files.File{ContentType: f.ContentType}.Kind() }

// SizeText is the size as a reader expects it: "1,2 MB", "300 KB".
func (f DocFile) SizeText() string { return sizeText(f.Size) }

// docLimits are the files a library document may carry.
var docLimits = files.Limits{MaxBytes: 30 << 20, Allowed: []files.Kind{files.PDF, files.DOCX, files.XLSX, files.JPEG, files.PNG}}

// MaxDocFileBytes is the largest file a library document may carry.
const MaxDocFileBytes = 30 << 20

const docFileColumns = `l.doc_id, l.file_hash, l.file_name, f.size, f.content_type, l.attached_at`

func scanDocFile(row interface{ Scan(...any) error }) (*DocFile, error) {
	var d DocFile
	if err := row.Scan(&d.DocID, &d.Hash, &d.Name, &d.Size, &d.ContentType, &d.AttachedAt); err != nil {
		return nil, store.NotFound(err)
	}
	return &d, nil
}

// DocFile returns the file of library document docID, or store.ErrNotFound.
func (s *Store) DocFile(ctx context.Context, docID string) (*DocFile, error) {
	return scanDocFile(s.db.Read().QueryRowContext(ctx, `SELECT `+docFileColumns+` FROM library_files l JOIN files f ON f.hash = l.file_hash
		WHERE l.doc_id = $1`, docID))
}

// DocFiles returns the files of the documents ids, by document.
func (s *Store) DocFiles(ctx context.Context, ids []string) (map[string]*DocFile, error) {
	out := map[string]*DocFile{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	ph := ""
	for i, id := range ids {
		args[i] = id
		if i > 0 {
			ph += ", "
		}
		ph += "$" + itoa(i+1)
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT `+docFileColumns+` FROM library_files l JOIN files f ON f.hash = l.file_hash
		WHERE l.doc_id IN (`+ph+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		d, err := scanDocFile(rows)
		if err != nil {
			return nil, err
		}
		out[d.DocID] = d
	}
	return out, rows.Err()
}

// AttachDocFile gives library document docID its file, replacing the one it had.
// A file Loa does not take comes back as a validation error on field "file".
func (s *Store) AttachDocFile(ctx context.Context, docID string, up Upload, ed Editor) (*DocFile, error) {
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		var owner, summary string
		if err := tx.QueryRowContext(ctx, `SELECT owner_agency_id, summary FROM library_docs WHERE id = $1`, docID).Scan(&owner, &summary); err != nil {
			return store.NotFound(err)
		}
		if len(up.Data) == 0 && up.Name == "" {
			errs := valid.Errors{}
			errs.Add("file", "portal.doc_file_required")
			return errs.Err()
		}
		f, err := s.files.Save(ctx, tx, up.Name, bytes.NewReader(up.Data), docLimits)
		var fe *files.Error
		if errors.As(err, &fe) {
			errs := valid.Errors{}
			errs.Add("file", "portal.file_refused", fe.Message)
			return errs.Err()
		}
		if err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `DELETE FROM library_files WHERE doc_id = $1`, docID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO library_files (doc_id, file_hash, file_name, attached_by, attached_at) VALUES ($1, $2, $3, $4, $5)`,
			docID, f.Hash, baseName(up.Name), nullable(ed.ID), now); err != nil {
			return err
		}
		if err := pubcache.Bump(ctx, s.db, tx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "attach", Entity: "library_doc", EntityID: docID, AgencyID: owner,
			Summary: "Đính kèm tệp " + baseName(up.Name) + " vào văn bản: " + summary, After: map[string]any{"file": f.Hash, "name": baseName(up.Name)}})
	})
	if err != nil {
		return nil, err
	}
	return s.DocFile(ctx, docID)
}

// RemoveDocFile takes the file off library document docID; the document stays.
func (s *Store) RemoveDocFile(ctx context.Context, docID string) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		var owner string
		if err := tx.QueryRowContext(ctx, `SELECT owner_agency_id FROM library_docs WHERE id = $1`, docID).Scan(&owner); err != nil {
			return store.NotFound(err)
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM library_files WHERE doc_id = $1`, docID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return store.ErrNotFound
		}
		// The library's own row changes, so the portal's last-modified time moves on.
		if _, err := tx.ExecContext(ctx, `UPDATE library_docs SET updated_at = $1 WHERE id = $2`, s.now(), docID); err != nil {
			return err
		}
		if err := pubcache.Bump(ctx, s.db, tx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{Action: "detach", Entity: "library_doc", EntityID: docID, AgencyID: owner,
			Summary: "Gỡ tệp khỏi văn bản"})
	})
}
