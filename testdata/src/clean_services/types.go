// Package clean_services is correct code in the shapes real Go programs use; refvet must be
// silent on all of it.
package clean_services

import (
	"errors"
	"sync"

	"github.com/refvet/refvet/ref"
)

var errClosed = errors.New("closed")

// MM is the mm_struct of the RFC: users and count are separate counters.
type MM struct {
	users ref.Count
	count ref.Count
	name  string
	pages []int
}

// NewMM creates an mm and gives the caller its first users reference.
func NewMM(name string, r *ref.Ref) *MM {
	m := &MM{name: name}
	m.users.Get(r)
	return m
}

// Grab takes another users reference.
func (m *MM) Grab(r *ref.Ref) { m.users.Get(r) }

// Drop drops a users reference.
func (m *MM) Drop(r *ref.Ref) {
	if m.users.Put(r) {
		m.pages = nil
	}
}

func (m *MM) size() int { return len(m.pages) }

// Task holds its mm with a member ref.
type Task struct {
	mu    sync.Mutex
	mm    *MM
	mmRef ref.Ref
	pid   int
}

// NewTask takes the caller's reference into the task.
func NewTask(pid int, m *MM, r *ref.Ref) *Task {
	t := &Task{pid: pid, mm: m}
	m.users.Move(&t.mmRef, r)
	return t
}

// NewTaskGet takes a fresh reference for the task.
func NewTaskGet(pid int, m *MM) *Task {
	t := &Task{pid: pid}
	m.users.Get(&t.mmRef)
	t.mm = m
	return t
}

// Exit drops the task's mm.
func (t *Task) Exit() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.mm != nil {
		t.mm.users.Put(&t.mmRef)
		t.mm = nil
	}
}

// ExecMmap swaps in a new mm, consuming the caller's reference in r.
func (t *Task) ExecMmap(m *MM, r *ref.Ref) {
	var oldRef ref.Ref
	t.mu.Lock()
	old := t.mm
	if old != nil {
		old.users.Move(&oldRef, &t.mmRef)
	}
	m.users.Move(&t.mmRef, r)
	t.mm = m
	t.mu.Unlock()
	if old != nil {
		old.users.Put(&oldRef)
	}
}

// SetMM replaces the mm with a fresh reference of its own (m may be nil).
func (t *Task) SetMM(m *MM) {
	if t.mm != nil {
		t.mm.users.Put(&t.mmRef)
		t.mm = nil
	}
	if m != nil {
		m.users.Get(&t.mmRef)
		t.mm = m
	}
}

// GetMM returns the task's mm with a reference in r, or nil.
func (t *Task) GetMM(r *ref.Ref) *MM {
	t.mu.Lock()
	defer t.mu.Unlock()
	m := t.mm
	if m == nil {
		return nil
	}
	m.users.Get(r)
	return m
}

// Pinned holds an mm by its other counter; the directive names the pair.
type Pinned struct {
	mm *MM
	//refvet:ref mm
	hold ref.Ref
}

func NewPinned(m *MM) *Pinned {
	p := &Pinned{mm: m}
	m.count.Get(&p.hold)
	return p
}

func (p *Pinned) Release() {
	p.mm.count.Put(&p.hold)
	p.mm = nil
}

// Parent is a back-pointer holder.
type Child struct {
	//refvet:borrowed
	owner *MM
	id    int
}
