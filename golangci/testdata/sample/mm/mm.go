// Package mm is a shared object with a reference count, and wrappers that take and drop
// references on it from other packages.
package mm

import "github.com/refvet/refvet/ref"

// MM is a tracked type: it has a ref.Count.
type MM struct {
	Users ref.Count
	Name  string
}

// Acquire takes a reference on m into r.
func Acquire(m *MM, r *ref.Ref) {
	m.Users.Get(r)
}

// Release drops r's reference on m.
func Release(m *MM, r *ref.Ref) {
	m.Users.Put(r)
}
