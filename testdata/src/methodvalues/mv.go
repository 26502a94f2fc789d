// Package methodvalues: pairing through method values of a Count held in variables
// (`get, put := m.users.Get, m.users.Put`) and called later. A method value is the method on
// that count: calls through it are Gets and Puts on the same named ref. Buggy and correct
// functions side by side.
package methodvalues

import "github.com/refvet/refvet/ref"

// MM is tracked.
type MM struct {
	users ref.Count
	pins  ref.Count
	n     int
}

// Twice puts through a method value twice. Bug: the second put is of a ref already put.
func Twice(m *MM) int {
	var r ref.Ref
	get, put := m.users.Get, m.users.Put
	get(&r)
	n := m.n
	put(&r)
	put(&r) // want `Put of r on m.users, but r holds nothing here: it was already put at line 22`
	return n
}

// Once gets and puts through method values. Correct.
func Once(m *MM) int {
	var r ref.Ref
	get, put := m.users.Get, m.users.Put
	get(&r)
	defer put(&r)
	return m.n
}

// DeferAndPut defers the put through the method value and also puts explicitly. Bug: the
// deferred put is the second one, reported at the defer.
func DeferAndPut(m *MM) int {
	var r ref.Ref
	put := m.users.Put
	get := m.users.Get
	get(&r)
	defer put(&r) // want `Put of r on m.users, but r holds nothing here: it was already put at line 45`
	n := m.n
	put(&r)
	return n
}

// Forgot gets through a method value and returns early without the put. Bug: leak at the get.
func Forgot(m *MM, skip bool) int {
	var r ref.Ref
	get, put := m.users.Get, m.users.Put
	get(&r) // want `r leaks: the reference it takes on m.users is still held at the return at line 55`
	if skip {
		return 0
	}
	put(&r)
	return m.n
}

// WrongCount pins with one method value and unpins with the users one. Bug: wrong count.
func WrongCount(m *MM) {
	var r ref.Ref
	pin, put := m.pins.Get, m.users.Put
	pin(&r)
	put(&r) // want `Put of r on m.users, but r holds a reference on m.pins`
}

// Pair pins and unpins with method values of the same count. Correct.
func Pair(m *MM) {
	var r ref.Ref
	pin, unpin := m.pins.Get, m.pins.Put
	pin(&r)
	unpin(&r)
}

// Conn wraps the count in methods.
type Conn struct {
	users ref.Count
	addr  string
}

// Acquire takes a users reference into r.
func (c *Conn) Acquire(r *ref.Ref) { c.users.Get(r) }

// Release drops r's users reference.
func (c *Conn) Release(r *ref.Ref) { c.users.Put(r) }

// Dial uses method values of the wrapper methods. Bug: released twice on the error path.
func Dial(c *Conn) string {
	var r ref.Ref
	acquire, release := c.Acquire, c.Release
	acquire(&r)
	if c.addr == "" {
		release(&r)
	}
	release(&r) // want `Release of r on c.users, but r holds nothing here: it was already put at line 95|of r on c.users, but r holds nothing`
	return c.addr
}

// DialOK is Dial with the wrapper method values in their place. Correct.
func DialOK(c *Conn) string {
	var r ref.Ref
	acquire, release := c.Acquire, c.Release
	acquire(&r)
	defer release(&r)
	return c.addr
}
