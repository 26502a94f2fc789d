//go:build refdebug

package ref

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Debug reports whether the package was built with the refdebug tag, which
// turns on the tracking of every reference.
const Debug = true

// A Count is a reference count, a field of the object it counts.
// Its zero value is a count of zero: not yet alive. It must not be copied.
type Count struct {
	_  noCopy
	st atomic.Pointer[countState]
}

// A Ref names one reference: whoever holds a reference holds it in a Ref.
// Its zero value holds nothing. It must not be copied. In refdebug builds
// it points to the record of what it holds and where that was taken.
type Ref struct {
	_  noCopy
	st *refState
}

// Get takes a reference on c into r. The first Get brings the object to
// life; a Get on a Count that already dropped to zero is reported as
// GetOnDead, and a Get into a Ref that already holds as DoubleGet.
//
//go:noinline
func (c *Count) Get(r *Ref) {
	at := capture()
	cs, rs := c.state(), r.state()
	cs.mu.Lock()
	v, _ := cs.get(rs, at, false)
	cs.mu.Unlock()
	if v != nil {
		report(v)
	}
}

// TryGet takes a reference on c into r unless c is zero, which is either
// dead or never brought to life: TryGet never brings an object to life.
//
//go:noinline
func (c *Count) TryGet(r *Ref) bool {
	at := capture()
	cs, rs := c.state(), r.state()
	cs.mu.Lock()
	v, ok := cs.get(rs, at, true)
	cs.mu.Unlock()
	if v != nil {
		report(v)
	}
	return ok
}

// Put drops the reference held by r. last reports that it was the final
// one: the caller must free the object. A Put through a Ref that holds
// nothing is reported as PutNotHeld, with the stack of its earlier put;
// one through a Ref that holds another Count as PutWrongCount.
//
//go:noinline
func (c *Count) Put(r *Ref) (last bool) {
	at := capture()
	cs, rs := c.state(), r.state()
	cs.mu.Lock()
	v, last := cs.put(rs, at)
	cs.mu.Unlock()
	if v != nil {
		report(v)
	}
	return last
}

// Move hands the reference held by src to dst; c does not change. The
// reference keeps the stack it was taken at, and dst also records where
// it was moved.
//
//go:noinline
func (c *Count) Move(dst, src *Ref) {
	at := capture()
	cs, ds, ss := c.state(), dst.state(), src.state()
	cs.mu.Lock()
	v := cs.move(ds, ss, at)
	cs.mu.Unlock()
	if v != nil {
		report(v)
	}
}

// Refs returns the current count, for tests and diagnostics: by the time
// the caller looks at it, other goroutines may have changed it.
func (c *Count) Refs() int {
	cs := c.st.Load()
	if cs == nil {
		return 0
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return int(cs.n)
}

var lastCountID, lastRefID atomic.Uint64

// state returns c's record, creating it on first use. The record is a
// separate allocation that does not point back to the object, so the
// cleanup attached to the object can see it after the object is gone.
func (c *Count) state() *countState {
	if cs := c.st.Load(); cs != nil {
		return cs
	}
	cs := &countState{id: lastCountID.Add(1)}
	if !c.st.CompareAndSwap(nil, cs) {
		return c.st.Load()
	}
	// c is usually a field: the cleanup is attached to the whole object.
	runtime.AddCleanup(c, objectGone, cs)
	cs.register()
	return cs
}

// state returns r's record, creating it on first use. Only the goroutine
// that owns r touches r itself, as with any variable.
func (r *Ref) state() *refState {
	if r.st == nil {
		rs := &refState{id: lastRefID.Add(1)}
		runtime.AddCleanup(r, refGone, rs)
		r.st = rs
	}
	return r.st
}

// countState is what a Count knows about itself.
type countState struct {
	id uint64
	mu sync.Mutex
	n  int32
	// born: the first Get happened; with n == 0 the object is dead.
	born bool
	// first: where the first reference was taken, to tell objects apart.
	first *stack
	// death: the put that dropped the count to zero, and where the
	// reference it dropped had been taken.
	death, deathTaken *stack
	// holders lists the Refs that hold a reference, in the order taken.
	holders refList
	// rprev, rnext link the registry of live counts, under its lock.
	rprev, rnext *countState
}

// refState is what a Ref knows. It does not point to the Ref, so that the
// Ref's cleanup can run, nor to the object, so that the object's can.
// Fields are guarded by mu; prev and next belong to the holder list and
// are guarded by the holding countState's mu instead. Lock order:
// countState.mu, then one refState.mu at a time.
type refState struct {
	id         uint64
	mu         sync.Mutex
	cs         *countState // held count; nil when empty
	taken      *stack      // where the held reference was taken
	moved      *stack      // where it was last moved into this Ref, if it was
	lost       bool        // the Ref itself became unreachable
	past       event       // how the previous holding ended
	prev, next *refState
}

// An event is the end of a holding: kept, one per Ref, for as long as the
// Ref lives, so that a double put however late is explained by the first.
type event struct {
	how       string // "put" or "moved out"; empty if nothing ended yet
	at, taken *stack
	cs        *countState
}

type refList struct{ head, tail *refState }

func (l *refList) push(rs *refState) {
	rs.prev, rs.next = l.tail, nil
	if l.tail != nil {
		l.tail.next = rs
	} else {
		l.head = rs
	}
	l.tail = rs
}

func (l *refList) remove(rs *refState) {
	if rs.prev != nil {
		rs.prev.next = rs.next
	} else {
		l.head = rs.next
	}
	if rs.next != nil {
		rs.next.prev = rs.prev
	} else {
		l.tail = rs.prev
	}
	rs.prev, rs.next = nil, nil
}
