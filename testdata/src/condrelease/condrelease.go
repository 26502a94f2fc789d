// Package condrelease: pairing reports, at the caller's put in the err != nil branch,
//
//	Drop of r on m.users, but r holds nothing here: it was already put at line N on some path
//
// where line N is the call of newTask. The code is correct: newTask moves the caller's
// reference out of r (a release, per SPEC "Facts carry the count") only when its error result
// is nil; on its error return it has not touched r. SPEC ("Conditional summaries") says a
// function releases either always or only when its error is nil, and the caller's branches on
// that result know the ref's state; so in the err != nil branch r still holds and the caller
// must put it. refvet summarises the release as unconditional.
package condrelease

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

type MM struct {
	users ref.Count
}

func (m *MM) Drop(r *ref.Ref) { m.users.Put(r) }

type Task struct {
	mm    *MM
	mmRef ref.Ref
}

// newTask takes the caller's reference into the task when err == nil.
func newTask(pid int, m *MM, r *ref.Ref) (*Task, error) {
	if pid <= 0 {
		return nil, errors.New("bad pid")
	}
	t := &Task{mm: m}
	m.users.Move(&t.mmRef, r)
	return t, nil
}

func use(pid int, m *MM) error {
	var r ref.Ref
	m.users.Get(&r)
	t, err := newTask(pid, m, &r)
	if err != nil {
		m.Drop(&r)
		return err
	}
	t.mm.users.Put(&t.mmRef)
	return nil
}
