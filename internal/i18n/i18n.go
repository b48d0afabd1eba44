// Package i18n is the one catalogue of every text Loa shows: Vietnamese first, English
// second. Code and templates name a message by its key; a key missing from the
// catalogue is a test failure, never a blank on screen.
package i18n

import (
	"fmt"
	"sort"
)

// Lang is an interface language.
type Lang string

const (
	VI Lang = "vi"
	EN Lang = "en"
)

// Parse returns the language s names, or Vietnamese.
func Parse(s string) Lang {
	if s == "en" {
		return EN
	}
	return VI
}

// Msg is a message to show later, in the reader's language.
type Msg struct {
	Key  string
	Args []any
}

// M builds a Msg.
func M(key string, args ...any) Msg { return Msg{Key: key, Args: args} }

// In renders m in lang.
func (m Msg) In(lang Lang) string { return T(lang, m.Key, m.Args...) }

type entry struct{ vi, en string }

var catalogue = map[string]entry{}

// add registers messages; each file of the catalogue calls it from init.
func add(entries map[string][2]string) {
	for k, v := range entries {
		if _, dup := catalogue[k]; dup {
			panic("i18n: key defined twice: " + k)
		}
		catalogue[k] = entry{v[0], v[1]}
	}
}

// T renders the message key in lang with fmt-style args. An unknown key renders as
// the key itself, so a forgotten message is visible (and caught by tests).
func T(lang Lang, key string, args ...any) string {
	e, ok := catalogue[key]
	if !ok {
		return key
	}
	s := e.vi
	if lang == EN && e.en != "" {
		s = e.en
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Has tells whether key is in the catalogue.
func Has(key string) bool {
	_, ok := catalogue[key]
	return ok
}

// Keys lists every key, sorted.
func Keys() []string {
	keys := make([]string, 0, len(catalogue))
	for k := range catalogue {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
