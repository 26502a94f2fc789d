// Package shapes holds the call shapes value mode's Classify must understand: promoted
// methods (pointer, value and interface embedding), method values, method expressions,
// deferred and go calls, generics, and types counted only by a directive.
package shapes

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/dgraph-io/badger/v4/table"
)

type Inner struct{ n int }

func (i *Inner) Retain()  { i.n++ }
func (i *Inner) Release() { i.n-- }

// Outer is counted through the methods it promotes from *Inner.
type Outer struct {
	*Inner
	x int
}

// OuterVal embeds Inner by value: *OuterVal is counted, OuterVal is not (pointer receivers).
type OuterVal struct{ Inner }

// WithArray is counted through the interface it embeds.
type WithArray struct{ arrow.Array }

// Shadow has its own Release: calls on it are not Inner's.
type Shadow struct{ *Inner }

func (s *Shadow) Release() {}

// OnlyRelease has a release method and no retain method: not counted by the family rule.
type OnlyRelease struct{}

func (OnlyRelease) Release() {}

// Handle is release-only, counted by its directive.
//
//refvet:counted Release
type Handle struct{ p *int }

func (h Handle) Release() {}

// Gen is a generic counted type.
type Gen[T any] struct{ v T }

func (*Gen[T]) IncrRef() {}
func (*Gen[T]) DecrRef() {}

// Lease has the Release/Retain family; the configuration may say it is not counted.
type Lease struct{}

func (*Lease) Retain()        {}
func (*Lease) Release() error { return nil }

// WithArgs has a Release that takes an argument: not counted.
type WithArgs struct{}

func (*WithArgs) Retain()       {}
func (*WithArgs) Release(n int) {}

func calls(o *Outer, ov *OuterVal, w WithArray, a arrow.Array, b *memory.Buffer, g *Gen[int], s *Shadow, h Handle, t *table.Table, wa *WithArgs) {
	o.Release()
	o.Inner.Retain()
	ov.Release()
	w.Release()
	f := b.Release
	f()
	(*memory.Buffer).Retain(b)
	defer a.Release()
	go b.Release()
	g.DecrRef()
	s.Release()
	s.Retain()
	h.Release()
	_ = t.DecrRef()
	wa.Release(1)
	OnlyRelease{}.Release()
}

func generic[T interface {
	Retain()
	Release()
}](x T) {
	x.Retain()
	defer x.Release()
}

func useGeneric(b *memory.Buffer) { generic(b) }
