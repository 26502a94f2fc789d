//go:build refdebug

package ref

import (
	"runtime"
	"strings"
	"testing"
)

//go:noinline
func stepA(bits uint, n int, f func()) { walk(bits, n, f) }

//go:noinline
func stepB(bits uint, n int, f func()) { walk(bits, n, f) }

// walk calls f through n frames of stepA or stepB, chosen by the bits:
// each value of the low n bits is a stack of its own.
//
//go:noinline
func walk(bits uint, n int, f func()) {
	switch {
	case n == 0:
		f()
	case bits&1 == 0:
		stepA(bits>>1, n-1, f)
	default:
		stepB(bits>>1, n-1, f)
	}
}

//go:noinline
func takeAt(c *Count, r *Ref) { c.Get(r) }

//go:noinline
func putAt(c *Count, r *Ref) { c.Put(r) }

// churn takes and puts 2^bits references, each at a stack of its own,
// and puts it at another: 2^(bits+1) distinct stacks.
func churn(bits int) {
	var c Count
	var anchor Ref
	c.Get(&anchor)
	for i := range uint(1) << bits {
		walk(i, bits, func() {
			var r Ref
			takeAt(&c, &r)
			putAt(&c, &r)
		})
	}
	c.Put(&anchor)
}

func withCap(t *testing.T, n int) {
	old := setDepotCap(n)
	t.Cleanup(func() { setDepotCap(old) })
}

func top(s *stack) string {
	f, _ := runtime.CallersFrames(s.pcs).Next()
	return f.Function
}

// The depot stays within its cap however many stacks it sees, and the
// records of held references keep their stacks whole.
func TestDepotCap(t *testing.T) {
	const limit = 2 * depotShards
	withCap(t, limit)
	var c Count
	var r Ref
	takeAt(&c, &r)
	before := depotEvicted.Load()
	churn(10) // 2 048 stacks
	if n := depotLen(); n > limit {
		t.Fatalf("depot holds %d stacks, cap %d", n, limit)
	}
	if n := depotEvicted.Load() - before; n < 2048-limit {
		t.Errorf("%d stacks evicted, want at least %d", n, 2048-limit)
	}
	if got := top(r.st.taken); !strings.HasSuffix(got, ".takeAt") {
		t.Errorf("held reference's stack starts in %s after eviction, want takeAt", got)
	}
	c.Put(&r)
}

// A message that shows an evicted stack says how many were dropped.
func TestEvictedNote(t *testing.T) {
	withCap(t, depotShards) // one stack per shard: any new one evicts
	var got []*Violation
	prev := SetReporter(func(v *Violation) { got = append(got, v) })
	defer func() { SetReporter(prev) }()
	var c Count
	var r Ref
	takeAt(&c, &r)
	putAt(&c, &r)
	churn(10)
	if !r.st.past.at.evicted.Load() {
		t.Skip("the first put's stack survived 2048 others in a one-stack shard (p < 1e-13)")
	}
	putAt(&c, &r) // the double put
	if len(got) != 1 || got[0].Kind != PutNotHeld {
		t.Fatalf("want one PutNotHeld, got %v", got)
	}
	if !strings.Contains(got[0].Msg, "stacks dropped so far") {
		t.Errorf("no note of the dropped stacks in %q", got[0].Msg)
	}
	if got := innermostOf(got[0].Stacks[1]); !strings.HasSuffix(got, ".putAt") {
		t.Errorf("the evicted stack of the first put starts in %s, want putAt", got)
	}
}

func innermostOf(s Stack) string {
	f, _ := runtime.CallersFrames(s.PCs).Next()
	return f.Function
}
