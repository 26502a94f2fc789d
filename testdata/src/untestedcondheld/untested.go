// Package untestedcondheld: conditional acquires by body (non-nil result, bool, error) whose
// caller never tests the condition. SPEC, "Conditions the caller never tests": the reference
// counts as held after the call, so the put that follows is correct. Expected: silence. (The
// leak and the tested cases are in untestedconds.)
package untestedcondheld

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

// MM is tracked.
type MM struct {
	users ref.Count
	name  string
	dead  bool
}

var table = map[string]*MM{}

// lookup returns the MM for name with a reference in r, or nil with none.
func lookup(name string, r *ref.Ref) *MM {
	m := table[name]
	if m == nil {
		return nil
	}
	m.users.Get(r)
	return m
}

// tryHold takes a reference into r unless m is dying.
func tryHold(m *MM, r *ref.Ref) bool {
	if m.dead {
		return false
	}
	m.users.Get(r)
	return true
}

// open takes a reference into r when err == nil.
func open(m *MM, r *ref.Ref) error {
	if m.dead {
		return errors.New("dead")
	}
	m.users.Get(r)
	return nil
}

// NameOf uses the looked-up MM without testing it for nil (it knows name is there). Correct:
// the reference counts as held.
func NameOf(name string) string {
	var r ref.Ref
	m := lookup(name, &r)
	s := m.name
	m.users.Put(&r)
	return s
}

// NameOfDefer is NameOf with the put deferred. Correct.
func NameOfDefer(name string) string {
	var r ref.Ref
	m := lookup(name, &r)
	defer m.users.Put(&r)
	return m.name
}

// Hold ignores tryHold's bool (m is known alive here). Correct.
func Hold(m *MM) string {
	var r ref.Ref
	tryHold(m, &r)
	s := m.name
	m.users.Put(&r)
	return s
}

// HoldBlank assigns the bool to a variable it never branches on. Correct.
func HoldBlank(m *MM) string {
	var r ref.Ref
	ok := tryHold(m, &r)
	_ = ok
	defer m.users.Put(&r)
	return m.name
}

// Open ignores open's error. Correct.
func Open(m *MM) string {
	var r ref.Ref
	_ = open(m, &r)
	s := m.name
	m.users.Put(&r)
	return s
}

// Plugin is tracked; the registry hands plugins out.
type Plugin struct {
	refs ref.Count
	name string
}

// Registry's methods have no body: directives declare their summaries. Get returns nil when
// name is unknown, so by SPEC it acquires only when its result is non-nil.
type Registry interface {
	//refvet:acquires r
	Get(name string, r *ref.Ref) *Plugin

	//refvet:releases r
	Put(p *Plugin, r *ref.Ref)
}
