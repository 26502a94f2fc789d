// Package methodexpr: a call through a method expression, (*Conn).Release(c, &r),
// passes the receiver as the first argument. The engine maps the summary's parameters without
// that shift: the release site has no Dst (pairing crashed on it before a pass-side guard was
// added), and r is reported as leaking. Expected output: silence for Correct, the leak for
// the bug. (Engine: viewOf / summarySites for method expressions.)
package methodexpr

import "github.com/refvet/refvet/ref"

type Conn struct {
	users ref.Count
	addr  string
}

func (c *Conn) Acquire(r *ref.Ref) { c.users.Get(r) }
func (c *Conn) Release(r *ref.Ref) { c.users.Put(r) }

// Correct releases through a method expression.
func Correct(c *Conn) string {
	var r ref.Ref
	c.Acquire(&r)
	addr := c.addr
	(*Conn).Release(c, &r)
	return addr
}

// AcquireExpr acquires through a method expression and puts directly. Correct.
func AcquireExpr(c *Conn) string {
	var r ref.Ref
	(*Conn).Acquire(c, &r)
	defer c.users.Put(&r)
	return c.addr
}

// Leak acquires through a method expression and forgets the put. Bug.
func Leak(c *Conn) string {
	var r ref.Ref
	(*Conn).Acquire(c, &r) // want `r leaks: the reference it takes on c.users is still held at the return at line 39`
	return c.addr
}
