// Package deferrederrrelease: a function that acquires, defers `if err != nil { release }` on
// its named error result, and returns `return f(x, &r), nil` where f moves the reference out
// of r (a release), or `return g(x, &r)` where g moves out only when its error is nil. On the
// success return err is nil and the deferred release does not run; on the error returns r
// holds and the deferred release puts it. Expected: silence.
package deferrederrrelease

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

var errDead = errors.New("dead")

// MM is tracked.
type MM struct {
	users ref.Count
	dead  bool
	idle  bool
}

func (m *MM) check() error {
	if m.dead {
		return errDead
	}
	return nil
}

// Task owns an MM reference in its member.
type Task struct {
	mm    *MM
	mmRef ref.Ref
}

// open takes a reference into r when err == nil.
func open(m *MM, r *ref.Ref) (*MM, error) {
	if m.dead {
		return nil, errDead
	}
	m.users.Get(r)
	return m, nil
}

// newTask moves the caller's reference out of r into the task.
func newTask(m *MM, r *ref.Ref) *Task {
	t := &Task{mm: m}
	m.users.Move(&t.mmRef, r)
	return t
}

// newTaskErr moves the caller's reference into the task only when err == nil.
func newTaskErr(m *MM, r *ref.Ref) (*Task, error) {
	if m.idle {
		return nil, errors.New("idle")
	}
	t := &Task{mm: m}
	m.users.Move(&t.mmRef, r)
	return t, nil
}

// Spawn is correct: the deferred release runs only on the error returns, where r holds.
func Spawn(src *MM) (t *Task, err error) {
	var r ref.Ref
	m, err := open(src, &r)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			m.users.Put(&r)
		}
	}()
	if err = m.check(); err != nil {
		return nil, err
	}
	return newTask(m, &r), nil
}

// SpawnErr is correct: newTaskErr moves r out only when it succeeds, and then err is nil.
func SpawnErr(src *MM) (t *Task, err error) {
	var r ref.Ref
	m, err := open(src, &r)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			m.users.Put(&r)
		}
	}()
	return newTaskErr(m, &r)
}

// SpawnAssigned is Spawn with the result assigned before a bare return. Correct.
func SpawnAssigned(src *MM) (t *Task, err error) {
	var r ref.Ref
	m, err := open(src, &r)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			m.users.Put(&r)
		}
	}()
	if err = m.check(); err != nil {
		return
	}
	t = newTask(m, &r)
	return
}
