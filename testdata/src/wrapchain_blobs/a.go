// Package wrapchain_blobs is the bottom of a three-package wrapper chain: a store of blobs whose
// acquirers wrap their errors.
package wrapchain_blobs

import (
	"errors"
	"fmt"

	"github.com/refvet/refvet/ref"
)

type Blob struct {
	refs  ref.Count
	pins  ref.Count
	Data  []byte
	stale bool
}

var ErrStale = errors.New("stale blob")

// NotFound is a typed error for errors.As.
type NotFound struct{ Key string }

func (e *NotFound) Error() string { return "not found: " + e.Key }

// Grab takes a refs reference into r when err == nil; its failure is wrapped.
func Grab(b *Blob, r *ref.Ref) error {
	if b.stale {
		return fmt.Errorf("grab: %w", ErrStale)
	}
	b.refs.Get(r)
	return nil
}

// Lookup returns a typed error on failure, acquires on success.
func Lookup(m map[string]*Blob, key string, r *ref.Ref) (*Blob, error) {
	b, ok := m[key]
	if !ok {
		return nil, &NotFound{Key: key}
	}
	if err := Grab(b, r); err != nil {
		return nil, fmt.Errorf("lookup %q: %w", key, err)
	}
	return b, nil
}

// Drop releases r's refs reference.
func Drop(b *Blob, r *ref.Ref) { b.refs.Put(r) }

// Pin takes a pins reference.
func Pin(b *Blob, r *ref.Ref) { b.pins.Get(r) }

// Unpin drops a pins reference.
func Unpin(b *Blob, r *ref.Ref) { b.pins.Put(r) }
