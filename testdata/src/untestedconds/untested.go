// Package untestedconds: conditional acquires (a non-nil result, a bool, an error, by body or
// by a directive on an interface method with a pointer result) whose caller never tests the
// condition. SPEC, "Conditions the caller never tests": the reference counts as held after the
// call; a failure path the caller never distinguishes is not a path to judge. So a put after
// such a call is no bad put, and a missing put is a leak. Buggy and correct functions side by
// side.
//
// The correct cases, silent, are in untestedcondheld and untesteddirective.
package untestedconds

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

// NameOfLeak never tests and never puts. Bug: the reference counts as held, and leaks.
func NameOfLeak(name string) string {
	var r ref.Ref
	m := lookup(name, &r) // want `r leaks: the reference it takes on m.users is still held at the return at line 58`
	return m.name
}

// HoldTested tests the bool and puts on both branches. Bug: on the false branch r holds
// nothing.
func HoldTested(m *MM) {
	var r ref.Ref
	if !tryHold(m, &r) {
		m.users.Put(&r) // want `Put of r on m.users, but r holds nothing on the path where the tryHold at line 65 failed`
		return
	}
	m.users.Put(&r)
}

// Plugin is tracked; the registry hands plugins out.
type Plugin struct {
	refs ref.Count
	name string
}

// Run calls the plugin.
func (p *Plugin) Run() string { return p.name }

// Registry's methods have no body: directives declare their summaries. Get returns nil when
// name is unknown, so by SPEC it acquires only when its result is non-nil.
type Registry interface {
	//refvet:acquires r
	Get(name string, r *ref.Ref) *Plugin

	//refvet:releases r
	Put(p *Plugin, r *ref.Ref)
}

// RunPluginLeak never tests and never puts. Bug: held, then leaked; the message names the
// plugin's type (SPEC: "Directives name no count").
func RunPluginLeak(reg Registry) string {
	var r ref.Ref
	p := reg.Get("builtin", &r) // want `r leaks: the reference it takes on (an? )?\S*Plugin\b.* is still held at the return at line 96`
	return p.Run()
}

// RunPluginChecked tests the result and puts only when it is non-nil. Correct.
func RunPluginChecked(reg Registry, name string) string {
	var r ref.Ref
	p := reg.Get(name, &r)
	if p == nil {
		return ""
	}
	defer reg.Put(p, &r)
	return p.Run()
}
