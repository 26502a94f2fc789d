// Package directives pairs pointers with members by name, by count and by //refvet:ref, and
// exempts back-pointers with //refvet:borrowed.
package directives

import "github.com/refvet/refvet/ref"

type MM struct {
	users ref.Count
	owner *Task //refvet:borrowed
}

type Task struct {
	mm *MM
	// The member is named for what it keeps alive, so it says which pointer it belongs to.
	//refvet:ref mm
	keepAlive ref.Ref

	//refvet:ref parent
	up     ref.Ref
	parent *MM
}

// One tracked pointer and one ref.Ref pair whatever their names.
type Single struct {
	target *MM
	hold   ref.Ref
}

// Two pointers and one ref: the names do not say which it is for.
type Ambiguous struct {
	a *MM // want "field a of Ambiguous holds a \\*MM .* \\(or put `//refvet:ref a` on r\\)"
	b *MM // want `field b of Ambiguous`
	r ref.Ref
}

type Back struct {
	//refvet:borrowed
	parent *MM
	peer   *MM //refvet:borrowed
	own    *MM
	ownRef ref.Ref
}

// Embedded tracked pointers pair like a field named by their type.
type Embeds struct {
	*MM
	MMRef ref.Ref
}

type EmbedsBare struct {
	*MM // want "field MM of EmbedsBare holds a \\*MM with no ref.Ref member for its reference: add `MMRef ref.Ref`"
}

type EmbedsBorrowed struct {
	*MM //refvet:borrowed
}

func (t *Task) attach(m *MM) {
	t.mm = m
	m.users.Get(&t.keepAlive)
	m.owner = t // borrowed: no reference needed
}

func (t *Task) attachBad(m *MM) {
	t.mm = m // want `t.mm = m stores a tracked pointer with no reference behind it: t.keepAlive holds none`
}

func (t *Task) setParent(p *MM) {
	p.users.Get(&t.up)
	t.parent = p
}

func (t *Task) setParentBad(p *MM) {
	t.parent = p // want `t.parent = p stores .*: t.up holds none`
}

func newSingle(m *MM) *Single {
	s := &Single{target: m}
	m.users.Get(&s.hold)
	return s
}

func newSingleBad(m *MM) *Single {
	return &Single{target: m} // want `Single{target: m} stores .*: Single.hold holds none`
}

func newBack(parent, peer, own *MM) *Back {
	b := &Back{parent: parent, peer: peer, own: own}
	own.users.Get(&b.ownRef)
	return b
}

func newBackBad(parent, own *MM) *Back {
	return &Back{parent: parent, own: own} // want `Back{own: own} stores`
}

func newEmbeds(m *MM) *Embeds {
	e := &Embeds{MM: m}
	m.users.Get(&e.MMRef)
	return e
}

func (e *Embeds) reset(m *MM) {
	e.MM = m // want `e.MM = m stores .*: e.MMRef holds none`
}

func newAmbiguous(m *MM) *Ambiguous {
	return &Ambiguous{a: m} // reported once, at the field
}
