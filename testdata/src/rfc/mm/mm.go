// Package mm ports the examples of the Linux RFC on mm_struct reference debugging: a task's
// mm pointer with the reference behind it (task->mm, tsk->mm_ref), exec_mmap swapping it,
// get_task_mm acquiring only on success, fork's copy_mm taking a reference for the child and
// exit_mm dropping it. Each function comes as the RFC's fixed code and as the bug it guards
// against; the bugs carry the diagnostics refvet gives them.
package mm

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

// MM is mm_struct: users counts the real users of the address space (mmget/mmput), count the
// lazy ones that only keep the struct itself (mmgrab/mmdrop).
type MM struct {
	users ref.Count
	count ref.Count
	pages int
}

// Task is task_struct with the RFC's named references next to its pointers.
type Task struct {
	usage ref.Count

	mm    *MM
	mmRef ref.Ref // a users reference on mm

	activeMM    *MM
	activeMMRef ref.Ref // a count reference on activeMM

	realParent *Task //refvet:borrowed
	kthread    bool
}

var errNoMem = errors.New("out of memory")

// Alloc is mm_alloc: a new MM whose first users reference the caller holds in r.
func Alloc(r *ref.Ref) *MM {
	m := new(MM)
	m.users.Get(r)
	return m
}

// Put is mmput.
func Put(m *MM, r *ref.Ref) { m.users.Put(r) }

// dupMM is dup_mm: a copy of old for a child, its reference in r when err == nil.
func dupMM(old *MM, r *ref.Ref) (*MM, error) {
	if old.pages > 1<<20 {
		return nil, errNoMem
	}
	m := Alloc(r)
	m.pages = old.pages
	return m, nil
}

// GetTaskMM is get_task_mm: t's mm with a users reference taken into r, or nil, r empty, if t
// has none or is a kernel thread.
func GetTaskMM(t *Task, r *ref.Ref) *MM {
	m := t.mm
	if m == nil || t.kthread {
		return nil
	}
	m.users.Get(r)
	return m
}
