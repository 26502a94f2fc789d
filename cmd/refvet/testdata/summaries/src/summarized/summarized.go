// Package summarized is refvet summaries' own fixture: each way value mode decides what a
// function's callers see (family rule, directive, naming rule), next to functions nothing
// decides yet (their bodies will, once the engine infers summaries).
package summarized

import "errors"

// Conn is counted by the family rule (Release/Retain).
type Conn struct{ refs int }

func (c *Conn) Retain()  { c.refs++ }
func (c *Conn) Release() { c.refs-- }

// File is counted by its directive, release-only.
//
//refvet:counted Close
type File struct{}

func (*File) Close() {}

// Open returns an owned connection when err is nil.
//
//refvet:owned
func Open(name string) (*Conn, error) {
	if name == "" {
		return nil, errors.New("no name")
	}
	return &Conn{refs: 1}, nil
}

// OpenFile's owned result holds a reference whatever ok says.
//
//refvet:owned
func OpenFile() (f *File, ok bool) { return &File{}, true }

// Pool keeps one connection.
type Pool struct{ c *Conn }

// Peek lends the pool's connection.
//
//refvet:borrowed
func (p *Pool) Peek() *Conn { return p.c }

// Put takes over the caller's reference.
//
//refvet:consumes c
func (p *Pool) Put(c *Conn) {
	p.c.Release()
	p.c = c
}

// Get returns the pool's connection retained: nothing declares it.
func (p *Pool) Get() *Conn {
	p.c.Retain()
	return p.c
}

// Use only reads c: nothing declares it.
func Use(c *Conn) int { return c.refs }

// Dialer has no bodies to read: the naming rule decides NewConn, nothing decides Current.
type Dialer interface {
	NewConn(addr string) (*Conn, error)
	Current() *Conn
}

// dial is unexported: listed with -all only.
//
//refvet:owned
func dial() *Conn { return &Conn{refs: 1} }
