// Package closureinplace: pairing on a local ref of the enclosing function taken inside a
// closure called in place (SPEC: pairing follows "closures called in place"), where one of
// the closure's early returns leaves the ref held and the enclosing function does not put it
// on that path. Buggy and correct functions side by side.
//
// The cases refvet misses are in closureearlyreturn.
package closureinplace

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

// Handle takes r inside the closure; the closure's early error return leaves it held and
// Handle returns the error without putting. Bug: r leaks through the return of err.
func Handle(m *MM) error {
	var r ref.Ref
	err := func() error {
		m.users.Get(&r) // want `r leaks: the reference it takes on m.users is still held at the return at line 36`
		if m.dead {
			return errDead
		}
		return nil
	}()
	if err != nil {
		return err
	}
	m.users.Put(&r)
	return nil
}

// HandleOK puts inside the closure before its early return. Correct.
func HandleOK(m *MM) error {
	var r ref.Ref
	err := func() error {
		m.users.Get(&r)
		if m.dead {
			m.users.Put(&r)
			return errDead
		}
		return nil
	}()
	if err != nil {
		return err
	}
	m.users.Put(&r)
	return nil
}

// HandleDeferOK puts with a defer in the closure. Correct.
func HandleDeferOK(m *MM) error {
	var r ref.Ref
	return func() error {
		m.users.Get(&r)
		defer m.users.Put(&r)
		if m.dead {
			return errDead
		}
		m.n++
		return nil
	}()
}
