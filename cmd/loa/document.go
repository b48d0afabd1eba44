package main

import (
	"context"
	"fmt"

	"loa/internal/document/convert"
)

func runDocument(ctx context.Context, args []string) error {
	if len(args) != 3 || args[0] != "convert" {
		return fmt.Errorf("cách dùng: loa document convert VÀO RA (vào: .docx .txt; ra: .docx .pdf .xlsx .txt .json .html)")
	}
	if err := convert.File(args[1], args[2]); err != nil {
		return err
	}
	fmt.Printf("Đã chuyển %s → %s\n", args[1], args[2])
	return nil
}
