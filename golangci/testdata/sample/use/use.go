// Package use takes references on mm.MM, some of them wrongly.
package use

import (
	"example.com/sample/mm"

	"github.com/refvet/refvet/ref"
)

// ThroughWrapper leaks: Acquire, in another package, takes a reference that nobody puts.
func ThroughWrapper(m *mm.MM) string {
	var r ref.Ref
	mm.Acquire(m, &r) // LEAK:wrapper
	return m.Name
}

// Direct leaks on every path, so refvet suggests putting r with a defer.
func Direct(m *mm.MM) string {
	var r ref.Ref
	m.Users.Get(&r) // LEAK:direct
	return m.Name
}

// Balanced is correct.
func Balanced(m *mm.MM) string {
	var r ref.Ref
	mm.Acquire(m, &r)
	defer mm.Release(m, &r)
	return m.Name
}
