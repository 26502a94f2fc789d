package closures

import "github.com/refvet/refvet/ref"

type MM struct{ users ref.Count }

func calledInPlace(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	func() {
		m.users.Put(&r)
	}()
}

func calledInPlaceLeak(m *MM) {
	var r ref.Ref
	func() {
		m.users.Get(&r) // want `r leaks`
	}()
}

func storedClosure(m *MM) func() {
	var r ref.Ref
	m.users.Get(&r)
	return func() { m.users.Put(&r) }
}

func insideClosure(m *MM) func() {
	return func() {
		var r ref.Ref
		m.users.Get(&r) // want `r leaks`
	}
}

// correlatedInPlace takes under c and puts under c inside a closure run in place. Correct: the
// closure's put runs exactly on the paths that took.
func correlatedInPlace(m *MM, c bool) {
	var r ref.Ref
	if c {
		m.users.Get(&r)
	}
	func() {
		if c {
			m.users.Put(&r)
		}
	}()
}

// correlatedGetInPlace takes under !c, and under c inside a closure run in place. Correct: one
// take on every path.
func correlatedGetInPlace(m *MM, c bool) {
	var r ref.Ref
	if !c {
		m.users.Get(&r)
	}
	func() {
		if c {
			m.users.Get(&r)
		}
	}()
	m.users.Put(&r)
}

// condPutInPlace puts under c in a closure run in place, though nothing was taken. Bug.
func condPutInPlace(c bool) {
	m := &MM{}
	var r ref.Ref
	func() {
		if c {
			m.users.Put(&r) // want `Put of r on m.users, but r holds nothing here: no reference was taken into it on every path`
		}
	}()
}

// splitPutInPlace puts under n > 0 in a closure run in place and under n <= 0 after it.
// Correct: one put on every path.
func splitPutInPlace(m *MM, n int) {
	var r ref.Ref
	m.users.Get(&r)
	func() {
		if n > 0 {
			m.users.Put(&r)
		}
	}()
	if n <= 0 {
		m.users.Put(&r)
	}
}
