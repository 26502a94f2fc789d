// Package requestserver is a request server: handlers look sessions up with a reference, hand them
// to worker goroutines, and drop them on every exit path. Mostly correct code; the bugs carry
// the diagnostics refvet must give.
package requestserver

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/refvet/refvet/ref"
)

var (
	ErrNoSession = errors.New("no such session")
	ErrClosed    = errors.New("session closed")
	ErrStale     = errors.New("session is stale")
)

// Session is a reference-counted client session.
type Session struct {
	refs   ref.Count
	id     int
	closed bool
	stale  bool
	log    []string
}

func (s *Session) handle(req string) error {
	if s.closed {
		return ErrClosed
	}
	s.log = append(s.log, req)
	return nil
}

type Server struct {
	mu       sync.Mutex
	sessions map[int]*Session
}

// acquire looks a session up and takes a reference into r when err == nil. Correct.
func (srv *Server) acquire(id int, r *ref.Ref) (*Session, error) {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	s, ok := srv.sessions[id]
	if !ok {
		return nil, ErrNoSession
	}
	if s.stale {
		return nil, fmt.Errorf("session %d: %w", id, ErrStale)
	}
	if !s.refs.TryGet(r) {
		return nil, ErrClosed
	}
	return s, nil
}

// Handle is the canonical handler: defer right after the error check. Correct.
func (srv *Server) Handle(id int, req string) error {
	var r ref.Ref
	s, err := srv.acquire(id, &r)
	if err != nil {
		return err
	}
	defer s.refs.Put(&r)
	return s.handle(req)
}

// HandleExplicit puts on each return by hand. Correct.
func (srv *Server) HandleExplicit(id int, req string) (string, error) {
	var r ref.Ref
	s, err := srv.acquire(id, &r)
	switch {
	case errors.Is(err, ErrNoSession):
		return "404", nil
	case err != nil:
		return "500", err
	}
	if err := s.handle(req); err != nil {
		s.refs.Put(&r)
		return "500", err
	}
	s.refs.Put(&r)
	return "200", nil
}

// HandleStale treats a stale session as usable, but acquire took nothing on that path. Bug:
// the deferred put drops a reference that r does not hold, at the defer.
func (srv *Server) HandleStale(id int, req string) error {
	var r ref.Ref
	s, err := srv.acquire(id, &r)
	if err != nil && !errors.Is(err, ErrStale) {
		return err
	}
	defer s.refs.Put(&r) // want `Put of r on .*refs, but r holds nothing on the path where the acquire at line 93 failed`
	if s == nil {
		return ErrStale
	}
	return s.handle(req)
}

// HandleLeak returns early on a handler error without putting. Bug: leak at the acquire.
func (srv *Server) HandleLeak(id int, req string) error {
	var r ref.Ref
	s, err := srv.acquire(id, &r) // want `r leaks: the reference it takes on .*refs is still held at the return at line 112`
	if err != nil {
		return err
	}
	if err := s.handle(req); err != nil {
		return fmt.Errorf("handle %d: %w", id, err)
	}
	s.refs.Put(&r)
	return nil
}

// Serve is a select loop taking one reference per request. Correct: continue on failure
// holds nothing, each success is put before the next request.
func (srv *Server) Serve(ctx context.Context, reqs <-chan int) error {
	var r ref.Ref
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case id, ok := <-reqs:
			if !ok {
				return nil
			}
			s, err := srv.acquire(id, &r)
			if err != nil {
				continue
			}
			_ = s.handle("tick")
			s.refs.Put(&r)
		}
	}
}

// ServeLeak returns from inside the select while holding on cancellation mid-request. Bug.
func (srv *Server) ServeLeak(ctx context.Context, reqs <-chan int) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case id := <-reqs:
			var r ref.Ref
			s, err := srv.acquire(id, &r) // want `r leaks: the reference it takes on .*refs is still held at the return at line 154`
			if err != nil {
				continue
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			default:
			}
			_ = s.handle("tick")
			s.refs.Put(&r)
		}
	}
}

// job carries a session to a worker with the reference that keeps it alive.
type job struct {
	sess    *Session
	sessRef ref.Ref
	req     string
}

// Dispatch moves the handler's reference into the job; the worker puts it. Correct.
func (srv *Server) Dispatch(id int, req string, jobs chan<- *job) error {
	var r ref.Ref
	s, err := srv.acquire(id, &r)
	if err != nil {
		return err
	}
	j := &job{sess: s, req: req}
	s.refs.Move(&j.sessRef, &r)
	jobs <- j
	return nil
}

// DispatchCtx gives up when the context ends first, putting the job's reference back. Correct.
func (srv *Server) DispatchCtx(ctx context.Context, id int, req string, jobs chan<- *job) error {
	j := &job{req: req}
	s, err := srv.acquire(id, &j.sessRef)
	if err != nil {
		return err
	}
	j.sess = s
	select {
	case jobs <- j:
		return nil
	case <-ctx.Done():
		s.refs.Put(&j.sessRef)
		j.sess = nil
		return ctx.Err()
	}
}

// DispatchThenPut moves the reference into the job and then puts it as if still its own.
// Bug: use after move, at the Put.
func (srv *Server) DispatchThenPut(id int, req string, jobs chan<- *job) error {
	var r ref.Ref
	s, err := srv.acquire(id, &r)
	if err != nil {
		return err
	}
	j := &job{sess: s, req: req}
	s.refs.Move(&j.sessRef, &r)
	s.refs.Put(&r) // want `Put of r on .*refs, but its reference was moved out at line 210`
	jobs <- j
	return nil
}

// DispatchUnbacked drops its reference and then hands the session to a job anyway. Bug: at
// the literal's element. (Written with `defer s.refs.Put(&r)` instead, it is not reported
// yet: deferresultslot.)
func (srv *Server) DispatchUnbacked(id int, req string) *job {
	var r ref.Ref
	s, err := srv.acquire(id, &r)
	if err != nil {
		return nil
	}
	s.refs.Put(&r)
	return &job{
		sess: s, // want `job{sess: s} stores a tracked pointer with no reference behind it`
		req:  req,
	}
}

// finish is the worker's end of a job. Correct: it owns the job's reference.
func finish(j *job) {
	_ = j.sess.handle(j.req)
	j.sess.refs.Put(&j.sessRef)
	j.sess = nil
}

// Worker runs jobs until the channel closes. Correct: each job is finished by finish.
func Worker(jobs <-chan *job) {
	for j := range jobs {
		finish(j)
	}
}

// Async hands its reference to a goroutine that puts it. The ref escapes into the goroutine:
// refvet cannot follow it and stays silent. Correct.
func (srv *Server) Async(id int, done chan<- error) error {
	var r ref.Ref
	s, err := srv.acquire(id, &r)
	if err != nil {
		return err
	}
	go func() {
		defer s.refs.Put(&r)
		done <- s.handle("async")
	}()
	return nil
}

// AsyncMove moves the reference into a ref the goroutine owns. Correct.
func (srv *Server) AsyncMove(id int, wg *sync.WaitGroup) error {
	var r ref.Ref
	s, err := srv.acquire(id, &r)
	if err != nil {
		return err
	}
	var mine ref.Ref
	s.refs.Move(&mine, &r)
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = s.handle("async")
		s.refs.Put(&mine)
	}()
	return nil
}

// Retry loops with goto until a session is found; the ref is put on the way out. Correct.
func (srv *Server) Retry(ids []int) (int, error) {
	var r ref.Ref
	i := 0
again:
	if i == len(ids) {
		return 0, ErrNoSession
	}
	s, err := srv.acquire(ids[i], &r)
	if err != nil {
		i++
		goto again
	}
	id := s.id
	s.refs.Put(&r)
	return id, nil
}

// Broadcast calls each session in place under a closure that puts. Correct.
func (srv *Server) Broadcast(ids []int, msg string) int {
	n := 0
	for _, id := range ids {
		var r ref.Ref
		s, err := srv.acquire(id, &r)
		if err != nil {
			continue
		}
		func() {
			defer s.refs.Put(&r)
			if s.handle(msg) == nil {
				n++
			}
		}()
	}
	return n
}

// mustAcquire panics instead of returning an error. Correct: a panic is not a return, and the
// caller's ref holds on every return.
func (srv *Server) mustAcquire(id int, r *ref.Ref) *Session {
	s, err := srv.acquire(id, r)
	if err != nil {
		panic(err)
	}
	return s
}

// Admin uses mustAcquire. Correct.
func (srv *Server) Admin(id int) string {
	var r ref.Ref
	s := srv.mustAcquire(id, &r)
	defer s.refs.Put(&r)
	return fmt.Sprint(s.id, len(s.log))
}

// Close drops the server's own reference on each session exactly once. Correct: the server
// holds its references in a map of refs it cannot name, so it uses a helper.
func (srv *Server) Kick(id int) error {
	var r ref.Ref
	s, err := srv.acquire(id, &r)
	if err != nil {
		return err
	}
	s.closed = true
	if last := s.refs.Put(&r); last {
		srv.mu.Lock()
		delete(srv.sessions, id)
		srv.mu.Unlock()
	}
	return nil
}

// DoublePutOnError puts on the error path and again at the end. Bug: the second Put. (The
// message explains it as a failed acquire instead of the earlier put: secondputmessage; only
// the position is pinned here.)
func (srv *Server) DoublePutOnError(id int, req string) error {
	var r ref.Ref
	s, err := srv.acquire(id, &r)
	if err != nil {
		return err
	}
	if err = s.handle(req); err != nil {
		s.refs.Put(&r)
	}
	s.refs.Put(&r) // want `Put of r on .*refs, but r holds nothing`
	return err
}
