package portal_test

import (
	"strings"
	"testing"

	"loa/internal/demo"
	"loa/internal/files"
	"loa/internal/portal"
	"loa/internal/store/storetest"
)

func TestTheDemoPortalIsPublishedReviewedCountedAndHasDocumentFiles(t *testing.T) {
	db := storetest.SQLite(t)
	data := t.TempDir()
	if _, err := demo.Load(ctx, db, "mat-khau-dai-du-12", data, baseURL); err != nil {
		t.Fatal(err)
	}
	fs, err := files.New(db, data)
	if err != nil {
		t.Fatal(err)
	}
	if err := portal.Demo(ctx, db, fs, baseURL); err != nil { // a second call changes nothing
		t.Fatal(err)
	}
	s := portal.NewStore(db, fs, nil, baseURL)
	for kind, want := range map[portal.Kind]int{portal.KindNews: 2, portal.KindGuide: 1, portal.KindLeaflet: 1, portal.KindPractice: 1, portal.KindPage: 2} {
		if _, n, err := s.Published(ctx, kind, 10, 0); err != nil || n != want {
			t.Errorf("%s: %d published, want %d (%v)", kind, n, want, err)
		}
	}
	var waiting, results, files int
	_ = db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM portal_articles WHERE state = 'submitted'`).Scan(&waiting)
	_ = db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM results WHERE links LIKE $1`, "%"+baseURL+"%").Scan(&results)
	_ = db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM library_files`).Scan(&files)
	// News, the guide, the leaflet and the good practice count; the two pages do not.
	if waiting != 1 || results != 5 || files != 2 {
		t.Fatalf("waiting %d, results %d, document files %d", waiting, results, files)
	}
	contacts, err := s.Live(ctx, portal.ContactsSlug)
	if err != nil || contacts.Path() != "/lien-he" || !strings.Contains(contacts.Body, "<h2>") {
		t.Fatalf("contacts %+v %v", contacts, err)
	}
}
