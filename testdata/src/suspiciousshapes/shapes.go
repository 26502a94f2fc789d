// Package suspiciousshapes: correct code in shapes that look suspicious: a put on a value receiver's
// copy, promoted wrapper methods, embedded interfaces with directives, errors.As on a
// conditional acquirer's error, a named error result rewritten by a defer, moves through an
// embedded member, a nil-or-TryGet lookup. Expected: silence.
package suspiciousshapes

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

type Obj struct {
	refs ref.Count
	name string
}

type handle struct {
	obj    *Obj
	objRef ref.Ref
}

// value receiver put on a copy
func (h handle) release() { h.obj.refs.Put(&h.objRef) }

// ownerparam: embedded tracked receiver wrapper
type Base struct{ refs ref.Count }

func (b *Base) Hold(r *ref.Ref)   { b.refs.Get(r) }
func (b *Base) Unhold(r *ref.Ref) { b.refs.Put(r) }

type Derived struct {
	Base
	name string
}

func useDerived(d *Derived) string {
	var r ref.Ref
	d.Hold(&r)
	defer d.Unhold(&r)
	return d.name
}

// embedded interface with directives
type Getter interface {
	//refvet:acquires r
	Acquire(r *ref.Ref) (*Obj, error)
}

type Pool interface {
	Getter
	//refvet:releases r
	Release(o *Obj, r *ref.Ref)
}

func usePool(p Pool) string {
	var r ref.Ref
	o, err := p.Acquire(&r)
	if err != nil {
		return ""
	}
	defer p.Release(o, &r)
	return o.name
}

// errors.As result branch acquirer
type busy struct{}

func (busy) Error() string { return "busy" }

func tryAcquire(o *Obj, r *ref.Ref) error {
	if !o.refs.TryGet(r) {
		return busy{}
	}
	return nil
}

func useTryAcquire(o *Obj) string {
	var r ref.Ref
	err := tryAcquire(o, &r)
	var b busy
	if errors.As(err, &b) {
		return "busy"
	}
	if err != nil {
		return ""
	}
	defer o.refs.Put(&r)
	return o.name
}

// acquirer that wraps and returns via named result
func namedAcq(o *Obj, r *ref.Ref) (err error) {
	defer func() {
		if err != nil {
			err = errors.Join(err, errors.New("ctx"))
		}
	}()
	if o.name == "" {
		return errors.New("empty")
	}
	o.refs.Get(r)
	return nil
}

func useNamed(o *Obj) string {
	var r ref.Ref
	if err := namedAcq(o, &r); err != nil {
		return ""
	}
	defer o.refs.Put(&r)
	return o.name
}

// moves through embedded member
type Outer struct {
	handle
	tag string
}

func (w *Outer) take(o *Obj, r *ref.Ref) {
	o.refs.Move(&w.objRef, r)
	w.obj = o
}

func (w *Outer) give(r *ref.Ref) *Obj {
	o := w.obj
	o.refs.Move(r, &w.objRef)
	w.obj = nil
	return o
}

// ok && TryGet with a pointer conditional: lookup returns nil on failure
func lookup(m map[string]*Obj, k string, r *ref.Ref) *Obj {
	o := m[k]
	if o == nil || !o.refs.TryGet(r) {
		return nil
	}
	return o
}

func useLookup(m map[string]*Obj) string {
	var r ref.Ref
	if o := lookup(m, "k", &r); o != nil {
		defer o.refs.Put(&r)
		return o.name
	}
	return ""
}
