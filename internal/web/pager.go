package web

import (
	"net/http"
	"strconv"
)

// Pager is the position of a page in a long list; every list uses it.
type Pager struct {
	Page  int // from 1
	Size  int
	Total int
}

// PagerFrom reads ?page= from the request.
func PagerFrom(r *http.Request, size int) Pager {
	p, _ := strconv.Atoi(r.URL.Query().Get("page"))
	if p < 1 {
		p = 1
	}
	return Pager{Page: p, Size: size}
}

// Offset is the number of rows before this page.
func (p Pager) Offset() int { return (p.Page - 1) * p.Size }

// Pages is the number of pages.
func (p Pager) Pages() int {
	if p.Total == 0 {
		return 1
	}
	return (p.Total + p.Size - 1) / p.Size
}

func (p Pager) HasPrev() bool { return p.Page > 1 }
func (p Pager) HasNext() bool { return p.Page < p.Pages() }
func (p Pager) Prev() int     { return p.Page - 1 }
func (p Pager) Next() int     { return p.Page + 1 }
func (p Pager) First() int {
	if p.Total == 0 {
		return 0
	}
	return p.Offset() + 1
}
func (p Pager) Last() int { return min(p.Offset()+p.Size, p.Total) }
