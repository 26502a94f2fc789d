//go:build refdebug

package ref

import (
	"runtime"
	"strings"
	"testing"
)

//go:noinline
func deep(n int, f func()) {
	if n == 0 {
		f()
		return
	}
	deep(n-1, f)
}

//go:noinline
func takeAt(c *Count, r *Ref) { c.Get(r) }

//go:noinline
func putAt(c *Count, r *Ref) { c.Put(r) }

// churn takes and puts n references, each at a stack of its own depth.
func churn(n int) {
	var c Count
	var anchor Ref
	c.Get(&anchor)
	for i := range n {
		deep(i%(maxDepth-4), func() {
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
	withCap(t, 2*depotShards)
	var c Count
	var r Ref
	takeAt(&c, &r)
	before := depotEvicted.Load()
	for range 3 {
		churn(maxDepth - 4)
		if n := depotLen(); n > 2*depotShards {
			t.Fatalf("depot holds %d stacks, cap %d", n, 2*depotShards)
		}
	}
	if depotEvicted.Load() == before {
		t.Fatal("no stack evicted")
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
	churn(1000)
	if !r.st.past.at.evicted.Load() {
		t.Skip("the first put's stack survived 1000 others in a one-stack shard (p < 1e-6)")
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
