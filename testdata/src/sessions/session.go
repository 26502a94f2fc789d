// Package sessions is HTTP-style handler code: a store of reference-counted sessions,
// middleware that acquires the request's session and releases it with a defer, handlers with
// early returns on errors and context cancellation, and a per-user "current session" slot with
// a member ref. Mostly correct code; the bugs carry the diagnostics refvet must give.
package sessions

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/refvet/refvet/ref"
)

var (
	ErrNoSession = errors.New("no session")
	ErrExpired   = errors.New("session expired")
)

// Session is a reference-counted login session.
type Session struct {
	refs    ref.Count
	id      string
	user    string
	expires time.Time
	mu      sync.Mutex
	events  []string
}

func (s *Session) expired(now time.Time) bool { return now.After(s.expires) }

func (s *Session) record(ev string) {
	s.mu.Lock()
	s.events = append(s.events, ev)
	s.mu.Unlock()
}

type Store struct {
	mu       sync.RWMutex
	sessions map[string]*Session
}

// Acquire returns id's session with a reference in r when err == nil. Correct: an expired
// session's reference is dropped again before the error return.
func (st *Store) Acquire(ctx context.Context, id string, r *ref.Ref) (*Session, error) {
	// `select { case <-ctx.Done(): return nil, ctx.Err(); default: }` here loses the summary:
	// known engine false negative, see ctxerrcancel.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st.mu.RLock()
	s, ok := st.sessions[id]
	st.mu.RUnlock()
	if !ok {
		return nil, ErrNoSession
	}
	if !s.refs.TryGet(r) {
		return nil, ErrExpired
	}
	if s.expired(time.Now()) {
		s.refs.Put(r)
		return nil, fmt.Errorf("session %s: %w", id, ErrExpired)
	}
	return s, nil
}

// Release drops r. Correct.
func (st *Store) Release(s *Session, r *ref.Ref) {
	if s.refs.Put(r) {
		st.mu.Lock()
		if st.sessions[s.id] == s {
			delete(st.sessions, s.id)
		}
		st.mu.Unlock()
	}
}

type Request struct {
	Ctx       context.Context
	SessionID string
	Path      string
}

type Response struct {
	Status int
	Body   string
}

func (w *Response) Error(code int, err error) {
	w.Status, w.Body = code, err.Error()
}

type Handler func(w *Response, req *Request, s *Session) error

// WithSession is the middleware: acquire, defer the release, call next. Correct.
func (st *Store) WithSession(next Handler) func(*Response, *Request) {
	return func(w *Response, req *Request) {
		var r ref.Ref
		s, err := st.Acquire(req.Ctx, req.SessionID, &r)
		if err != nil {
			w.Error(401, err)
			return
		}
		defer st.Release(s, &r)
		s.record(req.Path)
		if err := next(w, req, s); err != nil {
			w.Error(500, err)
		}
	}
}

// Poll waits for an update for the session. Bug: cancellation returns without releasing.
func (st *Store) Poll(ctx context.Context, id string, updates <-chan string) (string, error) {
	var r ref.Ref
	s, err := st.Acquire(ctx, id, &r) // want `r leaks: the reference it takes on .*refs is still held at the return at line 125`
	if err != nil {
		return "", err
	}
	select {
	case u := <-updates:
		s.record(u)
	case <-ctx.Done():
		return "", ctx.Err()
	}
	st.Release(s, &r)
	return s.user, nil
}

// PollOK is Poll done right, with the release before each return. Correct.
func (st *Store) PollOK(ctx context.Context, id string, updates <-chan string) (string, error) {
	var r ref.Ref
	s, err := st.Acquire(ctx, id, &r)
	if err != nil {
		return "", err
	}
	select {
	case u := <-updates:
		s.record(u)
	case <-ctx.Done():
		st.Release(s, &r)
		return "", ctx.Err()
	}
	user := s.user
	st.Release(s, &r)
	return user, nil
}

// Whoami handles errors.Is on the acquire error. Correct.
func (st *Store) Whoami(req *Request) (string, int) {
	var r ref.Ref
	s, err := st.Acquire(req.Ctx, req.SessionID, &r)
	switch {
	case errors.Is(err, ErrNoSession), errors.Is(err, ErrExpired):
		return "", 401
	case err != nil:
		return "", 500
	}
	defer st.Release(s, &r)
	return s.user, 200
}

// Expire ends s early. Bug: it drops a reference on the caller's session with a ref of its
// own that never took one.
func (st *Store) Expire(s *Session) { // want `Expire drops a reference on s.refs, which its caller passed in, with its local ref r`
	var r ref.Ref
	s.expires = time.Now()
	st.Release(s, &r)
}

// userState is the per-user slot for the current session.
type userState struct {
	mu      sync.Mutex
	sess    *Session
	sessRef ref.Ref
}

// Login makes s the user's current session, taking over r. Correct.
func (u *userState) Login(s *Session, r *ref.Ref) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.sess != nil {
		u.sess.refs.Put(&u.sessRef)
	}
	u.sess = s
	s.refs.Move(&u.sessRef, r)
}

// Current returns the current session with a reference in r, or nil. Correct.
func (u *userState) Current(r *ref.Ref) *Session {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.sess == nil || !u.sess.refs.TryGet(r) {
		return nil
	}
	return u.sess
}

// Logout forgets the current session. Bug: the slot is cleared but its reference is not put.
func (u *userState) Logout(st *Store) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.sess != nil {
		st.mu.Lock()
		delete(st.sessions, u.sess.id)
		st.mu.Unlock()
		u.sess = nil // want `u.sess = nil .*while u.sessRef still holds`
	}
}

// Handoff moves the current session into the caller's ref and clears the slot. Correct.
func (u *userState) Handoff(r *ref.Ref) *Session {
	u.mu.Lock()
	defer u.mu.Unlock()
	s := u.sess
	if s == nil {
		return nil
	}
	s.refs.Move(r, &u.sessRef)
	u.sess = nil
	return s
}

// Audit records an event on every session in ids, with a reference held per iteration. Correct.
func (st *Store) Audit(ctx context.Context, ids []string, ev string) int {
	n := 0
	for _, id := range ids {
		var r ref.Ref
		s, err := st.Acquire(ctx, id, &r)
		if errors.Is(err, context.Canceled) {
			break
		}
		if err != nil {
			continue
		}
		s.record(ev)
		st.Release(s, &r)
		n++
	}
	return n
}
