package main

import (
	"context"
	"fmt"
	"time"

	"loa/internal/app"
	"loa/internal/auth"
	"loa/internal/demo"
)

func runServe(ctx context.Context, args []string) error {
	fs, cfg := newFlags("serve")
	withDemo := fs.Bool("demo", false, "nạp dữ liệu mẫu nếu cơ sở dữ liệu trống, rồi in các tài khoản mẫu")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := cfg.Finish(); err != nil {
		return err
	}
	start := time.Now()
	log := newLogger()
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if *withDemo {
		accounts, err := demo.Load(ctx, db, cfg.DemoPassword, cfg.Data, cfg.BaseURL)
		switch err {
		case nil:
			printAccounts(accounts)
		case demo.ErrNotEmpty:
			fmt.Println("Cơ sở dữ liệu đã có dữ liệu: không nạp lại dữ liệu mẫu.")
		default:
			return err
		}
	}
	if n, err := auth.NewStore(db).Count(ctx); err == nil && n == 0 {
		fmt.Println("Chưa có tài khoản nào. Tạo quản trị viên đầu tiên: loa user add --admin --username quantri --name \"Họ và tên\" --agency-name \"Tên cơ quan\" --agency-abbr VIETTAT")
	}
	a, err := app.New(cfg, db, log)
	if err != nil {
		return err
	}
	return a.Serve(ctx, func(addr string) {
		log.Info("loa ready", "addr", addr, "db", db.Dialect, "startup_ms", time.Since(start).Milliseconds(), "version", version)
		fmt.Printf("Loa đang chạy tại %s (Ctrl+C để dừng)\n", cfg.BaseURL)
	})
}

func printAccounts(accounts []demo.Account) {
	fmt.Println("Đã nạp dữ liệu mẫu. Tài khoản mẫu (tên đăng nhập / mật khẩu / vai trò):")
	for _, a := range accounts {
		fmt.Printf("  %-10s %-18s %-7s %s\n", a.Username, a.Password, a.Role, a.Agency)
	}
}
