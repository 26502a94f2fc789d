//go:build refdebug

package ref_test

//go:generate go run gen_sites.go

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/refvet/refvet/ref"
)

// BenchmarkLongRun is a service running for a long time with refdebug on:
// b.N Get+Put pairs cycling over 1 000 call sites (sites_test.go), so 2 000
// distinct stacks. It reports the live heap (after a collection) at the
// end and at its highest of ten checkpoints, as growth over the heap after
// one warm-up round over every site. Flat memory is growth near zero
// whatever b.N: run with -benchtime=10000000x for ten million pairs.
// cap=512 shrinks the stack depot below the number of stacks, so that it
// evicts on every new stack and keeps re-interning them: still flat.
func BenchmarkLongRun(b *testing.B) {
	for _, c := range []int{ref.DepotCap(), 512} {
		b.Run(fmt.Sprintf("cap=%d", c), func(b *testing.B) {
			defer ref.SetDepotCap(ref.SetDepotCap(c))
			var o obj
			var anchor, r ref.Ref
			o.users.Get(&anchor)
			// One loop, so that the warm-up round over every site takes
			// references at the same stacks as the measured rounds.
			warm := len(sites)
			var base, peak uint64
			every := max(b.N/10, 1)
			for i := range warm + b.N {
				if i == warm {
					base = liveHeap()
					peak = base
					b.ResetTimer()
				}
				sink = sites[i%len(sites)](&o.users, &r)
				if i >= warm && (i-warm)%every == every-1 {
					b.StopTimer()
					peak = max(peak, liveHeap())
					b.StartTimer()
				}
			}
			b.StopTimer()
			end := liveHeap()
			o.users.Put(&anchor)
			b.ReportMetric(float64(int64(end)-int64(base)), "heap-growth-B")
			b.ReportMetric(float64(int64(peak)-int64(base)), "peak-growth-B")
			b.ReportMetric(float64(ref.DepotLen()), "depot-stacks")
		})
	}
}

// liveHeap is the heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
