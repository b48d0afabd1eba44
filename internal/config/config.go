// Package config reads Loa's settings from command-line flags and LOA_* environment
// variables. A flag given on the command line wins over the environment, which wins
// over the default.
package config

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Config is every setting of a Loa process.
type Config struct {
	Addr    string // listen address
	DB      string // a file path (SQLite) or a postgres:// URL
	Data    string // folder for files (evidence, uploads)
	BaseURL string // public address, used in links of e-mails and feeds
	Lang    string // default interface language: vi or en

	DemoPassword string // password of the demo accounts; random when empty

	SessionLifetime time.Duration
	SMTP            SMTP
	Site            Site
}

// Site is who the public portal says it belongs to. An empty Owner is filled with the
// name of the installation's top agency.
type Site struct {
	Name    string
	Owner   string
	Address string
	Phone   string
	Email   string
}

// SMTP is the optional mail server for reminders and digests.
type SMTP struct {
	Addr     string // host:port; empty disables e-mail
	Username string
	Password string
	From     string
}

// IsPostgres tells whether DB names a PostgreSQL server.
func (c *Config) IsPostgres() bool {
	return strings.HasPrefix(c.DB, "postgres://") || strings.HasPrefix(c.DB, "postgresql://")
}

// SecureCookies is true when Loa is reached over HTTPS.
func (c *Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }

func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

// Register declares the shared flags on fs, with defaults taken from the environment.
// Call Finish after fs.Parse.
func Register(fs *flag.FlagSet) *Config {
	c := &Config{}
	fs.StringVar(&c.Addr, "addr", env("LOA_ADDR", "127.0.0.1:8080"), "listen address (LOA_ADDR)")
	fs.StringVar(&c.DB, "db", env("LOA_DB", filepath.Join("loa-data", "loa.db")), "SQLite file path or postgres:// URL (LOA_DB)")
	fs.StringVar(&c.Data, "data", env("LOA_DATA", ""), "folder for files; default: beside the SQLite file, or ./loa-data (LOA_DATA)")
	fs.StringVar(&c.BaseURL, "base-url", env("LOA_BASE_URL", ""), "public address, e.g. https://cchc.example.gov.vn (LOA_BASE_URL)")
	fs.StringVar(&c.Lang, "lang", env("LOA_LANG", "vi"), "default language: vi or en (LOA_LANG)")
	c.DemoPassword = os.Getenv("LOA_DEMO_PASSWORD")
	c.SMTP = SMTP{
		Addr:     os.Getenv("LOA_SMTP_ADDR"),
		Username: os.Getenv("LOA_SMTP_USERNAME"),
		Password: os.Getenv("LOA_SMTP_PASSWORD"),
		From:     os.Getenv("LOA_SMTP_FROM"),
	}
	c.Site = Site{
		Name:    env("LOA_SITE_NAME", "Cổng thông tin cải cách hành chính"),
		Owner:   os.Getenv("LOA_SITE_OWNER"),
		Address: os.Getenv("LOA_SITE_ADDRESS"),
		Phone:   os.Getenv("LOA_SITE_PHONE"),
		Email:   os.Getenv("LOA_SITE_EMAIL"),
	}
	c.SessionLifetime = 12 * time.Hour
	return c
}

// Finish checks the settings and fills derived defaults.
func (c *Config) Finish() error {
	if c.Lang != "vi" && c.Lang != "en" {
		return fmt.Errorf("--lang must be vi or en, not %q", c.Lang)
	}
	if c.DB == "" {
		return fmt.Errorf("--db is empty: give a SQLite file path or a postgres:// URL")
	}
	if c.Data == "" {
		if c.IsPostgres() {
			c.Data = "loa-data"
		} else {
			c.Data = filepath.Dir(c.DB)
		}
	}
	if c.BaseURL == "" {
		host := c.Addr
		if strings.HasPrefix(host, ":") {
			host = "localhost" + host
		}
		c.BaseURL = "http://" + host
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	return nil
}
