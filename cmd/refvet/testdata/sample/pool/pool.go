// Package pool has a counted type of its own: value mode finds it by its Retain/Release
// methods, and infers from Get's body that its result is owned when the error is nil.
package pool

import (
	"errors"
	"sync/atomic"
)

// Buf is a pooled buffer that counts its references.
type Buf struct {
	refs atomic.Int32
	data []byte
}

func (b *Buf) Retain() { b.refs.Add(1) }

func (b *Buf) Release() {
	if b.refs.Add(-1) == 0 {
		b.data = nil
	}
}

// Get returns a buffer with one reference, the caller's.
func Get(n int) (*Buf, error) {
	if n < 0 {
		return nil, errors.New("negative size")
	}
	b := &Buf{data: make([]byte, n)}
	b.refs.Add(1)
	return b, nil
}
