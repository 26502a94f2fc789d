// Package procfs reads other tasks' memory through mm.GetTaskMM, which acquires into the
// caller's ref only when it returns a non-nil mm (access_remote_vm's callers).
package procfs

import (
	"rfc/mm"

	"github.com/refvet/refvet/ref"
)

func read(*mm.MM) int { return 0 }

// readMem takes the task's mm for the read and puts it on every path that took it.
func readMem(t *mm.Task) int {
	var r ref.Ref
	m := mm.GetTaskMM(t, &r)
	if m == nil {
		return -1
	}
	n := read(m)
	mm.Put(m, &r)
	return n
}

// readMemLeak forgets the put on its success path.
func readMemLeak(t *mm.Task) int {
	var r ref.Ref
	m := mm.GetTaskMM(t, &r) // want `r leaks: the reference it takes on m.users is still held at the return at line 32`
	if m == nil {
		return -1
	}
	return read(m)
}

// readMemFailedPut puts on the path where GetTaskMM failed and took nothing.
func readMemFailedPut(t *mm.Task) int {
	var r ref.Ref
	m := mm.GetTaskMM(t, &r)
	if m == nil {
		mm.Put(m, &r) // want `Put of r on m.users, but r holds nothing on the path where the GetTaskMM at line 38 failed`
		return -1
	}
	n := read(m)
	mm.Put(m, &r)
	return n
}

// Monitor keeps another task's mm for later reads.
type Monitor struct {
	mm    *mm.MM
	mmRef ref.Ref
	owner *mm.Task //refvet:borrowed
}

// attach keeps t's mm, the reference taken straight into the member.
func (mon *Monitor) attach(t *mm.Task) bool {
	m := mm.GetTaskMM(t, &mon.mmRef)
	if m == nil {
		return false
	}
	mon.mm, mon.owner = m, t
	return true
}

// attachStray takes the reference into a local ref and stores the pointer: the reference
// leaks and the member holds none. One mistake, reported once, at the take.
func (mon *Monitor) attachStray(t *mm.Task) bool {
	var r ref.Ref
	m := mm.GetTaskMM(t, &r) // want `r leaks`
	if m == nil {
		return false
	}
	mon.mm = m
	return true
}

// detach puts the member before clearing the pointer.
func (mon *Monitor) detach() {
	if mon.mm != nil {
		mm.Put(mon.mm, &mon.mmRef)
		mon.mm = nil
	}
}

// detachLeak clears the pointer and loses the reference.
func (mon *Monitor) detachLeak() {
	if mon.mm != nil {
		mon.mm = nil // want `mon.mm = nil clears the pointer while mon.mmRef still holds`
	}
}
