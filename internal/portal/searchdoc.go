package portal

import (
	"loa/internal/search"
)

// searchKinds file each section of the portal under a kind of the search index.
var searchKinds = map[Kind]string{
	KindNews:     search.KindArticle,
	KindGuide:    search.KindPage,
	KindPage:     search.KindPage,
	KindPractice: "practice",
	KindLeaflet:  "leaflet",
}

// SearchDoc is what the search index holds of an article's public version v.
func SearchDoc(a *Article, v *Version) search.Doc {
	return search.Doc{Kind: searchKinds[a.Kind], Ref: a.ID, Title: v.Title, Summary: v.Summary,
		Body: PlainText(Sanitize(v.Body)), URL: a.Path(), Date: a.PublishedAt}
}
