// Package secondputmessage: a second put of a ref that was filled by a conditional acquire
// (TryGet, an error- or nil-conditional wrapper) is reported at the right line, but explained
// as "holds nothing on the path where the <acquire> failed" although every path to it went
// through the successful acquire: the real story is "already put at line N". The engine's
// State.Gone keeps the first site on join, and the TryGet's own Gone wins over the Put's.
// Positions are right; only the message (and Related) are wrong. Expected: the messages below.
package secondputmessage

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

type Session struct {
	refs ref.Count
	bad  bool
}

func acquire(s *Session, r *ref.Ref) error {
	if s.bad {
		return errors.New("bad")
	}
	s.refs.Get(r)
	return nil
}

// DoublePut puts on the error path and again at the end. Bug: the second Put.
func DoublePut(s *Session, work func() error) error {
	var r ref.Ref
	if err := acquire(s, &r); err != nil {
		return err
	}
	err := work()
	if err != nil {
		s.refs.Put(&r)
	}
	s.refs.Put(&r) // want `Put of r on s.refs, but r holds nothing here: it was already put at line 36`
	return err
}

// DoublePutTry is the same after a TryGet, with the deferred put second. Bug: at the defer.
func DoublePutTry(s *Session) bool {
	var r ref.Ref
	if !s.refs.TryGet(&r) {
		return false
	}
	defer s.refs.Put(&r) // want `Put of r on s.refs, but r holds nothing here: it was already put at line 50`
	if s.bad {
		s.refs.Put(&r)
		return false
	}
	return true
}
