// Package capturedstructptr: a struct pointer variable that a closure captures lives in
// a heap cell (an Alloc in the function that declares it, a FreeVar inside the closure), and
// every use of it is a separate load (*ssa.UnOp). Member refs are keyed by the SSA value of
// their struct pointer (loc.go memberKey), so `o.refs.Get(&j.connRef)` and `j.conn = o` land on
// two different Locs: the store is judged "with no reference behind it" although the member
// was filled on the same path. Common shapes: a goroutine that owns the struct (`go func() {
// j.run() }()`), sync.Once.Do(func() { ... }), a closure returned or called in place.
//
// Every function here is correct: the expected output is silence. Observed: one structmember
// "stores a tracked pointer with no reference behind it" per store below. Likely fix: in
// memberKey, look through a load of a cell (UnOp MUL of an Alloc or FreeVar holding a pointer)
// to the cell itself, as was already done for guard cells (transfer.go storeGuardCell), dropping the
// key when the cell is stored to again between the two uses.
package capturedstructptr

import (
	"sync"

	"github.com/refvet/refvet/ref"
)

type Conn struct {
	refs ref.Count
	id   int
}

type job struct {
	conn    *Conn
	connRef ref.Ref
}

func (j *job) run() {
	j.conn.refs.Put(&j.connRef)
	j.conn = nil
}

// fanOut moves a reference into each job, which its goroutine owns. Correct.
func fanOut(c *Conn, n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		var r ref.Ref
		c.refs.Get(&r)
		j := &job{}
		c.refs.Move(&j.connRef, &r)
		j.conn = c
		wg.Add(1)
		go func() {
			defer wg.Done()
			j.run()
		}()
	}
	wg.Wait()
}

// spawn: no loop, Get then store, then a goroutine captures j. Correct.
func spawn(c *Conn) {
	j := &job{}
	c.refs.Get(&j.connRef)
	j.conn = c
	go func() { j.run() }()
}

// lazy is set up once.
type lazy struct {
	once    sync.Once
	conn    *Conn
	connRef ref.Ref
}

// get fills the member inside Once.Do's closure. Correct.
func (l *lazy) get(c *Conn) *Conn {
	l.once.Do(func() {
		c.refs.Get(&l.connRef)
		l.conn = c
	})
	return l.conn
}

// inPlace: a closure called in place that fills a captured job's member. Correct.
func inPlace(c *Conn, j *job) {
	func() {
		c.refs.Get(&j.connRef)
		j.conn = c
	}()
}
