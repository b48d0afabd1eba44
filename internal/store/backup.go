package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ErrBackupPostgres explains how to back up PostgreSQL, which Loa leaves to its own tools.
var ErrBackupPostgres = errors.New("với PostgreSQL, hãy sao lưu bằng công cụ của PostgreSQL: " +
	"pg_dump --format=custom --file=loa.dump \"$LOA_DB\" (khôi phục: pg_restore --clean --dbname=\"$LOA_DB\" loa.dump); " +
	"pg_dump cho bản sao nhất quán khi Loa vẫn đang chạy")

// Backup writes a consistent copy of a SQLite database to path while Loa keeps
// serving: VACUUM INTO reads one snapshot and writes a compact new file.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.Dialect == Postgres {
		return ErrBackupPostgres
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err == nil {
		return fmt.Errorf("tệp %s đã tồn tại: chọn tên khác để không ghi đè bản sao lưu cũ", abs)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o750); err != nil {
		return err
	}
	_, err = db.write.ExecContext(ctx, `VACUUM INTO '`+strings.ReplaceAll(abs, "'", "''")+`'`)
	return err
}
