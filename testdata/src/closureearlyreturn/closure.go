// Package closureearlyreturn: pairing on a local ref of the enclosing function taken inside a
// closure called in place, leaking through the closure's early return: a func() closure whose
// bare return skips the put, and a func() bool closure in a loop whose false return skips it
// (the ref is declared in the loop body). SPEC: pairing follows closures called in place; refs
// declared in a loop body that still hold when the iteration ends leak. The func() error shape
// is reported (closureinplace.Handle).
package closureearlyreturn

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

var errDead = errors.New("dead")

// MM is tracked.
type MM struct {
	users ref.Count
	dead  bool
	n     int
}

// Count runs a void closure in place; its early return skips the put. Bug: r leaks through
// Count's return.
func Count(m *MM) int {
	var r ref.Ref
	func() {
		m.users.Get(&r) // want `r leaks: the reference it takes on m.users is still held`
		if m.dead {
			return
		}
		m.n++
		m.users.Put(&r)
	}()
	return m.n
}

// CountOK puts on both of the closure's returns. Correct.
func CountOK(m *MM) int {
	var r ref.Ref
	func() {
		m.users.Get(&r)
		defer m.users.Put(&r)
		if m.dead {
			return
		}
		m.n++
	}()
	return m.n
}

// Each takes the reference in a closure called in place in a loop; the closure's false
// return leaves it held when the iteration ends. Bug: r, declared in the loop body, leaks.
func Each(ms []*MM) int {
	total := 0
	for _, m := range ms {
		var r ref.Ref
		ok := func() bool {
			m.users.Get(&r) // want `r leaks: the reference it takes on m.users is still held`
			if m.dead {
				return false
			}
			total += m.n
			m.users.Put(&r)
			return true
		}()
		if !ok {
			continue
		}
	}
	return total
}

// EachOK is Each with the put deferred in the closure. Correct.
func EachOK(ms []*MM) int {
	total := 0
	for _, m := range ms {
		var r ref.Ref
		ok := func() bool {
			m.users.Get(&r)
			defer m.users.Put(&r)
			if m.dead {
				return false
			}
			total += m.n
			return true
		}()
		if !ok {
			continue
		}
	}
	return total
}
