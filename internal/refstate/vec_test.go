package refstate

import (
	"math/rand/v2"
	"testing"
)

// TestVec checks the persistent vector against a plain slice under random updates, joins and
// comparisons, and that older versions are never changed by later updates.
func TestVec(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 7, 8, 9, 64, 65, 600} {
		states := []State{{}, {Cases: caseBit(Empty, false)}, {Cases: caseBit(Held, false), Take: 3},
			{Cases: caseBit(Held, true), Pend: 2}, {Unknown: true}, {Cases: caseBit(Entry, false), Ptr: ptrUnknown}}
		a, b := newVec(n), newVec(n)
		da, db := make([]State, n), make([]State, n)
		for step := 0; step < 2000; step++ {
			i, s := rng.IntN(n), states[rng.IntN(len(states))]
			old, oldDense := a, append([]State(nil), da...)
			if rng.IntN(2) == 0 {
				a, da[i] = a.set(i, s), s
			} else {
				b, db[i] = b.set(i, s), s
			}
			checkVec(t, old, oldDense) // persistence: the old version is intact
			if step%100 == 0 {
				j := joinVec(a, b)
				dj := make([]State, n)
				for k := range dj {
					dj[k] = join(da[k], db[k])
				}
				checkVec(t, j, dj)
				if got, want := equalVec(a, b), equalDense(da, db); got != want {
					t.Fatalf("n=%d: equalVec = %v, dense says %v", n, got, want)
				}
				diffs := 0
				eachDiff(a, b, func(k int, x, y State) {
					diffs++
					if x != da[k] || y != db[k] || x == y {
						t.Fatalf("eachDiff gave %d: %+v, %+v", k, x, y)
					}
				})
				if want := countDiffs(da, db); diffs != want {
					t.Fatalf("eachDiff visited %d indices, %d differ", diffs, want)
				}
			}
		}
		checkVec(t, a, da)
		checkVec(t, b, db)
	}
}

func checkVec(t *testing.T, v vec, dense []State) {
	t.Helper()
	for i, want := range dense {
		if got := v.get(i); got != want {
			t.Fatalf("get(%d) = %+v, want %+v", i, got, want)
		}
	}
	seen := 0
	v.each(vAny, func(i int, s State) {
		seen++
		if dense[i] != s || !s.reached() {
			t.Fatalf("each gave %d: %+v, want %+v", i, s, dense[i])
		}
	})
	reached := 0
	for _, s := range dense {
		if s.reached() {
			reached++
		}
	}
	if seen != reached {
		t.Fatalf("each visited %d states, %d are reached", seen, reached)
	}
}

func countDiffs(a, b []State) int {
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

func equalDense(a, b []State) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
