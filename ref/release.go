//go:build !refdebug

package ref

import (
	"runtime"
	"sync/atomic"
)

// Debug reports whether the package was built with the refdebug tag, which
// turns on the tracking of every reference.
const Debug = false

// A Count is a reference count, a field of the object it counts.
// Its zero value is a count of zero: not yet alive. It must not be copied.
type Count struct {
	n atomic.Int32
}

// A Ref names one reference: whoever holds a reference holds it in a Ref.
// Its zero value holds nothing. It must not be copied. In release builds
// it has no size, so naming references is free.
type Ref struct {
	_ noCopy
}

// Get takes a reference on c into r. The first Get brings the object to
// life; a Get on a Count that already dropped to zero is a bug that only
// refdebug builds detect.
func (c *Count) Get(r *Ref) {
	c.n.Add(1)
}

// TryGet takes a reference on c into r unless c is zero, which is either
// dead or never brought to life: TryGet never brings an object to life.
func (c *Count) TryGet(r *Ref) bool {
	for {
		n := c.n.Load()
		if n <= 0 {
			return false
		}
		if c.n.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// Put drops the reference held by r. last reports that it was the final
// one: the caller must free the object. A Put that drops c below zero is
// reported as Underflow, after the count has been restored to zero.
func (c *Count) Put(r *Ref) (last bool) {
	n := c.n.Add(-1)
	if n < 0 {
		c.underflow()
	}
	return n == 0
}

// underflow is kept out of line so that Put stays small enough to inline.
//
//go:noinline
func (c *Count) underflow() {
	c.n.Add(1)
	var pcs [32]uintptr
	n := runtime.Callers(3, pcs[:])
	report(&Violation{
		Kind:   Underflow,
		Msg:    "Put dropped the count below zero: more puts than gets",
		Stacks: []Stack{{Label: "put here", PCs: pcs[:n:n]}},
	})
}

// Move hands the reference held by src to dst; c does not change. In
// release builds there is nothing to move: it compiles to nothing.
func (c *Count) Move(dst, src *Ref) {}

// Refs returns the current count, for tests and diagnostics: by the time
// the caller looks at it, other goroutines may have changed it.
func (c *Count) Refs() int {
	return int(c.n.Load())
}
