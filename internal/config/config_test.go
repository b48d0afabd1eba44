package config

import (
	"flag"
	"testing"
)

// clearEnv hides the LOA_* settings of the shell running the tests.
func clearEnv(t *testing.T) {
	for _, k := range []string{"LOA_ADDR", "LOA_DB", "LOA_DATA", "LOA_BASE_URL", "LOA_LANG"} {
		t.Setenv(k, "")
	}
}

func TestFlagsWinOverEnvironmentWhichWinsOverDefaults(t *testing.T) {
	clearEnv(t)
	t.Setenv("LOA_ADDR", "0.0.0.0:9000")
	t.Setenv("LOA_DB", "postgres://u@db/loa")
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	c := Register(fs)
	if err := fs.Parse([]string{"--addr", "127.0.0.1:7000"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Finish(); err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:7000" {
		t.Errorf("flag should win: addr = %q", c.Addr)
	}
	if !c.IsPostgres() {
		t.Errorf("LOA_DB should be taken from the environment: %q", c.DB)
	}
	if c.Data != "loa-data" {
		t.Errorf("data folder default for PostgreSQL = %q", c.Data)
	}
}

func TestDefaultIsSQLiteUnderLoaData(t *testing.T) {
	clearEnv(t)
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	c := Register(fs)
	_ = fs.Parse(nil)
	if err := c.Finish(); err != nil {
		t.Fatal(err)
	}
	if c.IsPostgres() || c.DB != "loa-data/loa.db" || c.Data != "loa-data" {
		t.Fatalf("defaults: db=%q data=%q", c.DB, c.Data)
	}
	if c.BaseURL != "http://127.0.0.1:8080" {
		t.Fatalf("base url default %q", c.BaseURL)
	}
}

func TestUnknownLanguageIsRefused(t *testing.T) {
	clearEnv(t)
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	c := Register(fs)
	_ = fs.Parse([]string{"--lang", "fr"})
	if err := c.Finish(); err == nil {
		t.Fatal("lang fr should be refused")
	}
}
