// Package wrapchain_cache wraps wrapchain_blobs one level up.
package wrapchain_cache

import (
	"fmt"

	"github.com/refvet/refvet/ref"

	a "wrapchain_blobs"
)

// Cache fronts a map of blobs.
type Cache struct {
	m map[string]*a.Blob
}

// Fetch acquires into r when err == nil, wrapping Lookup's error.
func (c *Cache) Fetch(key string, r *ref.Ref) (*a.Blob, error) {
	b, err := a.Lookup(c.m, key, r)
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	return b, nil
}

// Release drops r.
func (c *Cache) Release(b *a.Blob, r *ref.Ref) { a.Drop(b, r) }

// FetchPinned acquires a pins reference (not refs) into r, always, by Pin.
func FetchPinned(b *a.Blob, r *ref.Ref) { a.Pin(b, r) }

// ReleasePinned drops a pins reference.
func ReleasePinned(b *a.Blob, r *ref.Ref) { a.Unpin(b, r) }
