// Package wrappercallers uses connwrappers' functions, methods and interface: the wrappers count
// as the primitives they wrap, through facts. Mostly correct; the bugs carry their
// diagnostics.
package wrappercallers

import (
	"errors"

	"github.com/refvet/refvet/ref"

	w "connwrappers"
)

// Ping uses the acquire and release wrappers. Correct.
func Ping(c *w.Conn) string {
	var r ref.Ref
	w.Get(c, &r)
	defer w.Put(c, &r)
	return c.Addr
}

// PingMixed takes with the wrapper and puts with the method. Correct: same count.
func PingMixed(c *w.Conn) string {
	var r ref.Ref
	w.Get(c, &r)
	addr := c.Addr
	c.Release(&r)
	return addr
}

// PingChained uses the method that returns its receiver. Correct.
func PingChained(c *w.Conn) string {
	var r ref.Ref
	addr := c.Acquire(&r).Addr
	c.Release(&r)
	return addr
}

// PingMethodExpr releases through a method expression of the other package. Correct. It
// once needed an ignore, when the engine did not follow method expressions (an ignore that
// suppresses nothing is now reported), and it stays here as the regression test of a pairing
// crash on the release site it makes (no Dst).
func PingMethodExpr(c *w.Conn) string {
	var r ref.Ref
	addr := c.Acquire(&r).Addr
	(*w.Conn).Release(c, &r)
	return addr
}

// PinWrongCount pins, then drops the pin with the users wrapper. Bug: wrong-count put.
func PinWrongCount(c *w.Conn) {
	var r ref.Ref
	w.Pin(c, &r)
	w.Put(c, &r) // want `Put of r on .*users, but r holds a reference on .*pins \(taken at line 53\), not on .*users`
}

// PinRight pins and unpins. Correct.
func PinRight(c *w.Conn) {
	var r ref.Ref
	w.Pin(c, &r)
	defer w.Unpin(c, &r)
	_ = c.Addr
}

// TryPing uses the bool-conditional wrapper. Correct: false holds nothing.
func TryPing(c *w.Conn) bool {
	var r ref.Ref
	if !w.TryGet(c, &r) {
		return false
	}
	w.Put(c, &r)
	return true
}

// TryPingUnchecked never tests TryGet's result. Correct: SPEC counts an untested one as held.
func TryPingUnchecked(c *w.Conn) {
	var r ref.Ref
	ok := w.TryGet(c, &r)
	_ = ok
	w.Put(c, &r)
}

// OpenSend uses the error-conditional wrapper through another wrapper. Correct.
func OpenSend(c *w.Conn, msg string) error {
	var r ref.Ref
	if err := w.Reopen(c, &r); err != nil {
		return err
	}
	defer c.Release(&r)
	_ = msg
	return nil
}

// OpenIgnored ignores Open's error and always puts. Correct: SPEC counts it as held.
func OpenIgnored(c *w.Conn) {
	var r ref.Ref
	_ = w.Open(c, &r)
	defer w.Put(c, &r)
}

// Connect dials and hands the connection to the caller with the caller's ref. Correct.
func Connect(addr string, r *ref.Ref) (*w.Conn, error) {
	c, err := w.Dial(addr, r)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// connectLocal dials into a local ref and returns the connection: nobody can put it. Bug:
// ownerparam, at the function's name; one mistake, one diagnostic.
func connectLocal(addr string) *w.Conn { // want `connectLocal returns c with a reference on .*users \(taken at line 114, returned at line 118\) held by its local ref r`
	var r ref.Ref
	c, err := w.Dial(addr, &r)
	if err != nil {
		return nil
	}
	return c
}

// DialCheck dials, checks the address and hangs up. Bug: the mismatch path leaks, reported at
// the Dial.
func DialCheck(addr, want string) error {
	var r ref.Ref
	c, err := w.Dial(addr, &r) // want `r leaks: the reference it takes on .*users is still held at the return at line 130`
	if err != nil {
		return err
	}
	if c.Addr != want {
		return errors.New("wrong address")
	}
	w.Put(c, &r)
	return nil
}

// Borrow uses the pool interface as its directives describe. Correct.
func Borrow(p w.Pool) (string, error) {
	var r ref.Ref
	c, err := p.Borrow(&r)
	if err != nil {
		return "", err
	}
	defer p.Return(c, &r)
	return c.Addr, nil
}

// BorrowLeak forgets to return the connection when it is closed. Bug: at the Borrow call.
func BorrowLeak(p w.Pool, check func(*w.Conn) bool) error {
	var r ref.Ref
	c, err := p.Borrow(&r) // want `r leaks: the reference it takes on .* is still held at the return at line 155`
	if err != nil {
		return err
	}
	if !check(c) {
		return w.ErrClosed
	}
	p.Return(c, &r)
	return nil
}

// BorrowMethodValue calls the interface through method values. Correct; refvet does not see
// through them and stays silent.
func BorrowMethodValue(p w.Pool) error {
	var r ref.Ref
	borrow, give := p.Borrow, p.Return
	c, err := borrow(&r)
	if err != nil {
		return err
	}
	give(c, &r)
	return nil
}

// HandOff moves a fresh reference into the caller's ref through the move wrapper. Correct.
func HandOff(c *w.Conn, out *ref.Ref) {
	var r ref.Ref
	w.Get(c, &r)
	w.Transfer(c, out, &r)
}

// HandOffThenPut moves through the wrapper and then puts the source. Bug: use after move.
func HandOffThenPut(c *w.Conn, out *ref.Ref) {
	var r ref.Ref
	w.Get(c, &r)
	w.Transfer(c, out, &r)
	w.Put(c, &r) // want `Put of r on .*users, but its reference was moved out at line 185`
}

// HandOffEmpty moves from a ref that never took anything. Bug: at the Transfer.
func HandOffEmpty(c *w.Conn, out *ref.Ref) {
	var r ref.Ref
	w.Transfer(c, out, &r) // want `Transfer from r into out on .*users, but r holds nothing here`
}

// NewStream fills another package's struct: the reference goes into its member. Correct.
func NewStream(c *w.Conn) *w.Stream {
	s := &w.Stream{Conn: c, Peer: c}
	w.Get(c, &s.ConnRef)
	return s
}

// NewStreamUnbacked forgets the member. Bug: at the element of the literal. Peer is borrowed.
func NewStreamUnbacked(c *w.Conn) *w.Stream {
	return &w.Stream{
		Conn: c, // want `w.Stream{Conn: c} stores a tracked pointer with no reference behind it`
		Peer: c,
	}
}

// MirrorTo points the stream's mirror at c with a reference in Hold, Mirror's member by
// directive in the other package. Correct.
func MirrorTo(s *w.Stream, c *w.Conn, r *ref.Ref) {
	s.Mirror = c
	w.Transfer(c, &s.Hold, r)
}

// Rewire swaps the stream to c through the methods. Correct.
func Rewire(s *w.Stream, c *w.Conn, r *ref.Ref) {
	var old ref.Ref
	prev := s.Detach(&old)
	s.Attach(c, r)
	if prev != nil {
		w.Put(prev, &old)
	}
}

// pool is a Pool implementation.
type pool struct {
	conns []*w.Conn
}

// Borrow hands out the first open connection. Correct: it acquires into r exactly when
// err == nil, as the interface's directive says.
func (p *pool) Borrow(r *ref.Ref) (*w.Conn, error) {
	for _, c := range p.conns {
		if w.TryGet(c, r) {
			return c, nil
		}
	}
	return nil, w.ErrClosed
}

// Return gives a connection back. Correct.
func (p *pool) Return(c *w.Conn, r *ref.Ref) { w.Put(c, r) }

// Warm promises to open c into r, but returns success without doing it when the address is
// unset. Bug: ownerparam, a signature that lies, at the name.
func Warm(c *w.Conn, r *ref.Ref) error { // want `Warm takes ref parameter r but neither acquires into it, releases it, nor passes it on before the return at line 250`
	if c.Addr == "" {
		return nil
	}
	return w.Open(c, r)
}

var _ w.Pool = (*pool)(nil)
