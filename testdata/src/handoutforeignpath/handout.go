// Package handoutforeignpath: ownerparam on functions that hand out a tracked pointer for the
// caller, where on one path only the reference is taken into a ref that is not the caller's (a
// member of the receiver, a member of another object made there, a package-level ref) and the
// caller's ref parameter stays idle on that successful path. SPEC: ownerparam rules 1 and 3
// ("on some path"); one diagnostic at the function's name. Compare idleparampaths, where the
// idle path takes no reference at all and is reported.
package handoutforeignpath

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

// Checkout hands out a connection with a reference in r. Bug: a new connection's reference
// goes into the pool's spare member, and the caller's r stays empty.
func (p *Pool) Checkout(addr string, r *ref.Ref) *Conn { // want `Checkout (returns c with a reference on c.refs|takes ref parameter r but neither acquires into it)`
	if c := p.idle; c != nil {
		p.idle = nil
		c.refs.Move(r, &p.idleRef)
		return c
	}
	c := &Conn{addr: addr}
	if p.spare == nil {
		c.refs.Get(&p.spareRef)
		p.spare = c
		return c
	}
	c.refs.Get(r)
	return c
}

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

// Dial makes a connection for the caller with its first reference in r. Bug: in background
// mode the reference goes into the job's member (another object) and Dial returns the
// connection with none for the caller.
func (s *Sched) Dial(addr string, r *ref.Ref) *Conn { // want `Dial (returns c with a reference on c.refs|takes ref parameter r but neither acquires into it)`
	c := &Conn{addr: addr}
	if s.background {
		j := &Job{conn: c}
		c.refs.Get(&j.connRef)
		s.jobs = append(s.jobs, j)
		return c
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

// NewConn makes a connection with its first reference in r. Bug: the boot connection's
// reference goes into the package-level bootRef and NewConn returns it with none in r.
func NewConn(addr string, isBoot bool, r *ref.Ref) *Conn { // want `NewConn (returns c with a reference on c.refs|takes ref parameter r but neither acquires into it)`
	c := &Conn{addr: addr}
	if isBoot {
		c.refs.Get(&bootRef)
		return c
	}
	c.refs.Get(r)
	return c
}
