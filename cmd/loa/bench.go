package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"loa/internal/app"
	"loa/internal/generate"
	"loa/internal/loadtest"
	"loa/internal/store"
)

func runBench(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "portal" {
		return errors.New("cách dùng: loa bench portal [tùy chọn] (loa bench portal -h để xem tùy chọn)")
	}
	return benchPortal(ctx, args[1:])
}

// benchPortal serves a typical public page from Loa and the same bytes from a bare
// net/http handler, loads each in turn with the same connections, and prints both
// sides and, last, the line scripts read.
func benchPortal(ctx context.Context, args []string) error {
	fs, cfg := newFlags("bench portal")
	var (
		items    = fs.Int("items", 100_000, "số mục công khai (tin bài và văn bản) cần có trong cơ sở dữ liệu; tạo bằng loa generate nếu còn trống")
		conns    = fs.Int("conns", 64, "số kết nối đồng thời")
		duration = fs.Duration("duration", 5*time.Second, "thời gian đo mỗi lượt, mỗi bên")
		rounds   = fs.Int("rounds", 2, "số lượt đo xen kẽ hai bên")
		path     = fs.String("path", "", "trang cần đo (mặc định: một tin bài tiêu biểu)")
	)
	dbFlagged := false
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Cách dùng: loa bench portal [tùy chọn]\nĐo trang công khai của Loa bên cạnh một trình phục vụ net/http trần "+
			"trả cùng nội dung, cùng tải. Dòng cuối: ratio=R loa_rps=N bare_rps=N p50_ms=N p99_ms=N.\n"+
			"Không có --db/LOA_DB: dùng (và giữ lại để lần sau chạy nhanh) "+filepath.Join(os.TempDir(), "loa-bench-portal.db"))
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	fs.Visit(func(f *flag.Flag) { dbFlagged = dbFlagged || f.Name == "db" })
	if !dbFlagged && os.Getenv("LOA_DB") == "" {
		cfg.DB = filepath.Join(os.TempDir(), "loa-bench-portal.db")
	}
	if err := cfg.Finish(); err != nil {
		return err
	}
	ctx = cliContext(ctx)
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	have, err := publicItems(ctx, db)
	if err != nil {
		return err
	}
	if have == 0 {
		fmt.Fprintf(os.Stderr, "Tạo %d mục công khai vào %s …\n", *items, cfg.DB)
		sum, err := generate.Run(ctx, db, generate.Options{Agencies: 100, Activities: 200, PublicItems: *items, Seed: 1, Progress: os.Stderr})
		if err != nil {
			return err
		}
		have = sum.LibraryDocs + sum.Articles
		debug.FreeOSMemory() // what the server holds under load is measured, not the generator's leftovers
	}
	fmt.Printf("items=%d db=%s conns=%d duration=%s rounds=%d\n", have, db.Dialect, *conns, *duration, *rounds)

	// The app logs every request as in production, into a sink: the cost of writing
	// the line is measured, not the terminal's.
	a, err := app.New(cfg, db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return err
	}
	go a.Public.Run(ctx)
	loaURL, stopLoa, err := listen(a.Handler)
	if err != nil {
		return err
	}
	defer stopLoa()
	if *path == "" {
		if *path, err = typicalPage(ctx, db); err != nil {
			return err
		}
	}
	page, ctype, err := get(ctx, loaURL+*path)
	if err != nil {
		return err
	}
	bareURL, stopBare, err := listen(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Content-Length", strconv.Itoa(len(page)))
		_, _ = w.Write(page)
	}))
	if err != nil {
		return err
	}
	defer stopBare()
	fmt.Printf("page=%s bytes=%d\n", *path, len(page))

	warm := min(*duration, time.Second)
	for _, u := range []string{bareURL, loaURL} {
		if _, err := loadtest.Run(ctx, u+*path, *conns, warm); err != nil {
			return err
		}
	}
	var bare, loa []loadtest.Result
	for i := range *rounds {
		b, err := loadtest.Run(ctx, bareURL+*path, *conns, *duration)
		if err != nil {
			return err
		}
		l, err := loadtest.Run(ctx, loaURL+*path, *conns, *duration)
		if err != nil {
			return err
		}
		fmt.Printf("round=%d bare %s\nround=%d loa  %s\n", i+1, b, i+1, l)
		if l.Bytes != b.Bytes {
			return fmt.Errorf("hai bên trả khác nhau: Loa %d byte, trần %d byte", l.Bytes, b.Bytes)
		}
		bare, loa = append(bare, b), append(loa, l)
	}
	hits, misses := a.Public.Stats()
	fmt.Printf("cache_hits=%d cache_misses=%d rss_mb=%d\n", hits, misses, rssMB())
	l, b := loadtest.Pooled(loa...), loadtest.Pooled(bare...)
	fmt.Printf("all  bare %s\nall  loa  %s\n", b, l)
	fmt.Printf("ratio=%.2f loa_rps=%.0f bare_rps=%.0f p50_ms=%.2f p99_ms=%.2f\n", l.RPS()/b.RPS(), l.RPS(), b.RPS(), ms(l.P50), ms(l.P99))
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// publicItems counts what the public can read: library documents and articles.
func publicItems(ctx context.Context, db *store.DB) (int, error) {
	var n int
	err := db.Read().QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM library_docs) + (SELECT COUNT(*) FROM portal_articles)`).Scan(&n)
	return n, err
}

// typicalPage is the page the bench loads when none is named: a news article from
// the middle of the list, neither the newest nor the oldest.
func typicalPage(ctx context.Context, db *store.DB) (string, error) {
	var n int
	if err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM portal_articles WHERE kind = 'news' AND live_version > 0`).Scan(&n); err != nil {
		return "", err
	}
	if n == 0 {
		return "/", nil
	}
	var slug string
	err := db.Read().QueryRowContext(ctx, `SELECT slug FROM portal_articles WHERE kind = 'news' AND live_version > 0
		ORDER BY published_at, id LIMIT 1 OFFSET $1`, n/2).Scan(&slug)
	return "/tin-tuc/" + slug, err
}

func listen(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return "http://" + ln.Addr().String(), func() { _ = srv.Close() }, nil
}

func get(ctx context.Context, url string) ([]byte, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return nil, "", err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("%s: %s", url, resp.Status)
	}
	return buf.Bytes(), resp.Header.Get("Content-Type"), nil
}

// rssMB is the resident memory of this process (servers and load together) as the
// load ends.
func rssMB() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return kb / 1024
		}
	}
	return 0
}
