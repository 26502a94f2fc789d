// Package connpool is a connection pool: Get hands out a connection with a reference in the
// caller's ref, Put takes it back (idle connections are held by the pool's own member refs), a
// health-check goroutine evicts broken idle connections, Close drops them all. Mostly correct
// code; the bugs carry the diagnostics refvet must give.
package connpool

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/refvet/refvet/ref"
)

var (
	ErrPoolClosed = errors.New("pool closed")
	ErrBroken     = errors.New("connection broken")
)

// Conn is a reference-counted connection.
type Conn struct {
	refs     ref.Count
	id       int
	broken   bool
	lastUsed time.Time
}

func (c *Conn) ping() error {
	if c.broken {
		return ErrBroken
	}
	return nil
}

func (c *Conn) exec(q string) error {
	if q == "" {
		return errors.New("empty query")
	}
	return c.ping()
}

func (c *Conn) close() { c.broken = true }

// idleConn is the pool's hold on an idle connection.
type idleConn struct {
	conn    *Conn
	connRef ref.Ref
}

type Pool struct {
	mu     sync.Mutex
	idle   []*idleConn
	closed bool
	nextID int

	pinned    *Conn
	pinnedRef ref.Ref

	fallback    *Conn
	fallbackRef ref.Ref
}

// dial creates a connection and takes the caller's reference into r. Correct.
func (p *Pool) dial(r *ref.Ref) *Conn {
	p.nextID++
	c := &Conn{id: p.nextID, lastUsed: time.Now()}
	c.refs.Get(r)
	return c
}

// Get returns a connection with a reference in r when err == nil. Correct.
func (p *Pool) Get(ctx context.Context, r *ref.Ref) (*Conn, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil, ErrPoolClosed
	}
	if n := len(p.idle); n > 0 {
		ic := p.idle[n-1]
		p.idle = p.idle[:n-1]
		c := ic.conn
		c.refs.Move(r, &ic.connRef)
		ic.conn = nil
		return c, nil
	}
	return p.dial(r), nil
}

// Put takes c back, releasing r: into the idle list, or for good. Correct.
func (p *Pool) Put(c *Conn, r *ref.Ref) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed || c.broken {
		if c.refs.Put(r) {
			c.close()
		}
		return
	}
	ic := &idleConn{conn: c}
	c.refs.Move(&ic.connRef, r)
	p.idle = append(p.idle, ic)
}

// WithConn is the canonical user: defer right after the error check. Correct.
func (p *Pool) WithConn(ctx context.Context, fn func(*Conn) error) error {
	var r ref.Ref
	c, err := p.Get(ctx, &r)
	if err != nil {
		return err
	}
	defer p.Put(c, &r)
	return fn(c)
}

// Exec marks a failing connection broken before giving it back. Bug: the ping error path
// returns without giving the connection back.
func (p *Pool) Exec(ctx context.Context, q string) error {
	var r ref.Ref
	c, err := p.Get(ctx, &r) // want `r leaks: the reference it takes on .*refs is still held at the return at line 129`
	if err != nil {
		return err
	}
	if err := c.ping(); err != nil {
		c.broken = true
		return err
	}
	err = c.exec(q)
	if err != nil {
		c.broken = true
	}
	c.lastUsed = time.Now()
	p.Put(c, &r)
	return err
}

// healthCheck runs until ctx is done. Correct.
func (p *Pool) healthCheck(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			p.evictBroken()
		}
	}
}

// Start launches the health check. Correct.
func (p *Pool) Start(ctx context.Context) {
	go p.healthCheck(ctx, time.Second)
}

// evictBroken drops idle connections that fail a ping. Correct.
func (p *Pool) evictBroken() {
	p.mu.Lock()
	defer p.mu.Unlock()
	kept := p.idle[:0]
	for _, ic := range p.idle {
		if ic.conn.ping() != nil {
			if ic.conn.refs.Put(&ic.connRef) {
				ic.conn.close()
			}
			ic.conn = nil
			continue
		}
		kept = append(kept, ic)
	}
	p.idle = kept
}

// Close drops every idle connection: clear the field, then put. Correct.
func (p *Pool) Close() {
	p.mu.Lock()
	idle := p.idle
	p.idle = nil
	p.closed = true
	p.mu.Unlock()
	for _, ic := range idle {
		c := ic.conn
		ic.conn = nil
		c.refs.Put(&ic.connRef)
		c.close()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pinned != nil {
		p.pinned.refs.Put(&p.pinnedRef)
		p.pinned = nil
	}
}

// Pin keeps c as the pool's dedicated connection, taking over r. Correct.
func (p *Pool) Pin(c *Conn, r *ref.Ref) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pinned != nil {
		p.pinned.refs.Put(&p.pinnedRef)
	}
	p.pinned = c
	c.refs.Move(&p.pinnedRef, r)
}

// SetFallback installs c as the connection used when the pool is exhausted. Bug: it takes its
// own reference and ignores r, so the caller's reference is never dropped nor kept.
func (p *Pool) SetFallback(c *Conn, r *ref.Ref) { // want `SetFallback takes ref parameter r but neither acquires into it, releases it, nor passes it on before the return at line \d+`
	p.mu.Lock()
	defer p.mu.Unlock()
	p.fallback = c
	c.refs.Get(&p.fallbackRef)
}

// Release gives c back to the idle list by hand. Bug: after handing r to the idle entry, the
// broken branch puts r again.
func (p *Pool) Release(c *Conn, r *ref.Ref) {
	ic := &idleConn{conn: c}
	c.refs.Move(&ic.connRef, r)
	p.mu.Lock()
	p.idle = append(p.idle, ic)
	p.mu.Unlock()
	if c.broken {
		c.refs.Put(r) // want `Put of r on c.refs, but its reference was moved out at line 222`
	}
}

// DialDirect opens a connection outside the pool. Bug: the reference is taken into a local.
func (p *Pool) DialDirect() *Conn { // want `DialDirect returns c with a reference on c.refs \(taken at line 235, returned at line 236\) held by its local ref r`
	var r ref.Ref
	c := &Conn{id: -1, lastUsed: time.Now()}
	c.refs.Get(&r)
	return c
}

// Borrow runs fn on a connection from the pool or on the pinned one. Correct: the pinned
// connection gets its own reference, so both arms put r.
func (p *Pool) Borrow(ctx context.Context, usePinned bool, fn func(*Conn)) error {
	var r ref.Ref
	var c *Conn
	if usePinned {
		p.mu.Lock()
		c = p.pinned
		if c == nil {
			p.mu.Unlock()
			return ErrPoolClosed
		}
		c.refs.Get(&r)
		p.mu.Unlock()
		fn(c)
		c.refs.Put(&r)
		return nil
	}
	c, err := p.Get(ctx, &r)
	if err != nil {
		return err
	}
	fn(c)
	p.Put(c, &r)
	return nil
}
