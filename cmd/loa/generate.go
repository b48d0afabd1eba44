package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"loa/internal/generate"
	"loa/internal/vn"
)

func runGenerate(ctx context.Context, args []string) error {
	fs, cfg := newFlags("generate")
	var (
		agencies    = fs.Int("agencies", 100, "số cơ quan: UBND thành phố, các sở, văn phòng và đơn vị của từng sở (ít nhất 3)")
		activities  = fs.Int("activities", 2000, "số hoạt động, chia cho một kế hoạch đang thực hiện của mỗi sở")
		results     = fs.Int("results", 1_000_000, "số kết quả các đơn vị đã ghi nhận, từ 01/01 đến ngày --as-of")
		publicItems = fs.Int("public-items", 0, "số văn bản trong thư viện văn bản")
		users       = fs.Bool("users", true, "tạo tài khoản: quantri, một tài khoản văn phòng mỗi sở, một tài khoản mỗi đơn vị "+
			"(mật khẩu LOA_DEMO_PASSWORD, hoặc "+generate.DefaultPassword+")")
		seed = fs.Uint64("seed", 1, "hạt giống: cùng hạt giống và cùng --as-of cho cùng một cơ sở dữ liệu")
		asOf = fs.String("as-of", "", "ngày tạo dữ liệu, YYYY-MM-DD (mặc định: hôm nay): năm của kế hoạch và ngày cuối có kết quả")
	)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Cách dùng: loa generate [tùy chọn]\nTạo bộ dữ liệu cỡ thành phố vào cơ sở dữ liệu trống (--db/LOA_DB), "+
			"in tiến độ ra stderr và một dòng JSON tổng kết ra stdout.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := cfg.Finish(); err != nil {
		return err
	}
	var day vn.Date // zero: today
	if *asOf != "" {
		var err error
		if day, err = vn.ParseISODate(*asOf); err != nil {
			return fmt.Errorf("--as-of %q: cần ngày dạng YYYY-MM-DD", *asOf)
		}
	}
	db, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	sum, err := generate.Run(cliContext(ctx), db, generate.Options{Agencies: *agencies, Activities: *activities, Results: *results,
		PublicItems: *publicItems, Users: *users, Password: cfg.DemoPassword, Seed: *seed, AsOf: day, Progress: os.Stderr})
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(sum)
}
