// Package countwrappers wraps a tracked type's counts in functions and methods, for
// slowmovewrappers to call through facts. All correct.
package countwrappers

import "github.com/refvet/refvet/ref"

// Buf is tracked with two counts.
type Buf struct {
	Users ref.Count
	Pins  ref.Count
	Data  []byte
}

// Hold takes a users reference into r.
func Hold(b *Buf, r *ref.Ref) { b.Users.Get(r) }

// Drop drops r's users reference.
func Drop(b *Buf, r *ref.Ref) { b.Users.Put(r) }

// Pin takes a pins reference into r.
func Pin(b *Buf, r *ref.Ref) { b.Pins.Get(r) }

// Unpin drops r's pins reference.
func Unpin(b *Buf, r *ref.Ref) { b.Pins.Put(r) }

// Acquire is Hold as a method.
func (b *Buf) Acquire(r *ref.Ref) { b.Users.Get(r) }

// Release is Drop as a method; it reports whether it was the last reference.
func (b *Buf) Release(r *ref.Ref) bool { return b.Users.Put(r) }
