// Package loadtest drives an HTTP server with a fixed number of keep-alive
// connections for a while and measures what it answered: requests per second and
// latency percentiles. It is what `loa bench` uses to put Loa side by side with a
// bare handler under the same load on the same machine.
package loadtest

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Result is what one run measured.
type Result struct {
	Requests int
	Errors   int // transport errors and answers other than 200
	Elapsed  time.Duration
	P50, P99 time.Duration
	Bytes    int64 // of the last body read, to check both servers sent the same page
	// Latencies are every request's, sorted, so that rounds can be pooled.
	Latencies []time.Duration
}

// Pooled puts several runs together as one: their requests and time summed, the
// percentiles taken over all their latencies.
func Pooled(rs ...Result) Result {
	var out Result
	for _, r := range rs {
		out.Requests += r.Requests
		out.Errors += r.Errors
		out.Elapsed += r.Elapsed
		out.Bytes = r.Bytes
		out.Latencies = append(out.Latencies, r.Latencies...)
	}
	slices.Sort(out.Latencies)
	out.P50, out.P99 = percentile(out.Latencies, 50), percentile(out.Latencies, 99)
	return out
}

func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, len(sorted)*p/100)]
}

// RPS is the successful requests per second.
func (r Result) RPS() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests-r.Errors) / r.Elapsed.Seconds()
}

// String is the line the bench prints for one side.
func (r Result) String() string {
	return fmt.Sprintf("rps=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d errors=%d bytes=%d",
		r.RPS(), ms(r.P50), ms(r.P99), r.Requests, r.Errors, r.Bytes)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Run sends GET url over conns connections, each one request at a time, for d.
func Run(ctx context.Context, url string, conns int, d time.Duration) (Result, error) {
	tr := &http.Transport{
		MaxIdleConns:        conns,
		MaxIdleConnsPerHost: conns,
		MaxConnsPerHost:     conns,
		DisableCompression:  true,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return Result{}, err
	}
	// One request first: a server that does not answer 200 is a setup error, not a
	// slow result.
	size, err := fetch(client, req)
	if err != nil {
		return Result{}, err
	}

	type worker struct {
		lat    []time.Duration
		errors int
	}
	workers := make([]worker, conns)
	stop := time.Now().Add(d)
	var wg sync.WaitGroup
	began := time.Now()
	for i := range workers {
		wg.Go(func() {
			w := &workers[i]
			w.lat = make([]time.Duration, 0, 1<<14)
			for time.Now().Before(stop) && ctx.Err() == nil {
				t0 := time.Now()
				if _, err := fetch(client, req); err != nil {
					w.errors++
				}
				w.lat = append(w.lat, time.Since(t0))
			}
		})
	}
	wg.Wait()
	res := Result{Elapsed: time.Since(began), Bytes: size}
	var all []time.Duration
	for _, w := range workers {
		all = append(all, w.lat...)
		res.Errors += w.errors
	}
	res.Requests = len(all)
	if len(all) == 0 {
		return res, fmt.Errorf("no request completed in %s", d)
	}
	slices.Sort(all)
	res.Latencies = all
	res.P50, res.P99 = percentile(all, 50), percentile(all, 99)
	return res, ctx.Err()
}

func fetch(client *http.Client, req *http.Request) (int64, error) {
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return n, err
	}
	if resp.StatusCode != http.StatusOK {
		return n, fmt.Errorf("%s: %s", req.URL, resp.Status)
	}
	return n, nil
}
