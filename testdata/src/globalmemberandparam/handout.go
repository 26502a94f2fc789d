// Package globalmemberandparam: a constructor that gives a package-level holder its own
// reference (stored with its pointer in a package-level struct) and also takes the caller's
// reference into the ref parameter. The returned pointer carries the caller's reference:
// SPEC ownerparam rule 1 applies only "without taking that reference into a *ref.Ref
// parameter". Expected: silence. (handoutforeignref.NewConnBoot, which leaves r idle on the
// boot path, is the bug.)
package globalmemberandparam

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

// bootRef holds the reference of the boot connection, made once.
var bootRef ref.Ref

// boot is the boot connection with its reference.
var boot struct {
	conn    *Conn
	connRef ref.Ref
}

// NewConnBootOK gives the package-level struct its own reference and the caller one. Correct.
func NewConnBootOK(addr string, isBoot bool, r *ref.Ref) *Conn {
	c := &Conn{addr: addr}
	if isBoot && boot.conn == nil {
		c.refs.Get(&boot.connRef)
		boot.conn = c
	}
	c.refs.Get(r)
	return c
}
