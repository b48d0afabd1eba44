// Command loa runs Loa, the system with which a Vietnamese agency runs its yearly plan
// for communicating administrative reform. One binary: the web server and every
// administrative command.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"loa/internal/config"
	"loa/internal/store"
)

// version is set at build time: go build -ldflags "-X main.version=1.2.3".
var version = "dev"

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "chạy máy chủ web (--demo: nạp dữ liệu mẫu nếu cơ sở dữ liệu trống)", runServe},
		{"migrate", "áp dụng các thay đổi cấu trúc cơ sở dữ liệu rồi thoát", runMigrate},
		{"demo", "nạp dữ liệu mẫu vào cơ sở dữ liệu trống", runDemo},
		{"generate", "tạo bộ dữ liệu cỡ thành phố (cơ quan, kế hoạch, kết quả) vào cơ sở dữ liệu trống, theo hạt giống", runGenerate},
		{"user", "quản lý tài khoản: add, passwd, list, disable, enable", runUser},
		{"document", "văn bản: convert VÀO RA (đổi định dạng qua mô hình văn bản Nghị định 30)", runDocument},
		{"report", "báo cáo: compile --agency VIETTAT --period 2024-Q1 --format json|docx|pdf|xlsx|csv --out TỆP (không lưu)", runReport},
		{"plan", "kế hoạch: import TỆP (in JSON; --save để lưu dự thảo), export ID docx|pdf|json TỆP_RA", runPlan},
		{"bench", "đo tốc độ: portal (trang công khai bên cạnh một trình phục vụ net/http trần, cùng tải)", runBench},
		{"backup", "sao lưu cơ sở dữ liệu SQLite ra một tệp trong khi vẫn chạy", runBackup},
		{"version", "in phiên bản", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := dispatch(ctx, os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "loa:", err)
		os.Exit(1)
	}
}

func dispatch(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(out)
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:])
		}
	}
	usage(os.Stderr)
	return fmt.Errorf("không có lệnh %q", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Loa — quản lý kế hoạch thông tin, tuyên truyền cải cách hành chính")
	fmt.Fprintln(w, "\nCách dùng: loa <lệnh> [tùy chọn]\n\nCác lệnh:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nCấu hình bằng cờ hoặc biến môi trường: --addr/LOA_ADDR, --db/LOA_DB, --data/LOA_DATA, --base-url/LOA_BASE_URL, --lang/LOA_LANG.")
	fmt.Fprintln(w, "Xem thêm: loa <lệnh> -h")
}

// newFlags makes a flag set with the shared settings.
func newFlags(name string) (*flag.FlagSet, *config.Config) {
	fs := flag.NewFlagSet("loa "+name, flag.ContinueOnError)
	return fs, config.Register(fs)
}

// parseInterspersed parses flags that may come after positional arguments
// ("loa user passwd quantri --password …"), which the flag package alone would leave unparsed.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// openDB opens and migrates the configured database.
func openDB(ctx context.Context, cfg *config.Config) (*store.DB, error) {
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func newLogger() *slog.Logger {
	if os.Getenv("LOA_LOG_FORMAT") == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, nil))
}
