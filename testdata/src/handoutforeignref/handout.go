// Package handoutforeignref: ownerparam on functions that hand out a tracked pointer for the
// caller with a reference taken, where on one path only the reference goes into a ref that is
// not the caller's: a member of the receiver, a member of another object, a package-level ref.
// On that path the caller's ref parameter is left idle and the returned pointer is borrowed,
// though the function's other paths (and its doc) promise a reference in the caller's ref.
// SPEC: ownerparam, rule 1 ("without taking that reference into a *ref.Ref parameter (it used
// a local ref, a member ref of something else, or none)") and rule 3 ("on some path"); one
// diagnostic at the function's name either way.
//
// The cases refvet gets wrong are in handoutforeignpath and globalmemberandparam.
package handoutforeignref

import "github.com/refvet/refvet/ref"

// Conn is tracked.
type Conn struct {
	refs ref.Count
	addr string
}

// Pool keeps at most one idle connection with a member reference on it.
type Pool struct {
	idle    *Conn
	idleRef ref.Ref

	spare *Conn
	//refvet:ref spare
	spareRef ref.Ref
}

// CheckoutOK is Checkout keeping a spare with its own reference and handing out another. Correct.
func (p *Pool) CheckoutOK(addr string, r *ref.Ref) *Conn {
	if c := p.idle; c != nil {
		p.idle = nil
		c.refs.Move(r, &p.idleRef)
		return c
	}
	c := &Conn{addr: addr}
	if p.spare == nil {
		c.refs.Get(&p.spareRef)
		p.spare = c
	}
	c.refs.Get(r)
	return c
}

// Peek returns the idle connection without a reference: a borrowed pointer, no ref
// parameter, nothing taken. Correct.
func (p *Pool) Peek() *Conn { return p.idle }

// Job holds a connection for a background worker.
type Job struct {
	conn    *Conn
	connRef ref.Ref
}

// Sched runs jobs.
type Sched struct {
	jobs       []*Job
	background bool
}

// DialOK gives the job its own reference and the caller one in r. Correct.
func (s *Sched) DialOK(addr string, r *ref.Ref) *Conn {
	c := &Conn{addr: addr}
	if s.background {
		j := &Job{conn: c}
		c.refs.Get(&j.connRef)
		s.jobs = append(s.jobs, j)
	}
	c.refs.Get(r)
	return c
}

// bootRef holds the reference of the boot connection, made once.
var bootRef ref.Ref

// boot is the boot connection with its reference.
var boot struct {
	conn    *Conn
	connRef ref.Ref
}

// NewConnBoot is NewConn with the boot reference in a member of a package-level struct. Bug,
// the same one.
func NewConnBoot(addr string, isBoot bool, r *ref.Ref) *Conn { // want `NewConnBoot (returns c with a reference on c.refs|takes ref parameter r but neither acquires into it)`
	c := &Conn{addr: addr}
	if isBoot && boot.conn == nil {
		c.refs.Get(&boot.connRef)
		boot.conn = c
		return c
	}
	c.refs.Get(r)
	return c
}

// Install keeps the caller's reference in the pool: no pointer handed out. Correct.
func (p *Pool) Install(c *Conn, r *ref.Ref) bool {
	if p.idle != nil {
		return false
	}
	c.refs.Move(&p.idleRef, r)
	p.idle = c
	return true
}
