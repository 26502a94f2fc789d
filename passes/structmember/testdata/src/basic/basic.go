// Package basic is the RFC's task->mm: a task holds a pointer to its mm and, in mmRef, the
// reference that keeps it alive.
package basic

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

type MM struct {
	users ref.Count
	count ref.Count
}

type Task struct {
	mm    *MM
	mmRef ref.Ref
	name  string
}

// Types.

type NoMember struct {
	mm   *MM // want "field mm of NoMember holds a \\*MM with no ref.Ref member for its reference: add `mmRef ref.Ref` or mark it //refvet:borrowed"
	name string
}

type TwoPointers struct {
	cur, prev *MM // want `field cur of TwoPointers` `field prev of TwoPointers`
	r         ref.Ref
}

type Nested struct {
	inner struct {
		mm *MM // want `field mm of this struct holds a \*MM`
	}
}

type Mapped struct {
	byName map[string]*MM // not a tracked pointer: a container of them
	list   []*MM
}

type Paired struct {
	mm    *MM
	mmRef ref.Ref
}

// Stores with no reference.

func newTaskBad(m *MM) *Task {
	return &Task{mm: m, name: "init"} // want `Task{mm: m} stores a tracked pointer with no reference behind it: Task.mmRef holds none at the return at line 53`
}

func newTaskVarBad(m *MM) *Task {
	t := &Task{
		name: "init",
		mm:   m, // want `Task{mm: m} stores a tracked pointer with no reference behind it: t.mmRef holds none`
	}
	return t
}

func (t *Task) setBad(m *MM) {
	t.mm = m // want `t.mm = m stores a tracked pointer with no reference behind it: t.mmRef holds none at the return at line 66`
}

var errBusy = errors.New("busy")

func (t *Task) setSometimesBad(m *MM, fast bool) error {
	t.mm = m // want `t.mm = m stores .* at the return at line 73`
	if fast {
		return errBusy
	}
	m.users.Get(&t.mmRef)
	return nil
}

func (t *Task) tryBad(m *MM) {
	t.mm = m // want `t.mm = m stores a tracked pointer with no reference`
	if !m.users.TryGet(&t.mmRef) {
		return
	}
}

// Clears and overwrites.

func (t *Task) clearKnownBad() {
	if t.mm != nil {
		t.mm = nil // want `t.mm = nil clears the pointer while t.mmRef still holds the reference on the old one: Put it or Move it out first`
	}
}

func swapBad(a, b *MM) *Task {
	t := &Task{mm: a}
	a.users.Get(&t.mmRef)
	t.mm = b // want `t.mm = b overwrites the pointer while t.mmRef still holds the reference on the old one \(taken at line 96\)`
	return t
}

func (t *Task) exitBad() {
	if m := t.mm; m != nil {
		t.mm = nil // want `t.mm = nil clears the pointer`
	}
}

// Clean: a reference backs every store.

func newTask(m *MM) *Task {
	t := &Task{mm: m}
	m.users.Get(&t.mmRef)
	return t
}

func newTaskGetFirst(m *MM) *Task {
	t := new(Task)
	m.users.Get(&t.mmRef)
	t.mm = m
	return t
}

func newTaskMove(m *MM) *Task {
	var r ref.Ref
	m.users.Get(&r)
	t := &Task{mm: m}
	m.users.Move(&t.mmRef, &r)
	return t
}

func (t *Task) setMoved(m *MM, r *ref.Ref) {
	t.mm = m
	m.users.Move(&t.mmRef, r)
}

func (t *Task) tryGet(m *MM) bool {
	if !m.users.TryGet(&t.mmRef) {
		return false
	}
	t.mm = m
	return true
}

func (t *Task) setOnSuccess(m *MM) error {
	if !m.users.TryGet(&t.mmRef) {
		return errBusy
	}
	t.mm = m
	return nil
}

// Clean: the old reference goes before the pointer does.

func (t *Task) clearAfterPut() {
	if t.mm != nil {
		t.mm.users.Put(&t.mmRef)
		t.mm = nil
	}
}

func (t *Task) clearUnknown() {
	t.mm = nil // what t.mm held is not known here: not judged
}

func swap(a, b *MM) *Task {
	t := &Task{mm: a}
	a.users.Get(&t.mmRef)
	a.users.Put(&t.mmRef)
	t.mm = b
	b.users.Get(&t.mmRef)
	return t
}

func (t *Task) clearNil() {
	if t.mm == nil {
		t.mm = nil // known nil: nothing to lose
	}
}

func (t *Task) clearMovedOut(r *ref.Ref) *MM {
	m := t.mm
	if m != nil {
		m.users.Move(r, &t.mmRef)
		t.mm = nil
	}
	return m
}

func (t *Task) storeNil() {
	t2 := &Task{mm: nil}
	_ = t2
}

// Escaped: what happens to the member after is not known.

func register(*Task) {}

func newRegistered(m *MM) {
	t := &Task{mm: m}
	register(t)
	m.users.Get(&t.mmRef)
}

// One mistake, one report: these stores are reported by other passes.

// The reference went into a local ref that leaks: pairing reports the leak at the Get.
func newTaskStray(m *MM) *Task {
	var r ref.Ref
	m.users.Get(&r)
	return &Task{mm: m}
}

// The setter never moves its ref parameter into the member: ownerparam reports the
// signature.
func (t *Task) setIdle(m *MM, r *ref.Ref) {
	t.mm = m
}

// The second Get into the still-full member is pairing's double get.
func swapRegot(a, b *MM) *Task {
	t := &Task{mm: a}
	a.users.Get(&t.mmRef)
	t.mm = b
	b.users.Get(&t.mmRef)
	return t
}

// Clean: the literal's field may be nil; the reference is taken where it is not.
func newChild(parent *Task) *Task {
	child := &Task{mm: parent.mm}
	if child.mm != nil {
		child.mm.users.Get(&child.mmRef)
	}
	return child
}

func work() {}

// Clean: the pointer lent for the call is cleared before the return, and the clear drops
// only what this function stored; what the member holds is the caller's business.
func (t *Task) lend(m *MM) {
	t.mm = m
	work()
	t.mm = nil
}
