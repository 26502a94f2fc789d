// Package deferredrelease: a function that acquires, defers `if err != nil { release }` on its
// named error result, and returns `return f(x, &r), nil` where f moves the reference out of r
// (f releases r, by SPEC "a function that moves out of a *ref.Ref parameter releases it"). On
// that return err is nil, so the deferred release does not run: correct, silent. Also a
// callee that moves out only when its own error is nil (`return g(x, &r)`). Buggy and correct
// functions side by side.
//
// The correct cases refvet reports are in deferrederrrelease.
package deferredrelease

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

// SpawnIdle returns success without a task when m is idle. Bug: err is nil there, the
// deferred release does not run, and r leaks.
func SpawnIdle(src *MM) (t *Task, err error) {
	var r ref.Ref
	m, err := open(src, &r) // want `r leaks: the reference it takes on .*users is still held at the return at line 79`
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			m.users.Put(&r)
		}
	}()
	if m.idle {
		return nil, nil
	}
	return newTask(m, &r), nil
}

// SpawnAlwaysPut defers an unconditional release. Bug: on the success return r's reference
// was moved out by newTask (a release); the deferred put runs after it, reported at its defer.
func SpawnAlwaysPut(src *MM) (*Task, error) {
	var r ref.Ref
	m, err := open(src, &r)
	if err != nil {
		return nil, err
	}
	defer m.users.Put(&r) // want `Put of r on m.users, but (its reference was moved out|r holds nothing here: it was already put) at line 93`
	return newTask(m, &r), nil
}
