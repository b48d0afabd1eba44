package generate

import (
	"encoding/binary"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"loa/internal/vn"
)

// rng is the seeded source of every choice the generator makes. Each part of the
// dataset (agencies, plans, results, library) draws from its own stream of the same
// seed, so asking for more results leaves the agencies and plans as they were.
type rng struct{ *rand.Rand }

// Streams of the seed, one per part of the dataset.
const (
	streamAgencies uint64 = iota + 1
	streamUsers
	streamPassword
	streamPlans
	streamResults
	streamLibrary
	streamArticles
)

func newRNG(seed, stream uint64) rng {
	return rng{rand.New(rand.NewPCG(seed, stream*0x9e3779b97f4a7c15))}
}

// between returns an integer in [lo, hi].
func (r rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

// chance is true with probability p.
func (r rng) chance(p float64) bool { return r.Float64() < p }

// pick returns one element of list.
func pick[T any](r rng, list []T) T { return list[r.IntN(len(list))] }

// id is a UUIDv7 like store.NewID gives, but with its time taken from at and its
// random bits from the seeded stream: rows sort by creation time as the app's do,
// and the same seed gives the same ids.
func (r rng) id(at time.Time) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[8:], r.Uint64())
	binary.BigEndian.PutUint64(b[0:8], uint64(at.UnixMilli())<<16|r.Uint64()&0xffff)
	b[6] = 0x70 | b[6]&0x0f // version 7
	b[8] = 0x80 | b[8]&0x3f // RFC 4122 variant
	return uuid.UUID(b).String()
}

// at is a moment on day d at the given local (UTC+7) time, as stored: UTC, to the
// microsecond, the way store.Now keeps times.
func at(d vn.Date, hour, minute, second, micro int) time.Time {
	return time.Date(d.Year, d.Month, d.Day, hour, minute, second, micro*1000, vn.Location).UTC()
}
