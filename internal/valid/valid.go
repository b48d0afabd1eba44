// Package valid collects what is wrong with a form or an import, field by field, as
// messages of the catalogue, so the page can mark each field and keep what was typed.
package valid

import (
	"strings"

	"loa/internal/i18n"
)

// Errors maps a field name to what is wrong with it. The empty field name holds an
// error about the whole form.
type Errors map[string]i18n.Msg

// Add records a problem with field unless one is already recorded.
func (e Errors) Add(field, key string, args ...any) {
	if _, ok := e[field]; !ok {
		e[field] = i18n.M(key, args...)
	}
}

// Has tells whether field has a problem.
func (e Errors) Has(field string) bool { _, ok := e[field]; return ok }

// Err returns e as an error, or nil when nothing is wrong.
func (e Errors) Err() error {
	if len(e) == 0 {
		return nil
	}
	return &Error{Fields: e}
}

// Error is a failed validation.
type Error struct{ Fields Errors }

func (e *Error) Error() string {
	parts := make([]string, 0, len(e.Fields))
	for f, m := range e.Fields {
		parts = append(parts, f+": "+m.In(i18n.VI))
	}
	return "dữ liệu không hợp lệ: " + strings.Join(parts, "; ")
}

// Required records field as missing when value is blank.
func (e Errors) Required(field, value string) {
	if strings.TrimSpace(value) == "" {
		e.Add(field, "valid.required")
	}
}

// MaxLen records field as too long when value has more than n characters.
func (e Errors) MaxLen(field, value string, n int) {
	if len([]rune(value)) > n {
		e.Add(field, "valid.too_long", n)
	}
}
