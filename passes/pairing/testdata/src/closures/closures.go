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
