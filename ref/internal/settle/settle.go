// Package settle runs the garbage collector until every cleanup it queued
// has run, so that leak reports are in before a test ends.
package settle

import (
	"runtime"
	"runtime/metrics"
	"time"
)

const (
	queued   = "/gc/cleanups/queued:cleanups"
	executed = "/gc/cleanups/executed:cleanups"
)

// Settle collects garbage and waits for the queued cleanups to run, and
// repeats while collecting finds more: a cleanup may drop the last pointer
// to another object with a cleanup. Cleanups run in parallel, so it waits
// on the runtime's counters of queued and executed cleanups, which count
// every cleanup in the process, rather than on a sentinel of its own that
// may run before the others finish. It returns false if the cleanups did
// not finish within timeout, for instance because one of them blocks.
func Settle(timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	s := []metrics.Sample{{Name: queued}, {Name: executed}}
	last := ^uint64(0)
	// Other goroutines may keep making garbage: a few rounds find what was
	// unreachable when Settle was called, which is all it promises.
	for range 4 {
		runtime.GC()
		metrics.Read(s)
		q := s[0].Value.Uint64()
		if q == last {
			return true
		}
		last = q
		for s[1].Value.Uint64() < q {
			if time.Now().After(deadline) {
				return false
			}
			time.Sleep(100 * time.Microsecond)
			metrics.Read(s)
		}
	}
	return true
}
