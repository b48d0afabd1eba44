package main

import (
	"context"
	"fmt"
	"os"
	"os/user"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"loa/internal/agency"
	"loa/internal/audit"
	"loa/internal/auth"
	"loa/internal/demo"
	"loa/internal/store"
)

// cliContext marks writes made from the command line in the audit log.
func cliContext(ctx context.Context) context.Context {
	name := "cli"
	if u, err := user.Current(); err == nil {
		name = "cli:" + u.Username
	}
	return audit.WithActor(ctx, audit.Actor{Name: name})
}

func runMigrate(ctx context.Context, args []string) error {
	fs, cfg := newFlags("migrate")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := cfg.Finish(); err != nil {
		return err
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("Cơ sở dữ liệu đã ở phiên bản cấu trúc %d.\n", v)
	return nil
}

func runDemo(ctx context.Context, args []string) error {
	fs, cfg := newFlags("demo")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := cfg.Finish(); err != nil {
		return err
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	accounts, err := demo.Load(cliContext(ctx), db, cfg.DemoPassword, cfg.Data, cfg.BaseURL)
	if err != nil {
		return err
	}
	printAccounts(accounts)
	return nil
}

func runBackup(ctx context.Context, args []string) error {
	fs, cfg := newFlags("backup")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Cách dùng: loa backup [--db …] TỆP_ĐÍCH\nSQLite: sao chép nhất quán khi Loa vẫn chạy. PostgreSQL: dùng pg_dump (lệnh này in hướng dẫn).")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if err := cfg.Finish(); err != nil {
		return err
	}
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	if db.Dialect == store.Postgres {
		return store.ErrBackupPostgres
	}
	if len(files) != 1 {
		fs.Usage()
		return fmt.Errorf("cần đúng một tệp đích")
	}
	if err := db.Backup(ctx, files[0]); err != nil {
		return err
	}
	fmt.Printf("Đã sao lưu vào %s\n", files[0])
	return nil
}

func runVersion(ctx context.Context, args []string) error {
	fmt.Printf("loa %s (%s, %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Path == "modernc.org/sqlite" || m.Path == "modernc.org/libc" || m.Path == "github.com/jackc/pgx/v5" {
				v := m.Version
				if m.Replace != nil {
					v = m.Replace.Version
				}
				fmt.Printf("  %s %s\n", m.Path, v)
			}
		}
	}
	return nil
}

func runUser(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("cách dùng: loa user add|passwd|list|disable|enable …")
	}
	sub, rest := args[0], args[1:]
	fs, cfg := newFlags("user " + sub)
	var (
		username   = fs.String("username", "", "tên đăng nhập")
		fullName   = fs.String("name", "", "họ và tên")
		password   = fs.String("password", "", "mật khẩu (để trống: tạo ngẫu nhiên và in ra)")
		agencyAbbr = fs.String("agency", "", "chữ viết tắt của cơ quan công tác, ví dụ SKHCN hoặc SKHCN/VP")
		agencyName = fs.String("agency-name", "", "với --admin trên cơ sở dữ liệu trống: tên cơ quan đầu tiên")
		newAbbr    = fs.String("agency-abbr", "", "với --agency-name: chữ viết tắt của cơ quan đó")
		role       = fs.String("role", "", "vai trò tại cơ quan công tác: admin, office, unit, leader, editor, viewer")
		isAdmin    = fs.Bool("admin", false, "cấp vai trò quản trị (viết tắt của --role admin)")
	)
	positional, err := parseInterspersed(fs, rest)
	if err != nil {
		return err
	}
	if err := cfg.Finish(); err != nil {
		return err
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = cliContext(ctx)
	users := auth.NewStore(db)
	agencies := agency.NewStore(db)
	target := *username
	if target == "" && len(positional) > 0 {
		target = positional[0]
	}
	switch sub {
	case "list":
		return listUsers(ctx, users, agencies)
	case "add":
		if *isAdmin {
			*role = string(auth.RoleAdmin)
		}
		var ag *agency.Agency
		switch {
		case *agencyAbbr != "":
			ag, err = agencies.ByAbbr(ctx, *agencyAbbr)
		case *agencyName != "":
			ag, err = agencies.Create(ctx, agency.Input{Name: *agencyName, Abbr: *newAbbr, Kind: agency.KindDepartment})
		default:
			return fmt.Errorf("cần --agency VIETTAT (cơ quan đã có) hoặc --agency-name và --agency-abbr (tạo cơ quan đầu tiên)")
		}
		if err != nil {
			return err
		}
		pw := *password
		if pw == "" {
			pw = auth.RandomPassword()
		}
		var roles []auth.Membership
		if *role != "" {
			roles = append(roles, auth.Membership{AgencyID: ag.ID, Role: auth.Role(*role)})
		}
		u, err := users.Create(ctx, auth.UserInput{Username: target, FullName: *fullName, AgencyID: ag.ID, Password: pw}, roles)
		if err != nil {
			return err
		}
		fmt.Printf("Đã tạo tài khoản %s tại %s.\n", u.Username, ag.Name)
		if *password == "" {
			fmt.Printf("Mật khẩu: %s\n", pw)
		}
		return nil
	case "passwd":
		u, err := users.ByUsername(ctx, target)
		if err != nil {
			return fmt.Errorf("không có tài khoản %q", target)
		}
		pw := *password
		if pw == "" {
			pw = auth.RandomPassword()
		}
		if err := users.SetPassword(ctx, u.ID, pw); err != nil {
			return err
		}
		fmt.Printf("Đã đặt mật khẩu mới cho %s.\n", u.Username)
		if *password == "" {
			fmt.Printf("Mật khẩu: %s\n", pw)
		}
		return nil
	case "disable", "enable":
		u, err := users.ByUsername(ctx, target)
		if err != nil {
			return fmt.Errorf("không có tài khoản %q", target)
		}
		if err := users.SetDisabled(ctx, u.ID, sub == "disable"); err != nil {
			return err
		}
		fmt.Printf("Đã %s tài khoản %s.\n", map[string]string{"disable": "khóa", "enable": "mở khóa"}[sub], u.Username)
		return nil
	}
	return fmt.Errorf("không có lệnh con %q: dùng add, passwd, list, disable hoặc enable", sub)
}

func listUsers(ctx context.Context, users *auth.Store, agencies *agency.Store) error {
	list, err := users.List(ctx, nil)
	if err != nil {
		return err
	}
	all, err := agencies.All(ctx)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, a := range all {
		names[a.ID] = a.Abbr
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TÊN ĐĂNG NHẬP\tHỌ VÀ TÊN\tCƠ QUAN\tVAI TRÒ\tTRẠNG THÁI")
	for _, u := range list {
		ms, err := users.Memberships(ctx, u.ID)
		if err != nil {
			return err
		}
		var roles []string
		for _, m := range ms {
			roles = append(roles, string(m.Role)+"@"+names[m.AgencyID])
		}
		status := "hoạt động"
		if u.Disabled {
			status = "đã khóa"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Username, u.FullName, names[u.AgencyID], strings.Join(roles, ", "), status)
	}
	return tw.Flush()
}
