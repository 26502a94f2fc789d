// Package concurrency hands references to goroutines, channels, sync.Once and closures stored in
// structs. All of it is correct (or beyond what the analyzer can follow): it must be silent.
package concurrency

import (
	"sync"

	"github.com/refvet/refvet/ref"
)

type Conn struct {
	refs ref.Count
	id   int
}

// job owns a reference on its conn.
type job struct {
	conn    *Conn
	connRef ref.Ref
}

func (j *job) run() {
	_ = j.conn.id
	j.conn.refs.Put(&j.connRef)
	j.conn = nil
}

// fanOutGo uses wg.Go (Go 1.25). Correct.
func fanOutGo(c *Conn, n int) {
	var wg sync.WaitGroup
	for range n {
		j := &job{conn: c}
		c.refs.Get(&j.connRef)
		wg.Go(j.run)
	}
	wg.Wait()
}

// inGoroutine takes a reference in the goroutine itself. Correct.
func inGoroutine(c *Conn, done chan<- int) {
	go func() {
		var r ref.Ref
		c.refs.Get(&r)
		defer c.refs.Put(&r)
		done <- c.id
	}()
}

// handOff passes the ref through a channel; the receiver puts it. Silent.
func handOff(c *Conn, ch chan<- *ref.Ref) {
	r := new(ref.Ref)
	c.refs.Get(r)
	ch <- r
}

func receive(c *Conn, ch <-chan *ref.Ref) {
	r := <-ch
	c.refs.Put(r)
}

// lazy is set up once.
type lazy struct {
	once    sync.Once
	conn    *Conn
	connRef ref.Ref
}

// get sets l up once, through a method value. Correct.
func (l *lazy) get() *Conn {
	l.once.Do(l.init)
	return l.conn
}

// init takes the reference on the default conn into the member. Correct.
func (l *lazy) init() {
	c := defaultConn
	c.refs.Get(&l.connRef)
	l.conn = c
}

var defaultConn = &Conn{}

// onceLocal: a local ref taken in a Once closure, put after. Silent: the closure is not
// called in place, so r escapes.
func onceLocal(c *Conn) int {
	var once sync.Once
	var r ref.Ref
	once.Do(func() { c.refs.Get(&r) })
	id := c.id
	c.refs.Put(&r)
	return id
}

// hooks stores closures in struct fields. Silent.
type hooks struct {
	onOpen  func()
	onClose func()
}

func install(c *Conn) *hooks {
	var r ref.Ref
	return &hooks{
		onOpen:  func() { c.refs.Get(&r) },
		onClose: func() { c.refs.Put(&r) },
	}
}

// trySend uses select with default: the reference goes to the receiver or is put here.
// Correct.
func trySend(c *Conn, ch chan<- *job) bool {
	j := &job{}
	c.refs.Get(&j.connRef)
	j.conn = c
	select {
	case ch <- j:
		return true
	default:
		c.refs.Put(&j.connRef)
		j.conn = nil
		return false
	}
}

// pollLocal takes a local ref, waits with select/default, puts on both paths. Correct.
func pollLocal(c *Conn, stop <-chan struct{}) int {
	var r ref.Ref
	c.refs.Get(&r)
	select {
	case <-stop:
		c.refs.Put(&r)
		return 0
	default:
	}
	id := c.id
	c.refs.Put(&r)
	return id
}

// pollLeak leaks on the stop branch. Bug.
func pollLeak(c *Conn, stop <-chan struct{}) int {
	var r ref.Ref
	c.refs.Get(&r) // want `r leaks: the reference it takes on c.refs is still held at the return at line 145`
	select {
	case <-stop:
		return 0
	default:
	}
	c.refs.Put(&r)
	return c.id
}

// mutexGuarded takes a ref under a lock and releases after. Correct.
type registry struct {
	mu    sync.Mutex
	conns map[int]*Conn
}

func (g *registry) lookup(id int, r *ref.Ref) *Conn {
	g.mu.Lock()
	defer g.mu.Unlock()
	c := g.conns[id]
	if c == nil {
		return nil
	}
	if !c.refs.TryGet(r) {
		return nil
	}
	return c
}

func (g *registry) idOf(id int) int {
	var r ref.Ref
	c := g.lookup(id, &r)
	if c == nil {
		return -1
	}
	defer c.refs.Put(&r)
	return c.id
}
