package library

import (
	"context"

	"loa/internal/search"
)

// Every library entry is public: the portal lists it at /van-ban/{id}, and the
// portal's search finds it. Create and Update put the entry into the search index
// in their own transaction; SearchSource refills the index from the library.

// searchDoc is the entry as the portal's search holds it.
func (e Entry) searchDoc() search.Doc {
	d := search.Doc{Kind: search.KindDocument, Ref: e.ID, URL: "/van-ban/" + e.ID, Title: e.Heading(), Summary: e.Summary}
	if d.Title == e.Summary {
		d.Summary = ""
	}
	d.Body = e.TypeName
	if e.Issuer != "" {
		d.Body += " — " + e.Issuer
	}
	if !e.IssuedOn.IsZero() {
		d.Date, d.Year = e.IssuedOn.Time(), e.IssuedOn.Year
	}
	return d
}

// SearchSource yields every entry for search.Index.Rebuild (after an import that
// wrote rows directly, or on an index built before the library hook).
func (s *Store) SearchSource() search.Source {
	return func(ctx context.Context, yield func(search.Doc) error) error {
		const batch = 1000
		for offset := 0; ; offset += batch {
			rows, _, err := s.List(ctx, Filter{Limit: batch, Offset: offset})
			if err != nil {
				return err
			}
			for _, e := range rows {
				if err := yield(e.searchDoc()); err != nil {
					return err
				}
			}
			if len(rows) < batch {
				return nil
			}
		}
	}
}
