// Package streammux multiplexes streams over one session: the session's table holds a
// reference on each open stream (in the entry's member), each stream holds a reference on its
// session, a demux goroutine delivers frames to streams with select (drop when full, stop on
// cancellation), accepted streams are handed over a channel with their reference. Mostly
// correct code; the bugs carry the diagnostics refvet must give.
package streammux

import (
	"context"
	"errors"
	"sync"

	"github.com/refvet/refvet/ref"
)

var (
	ErrClosed   = errors.New("streammux: closed")
	ErrNoStream = errors.New("streammux: no such stream")
	ErrTooLarge = errors.New("streammux: frame too large")
)

const maxFrame = 1 << 16

type frame struct {
	id   uint32
	data []byte
}

// Session is one multiplexed connection.
type Session struct {
	refs    ref.Count
	mu      sync.Mutex
	streams map[uint32]*entry
	nextID  uint32
	closed  bool
	frames  chan frame
	accept  chan *handoff
	out     chan frame
}

// entry is the session's reference on a stream.
type entry struct {
	st    *Stream
	stRef ref.Ref
}

// handoff carries an accepted stream and a reference on it to Accept.
type handoff struct {
	st    *Stream
	stRef ref.Ref
}

// Stream is one logical stream; sessRef is its reference on its session.
type Stream struct {
	refs    ref.Count
	id      uint32
	sess    *Session
	sessRef ref.Ref
	inbox   chan []byte
}

// NewSession makes a session whose first reference the caller holds in r.
func NewSession(r *ref.Ref) *Session {
	s := &Session{
		streams: make(map[uint32]*entry),
		frames:  make(chan frame, 64),
		accept:  make(chan *handoff, 8),
		out:     make(chan frame, 64),
	}
	s.refs.Get(r)
	return s
}

// newStreamLocked makes stream id, registered in the table with the table's reference, and
// gives the caller a reference in r.
func (s *Session) newStreamLocked(id uint32, r *ref.Ref) *Stream {
	st := &Stream{id: id, sess: s, inbox: make(chan []byte, 16)}
	s.refs.Get(&st.sessRef)
	e := &entry{st: st}
	st.refs.Get(&e.stRef)
	s.streams[id] = e
	st.refs.Get(r)
	return st
}

// Open opens a new outgoing stream with a reference in r. Correct.
func (s *Session) Open(r *ref.Ref) (*Stream, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, ErrClosed
	}
	s.nextID += 2
	return s.newStreamLocked(s.nextID, r), nil
}

// lookup returns stream id with a reference in r, or nil.
func (s *Session) lookup(id uint32, r *ref.Ref) *Stream {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.streams[id]
	if e == nil || e.st == nil || !e.st.refs.TryGet(r) {
		return nil
	}
	return e.st
}

// incoming registers a stream the peer opened and queues it for Accept. Correct: the
// handoff's reference goes with it over the channel.
func (s *Session) incoming(id uint32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	h := &handoff{}
	h.st = s.newStreamLocked(id, &h.stRef)
	select {
	case s.accept <- h:
	default:
		h.st.refs.Put(&h.stRef)
		h.st = nil
	}
}

// Accept waits for a stream the peer opened; the caller gets its reference in r. Correct.
func (s *Session) Accept(ctx context.Context, r *ref.Ref) (*Stream, error) {
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case h := <-s.accept:
		st := h.st
		st.refs.Move(r, &h.stRef)
		h.st = nil
		return st, nil
	}
}

// demux delivers frames until ctx is done. Bug: cancellation while a delivery is blocked
// returns with the stream's reference still held.
func (s *Session) demux(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case f, ok := <-s.frames:
			if !ok {
				return
			}
			var r ref.Ref
			st := s.lookup(f.id, &r) // want `r leaks: the reference it takes on .*refs is still held at the return at line 159`
			if st == nil {
				s.incoming(f.id)
				continue
			}
			select {
			case st.inbox <- f.data:
			case <-ctx.Done():
				return
			}
			st.refs.Put(&r)
		}
	}
}

// Write queues data on stream id. Bug: the oversize path puts the reference the deferred put
// will put again.
func (s *Session) Write(id uint32, data []byte) error {
	var r ref.Ref
	st := s.lookup(id, &r)
	if st == nil {
		return ErrNoStream
	}
	defer st.refs.Put(&r) // want `Put of r on st.refs, but r holds nothing here: it was already put at line 176`
	if len(data) > maxFrame {
		st.refs.Put(&r)
		return ErrTooLarge
	}
	s.out <- frame{id: id, data: data}
	return nil
}

// Close closes st: the table's reference and st's reference on its session go. Correct.
func (st *Stream) Close() {
	s := st.sess
	if s == nil {
		return
	}
	s.mu.Lock()
	if e, ok := s.streams[st.id]; ok && e.st == st {
		delete(s.streams, st.id)
		e.st = nil
		st.refs.Put(&e.stRef)
	}
	s.mu.Unlock()
	st.sess = nil
	s.refs.Put(&st.sessRef)
}

// Migrate moves st to another session, the exec_mmap way. Correct.
func (st *Stream) Migrate(to *Session) {
	prev := st.sess
	var old ref.Ref
	prev.refs.Move(&old, &st.sessRef)
	st.sess = to
	to.refs.Get(&st.sessRef)
	prev.refs.Put(&old)
}

// Shutdown closes every stream and stops accepting, with a method value per stream to close
// after the lock is released. Correct.
func (s *Session) Shutdown() {
	s.mu.Lock()
	s.closed = true
	var closers []func()
	for id, e := range s.streams {
		if e.st == nil {
			continue
		}
		closers = append(closers, e.st.Close)
		delete(s.streams, id)
		close(e.st.inbox)
		e.st.refs.Put(&e.stRef)
		e.st = nil
	}
	s.mu.Unlock()
	for _, c := range closers {
		c()
	}
}

// Drain reads stream id's inbox until it is empty or ctx is done, holding a reference
// across the labeled loop. Correct.
func (s *Session) Drain(ctx context.Context, id uint32) (n int, err error) {
	var r ref.Ref
	st := s.lookup(id, &r)
	if st == nil {
		return 0, ErrNoStream
	}
loop:
	for {
		select {
		case <-ctx.Done():
			err = ctx.Err()
			break loop
		case b, ok := <-st.inbox:
			if !ok {
				break loop
			}
			n += len(b)
		default:
			break loop
		}
	}
	st.refs.Put(&r)
	return n, err
}

// Pump copies stream id's inbox to w in a goroutine that owns the reference. Correct: the
// reference goes with the goroutine.
func (s *Session) Pump(id uint32, w func([]byte)) error {
	var r ref.Ref
	st := s.lookup(id, &r)
	if st == nil {
		return ErrNoStream
	}
	go func() {
		defer st.refs.Put(&r)
		for b := range st.inbox {
			w(b)
		}
	}()
	return nil
}
