// Package unbackedparamstore: structmember on stores of a parameter into a tracked-pointer
// field where no path of the function takes a reference into the member. The parameter might
// be nil, but on the paths where it is not, the store has nothing behind it: SPEC exempts
// stores of nil, not stores of what might be nil. Contrast nilparamstore, where the only
// unbacked path is the one where the parameter is nil. Buggy and correct functions side by
// side.
package unbackedparamstore

import "github.com/refvet/refvet/ref"

// Sess is tracked.
type Sess struct {
	refs ref.Count
	user string
}

// Req carries a session with its member reference.
type Req struct {
	sess    *Sess
	sessRef ref.Ref
	user    string
}

// SetSession stores the caller's session with no reference. Bug.
func (q *Req) SetSession(s *Sess) {
	q.sess = s // want `q.sess = s stores a tracked pointer with no reference behind it`
}

// SetSessionLogged tests s only to record its user. Bug: the non-nil path stores s unbacked.
func (q *Req) SetSessionLogged(s *Sess) {
	q.sess = s // want `q.sess = s stores a tracked pointer with no reference behind it`
	if s != nil {
		q.user = s.user
	}
}

// SetSessionOrClear clears for nil and stores otherwise. Bug: the store on the non-nil path
// has no reference behind it.
func (q *Req) SetSessionOrClear(s *Sess) {
	if s == nil {
		q.sess = nil
		return
	}
	q.sess = s // want `q.sess = s stores a tracked pointer with no reference behind it`
}

// NewReq builds a request around a session that may be nil. Bug: the composite literal
// stores s and nothing takes a reference.
func NewReq(s *Sess, user string) *Req {
	return &Req{sess: s, user: user} // want `Req\{sess: s\} stores a tracked pointer with no reference behind it`
}

// SetSessionOK takes the reference for a non-nil session. Correct.
func (q *Req) SetSessionOK(s *Sess) {
	q.sess = s
	if s != nil {
		s.refs.Get(&q.sessRef)
	}
}

// SetSessionTry takes the reference with TryGet and stores only on success. Correct.
func (q *Req) SetSessionTry(s *Sess) bool {
	if s == nil || !s.refs.TryGet(&q.sessRef) {
		return false
	}
	q.sess = s
	return true
}

// NewReqOK takes the reference after the literal. Correct.
func NewReqOK(s *Sess, user string) *Req {
	q := &Req{sess: s, user: user}
	if s != nil {
		s.refs.Get(&q.sessRef)
	}
	return q
}

// SetSessionFrom moves the caller's reference in. Correct.
func (q *Req) SetSessionFrom(s *Sess, r *ref.Ref) {
	s.refs.Move(&q.sessRef, r)
	q.sess = s
}
