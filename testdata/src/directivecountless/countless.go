// Package directivecountless: interface methods whose summaries are declared by directive name
// a parameter, not a Count. SPEC, "Directives name no count": messages then name the object's
// type (never an empty count, as in "Close of r on , but r holds nothing"), and wrong-count
// judgements do not apply to them. Buggy and correct functions side by side.
package directivecountless

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

// Plugin is tracked with two counts.
type Plugin struct {
	refs ref.Count
	pins ref.Count
	name string
}

// Registry's methods have no body: directives declare their summaries. Open acquires into r
// when err == nil; Close releases r.
type Registry interface {
	//refvet:acquires r
	Open(name string, r *ref.Ref) (*Plugin, error)

	//refvet:releases r
	Close(p *Plugin, r *ref.Ref)
}

// CloseTwice closes the plugin twice. Bug: the second Close is of a ref already released; the
// message names the plugin's type where a count would stand.
func CloseTwice(reg Registry) error {
	var r ref.Ref
	p, err := reg.Open("x", &r)
	if err != nil {
		return err
	}
	reg.Close(p, &r)
	reg.Close(p, &r) // want `Close of r on (an? )?\S*Plugin\b.*, but r holds nothing here: it was already put at line 38`
	return nil
}

// CloseFailed closes on the error path. Bug: r holds nothing where Open failed.
func CloseFailed(reg Registry) error {
	var r ref.Ref
	p, err := reg.Open("x", &r)
	if err != nil {
		reg.Close(p, &r) // want `Close of r on (an? )?\S*Plugin\b.*, but r holds nothing on the path where the Open at line 46 failed`
		return err
	}
	reg.Close(p, &r)
	return nil
}

// OpenLeak forgets to close on one path. Bug: the leak names the plugin's type.
func OpenLeak(reg Registry, want string) error {
	var r ref.Ref
	p, err := reg.Open("x", &r) // want `r leaks: the reference it takes on (an? )?\S*Plugin\b.* is still held at the return at line 63`
	if err != nil {
		return err
	}
	if p.name != want {
		return errors.New("wrong plugin")
	}
	reg.Close(p, &r)
	return nil
}

// PutOwnCount opens through the interface and puts on the plugin's refs count. Correct.
func PutOwnCount(reg Registry) error {
	var r ref.Ref
	p, err := reg.Open("x", &r)
	if err != nil {
		return err
	}
	p.refs.Put(&r)
	return nil
}

// PutOtherCount puts on the pins count. Not judged: the directive names no count, so SPEC's
// wrong-count judgement does not apply. Silent.
func PutOtherCount(reg Registry) error {
	var r ref.Ref
	p, err := reg.Open("x", &r)
	if err != nil {
		return err
	}
	p.pins.Put(&r)
	return nil
}

// MixedRelease takes a refs reference itself and releases it through the interface. Correct:
// no count to disagree with.
func MixedRelease(reg Registry, p *Plugin) {
	var r ref.Ref
	p.refs.Get(&r)
	reg.Close(p, &r)
}
