// Package crosspkg stores into another package's structs, whose directives arrive as facts,
// and calls another package's setters and acquiring functions.
package crosspkg

import (
	"mmlib"

	"github.com/refvet/refvet/ref"
)

type Holder struct {
	m *mmlib.MM // want `field m of Holder holds a \*mmlib.MM with no ref.Ref member`
}

type Owner struct {
	m    *mmlib.MM
	mRef ref.Ref
}

func attach(t *mmlib.Task, m *mmlib.MM) {
	t.MM = m
	mmlib.Get(m, &t.Hold)
}

func attachBad(t *mmlib.Task, m *mmlib.MM) {
	t.MM = m // want `t.MM = m stores a tracked pointer with no reference behind it: t.Hold holds none`
}

func newTask(m *mmlib.MM) *mmlib.Task {
	t := &mmlib.Task{MM: m, Owner: m}
	mmlib.Get(m, &t.Hold)
	return t
}

func newTaskBad(m *mmlib.MM) *mmlib.Task {
	return &mmlib.Task{MM: m, Owner: m} // want `mmlib.Task{MM: m} stores`
}

func viaSetter(t *mmlib.Task, m *mmlib.MM) {
	var r ref.Ref
	mmlib.Get(m, &r)
	t.SetMM(m, &r)
}

func newOwner() *Owner {
	o := new(Owner)
	o.m = mmlib.New(&o.mRef)
	return o
}

func newOwnerBad() *Owner {
	var r ref.Ref
	o := &Owner{m: mmlib.New(&r)} // the reference went into r: pairing reports r's leak
	return o
}

func (o *Owner) release() {
	if o.m != nil {
		mmlib.Put(o.m, &o.mRef)
		o.m = nil
	}
}

func (o *Owner) releaseBad() {
	if o.m != nil {
		o.m = nil // want `o.m = nil clears the pointer while o.mRef still holds`
	}
}
