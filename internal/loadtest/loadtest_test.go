package loadtest_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"loa/internal/loadtest"
)

func TestALoadRunCountsRequestsAndOrdersItsPercentiles(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(strings.Repeat("x", 1000)))
	}))
	defer srv.Close()
	a, err := loadtest.Run(context.Background(), srv.URL, 4, 300*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if a.Requests == 0 || a.Errors != 0 || a.Bytes != 1000 || a.P50 > a.P99 || a.RPS() <= 0 || len(a.Latencies) != a.Requests {
		t.Fatalf("run: %+v", a)
	}
	b, _ := loadtest.Run(context.Background(), srv.URL, 4, 100*time.Millisecond)
	all := loadtest.Pooled(a, b)
	if all.Requests != a.Requests+b.Requests || all.Elapsed != a.Elapsed+b.Elapsed || all.P99 < all.P50 {
		t.Fatalf("pooled: %d requests in %s, p50 %s p99 %s", all.Requests, all.Elapsed, all.P50, all.P99)
	}
}

func TestAServerThatDoesNotAnswer200IsASetupError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	if _, err := loadtest.Run(context.Background(), srv.URL, 2, 100*time.Millisecond); err == nil {
		t.Fatal("a 404 page was measured as if it were the page")
	}
}
