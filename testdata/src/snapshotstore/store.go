// Package snapshotstore is a copy-on-write key-value store: each commit makes a new immutable
// Version; the store holds a reference on the current one, readers take their own for as long
// as they read, named pins keep old versions alive in a map of structs with member refs.
// Mostly correct code; the bugs carry the diagnostics refvet must give.
package snapshotstore

import (
	"errors"
	"fmt"
	"maps"
	"sort"
	"sync"
	"time"

	"github.com/refvet/refvet/ref"
)

var (
	ErrNotFound = errors.New("snapshotstore: not found")
	ErrExists   = errors.New("snapshotstore: already pinned")
)

// Version is one immutable state of the store.
type Version struct {
	refs ref.Count
	seq  uint64
	data map[string][]byte
}

// pin keeps a version alive under a name.
type pin struct {
	v    *Version
	vRef ref.Ref
	at   time.Time
}

// Store is the store.
type Store struct {
	mu     sync.Mutex
	cur    *Version
	curRef ref.Ref
	pins   map[string]*pin
	maxAge time.Duration
}

// Open makes an empty store. Correct: the literal's store is backed by the Get after it.
func Open(maxAge time.Duration) *Store {
	v := &Version{data: map[string][]byte{}}
	s := &Store{cur: v, pins: make(map[string]*pin), maxAge: maxAge}
	v.refs.Get(&s.curRef)
	return s
}

// Snapshot returns the current version with a reference in r.
func (s *Store) Snapshot(r *ref.Ref) *Version {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.cur
	v.refs.Get(r)
	return v
}

// Release drops a reference from Snapshot or Pinned.
func (v *Version) Release(r *ref.Ref) { v.refs.Put(r) }

// Commit applies changes (a nil value deletes) as a new version. Correct: the old current
// reference moves out before the pointer changes, and goes after the new one is taken.
func (s *Store) Commit(changes map[string][]byte) uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.cur
	nv := &Version{seq: old.seq + 1, data: maps.Clone(old.data)}
	for k, val := range changes {
		if val == nil {
			delete(nv.data, k)
			continue
		}
		nv.data[k] = val
	}
	var prev ref.Ref
	old.refs.Move(&prev, &s.curRef)
	s.cur = nv
	nv.refs.Get(&s.curRef)
	old.refs.Put(&prev)
	return nv.seq
}

// Pin keeps the current version under name. Correct.
func (s *Store) Pin(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.pins[name]; ok {
		return fmt.Errorf("%q: %w", name, ErrExists)
	}
	cur := s.cur
	p := &pin{v: cur, at: time.Now()}
	cur.refs.Get(&p.vRef)
	s.pins[name] = p
	return nil
}

// Pinned returns name's version with a reference in r when err is nil.
func (s *Store) Pinned(name string, r *ref.Ref) (*Version, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.pins[name]
	if !ok {
		return nil, fmt.Errorf("pin %q: %w", name, ErrNotFound)
	}
	p.v.refs.Get(r)
	return p.v, nil
}

// Unpin drops name's pin. Correct.
func (s *Store) Unpin(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.pins[name]
	if !ok {
		return false
	}
	delete(s.pins, name)
	p.v.refs.Put(&p.vRef)
	p.v = nil
	return true
}

// Expire drops pins older than the store's maximum age. Bug: the pointer is cleared and
// the pin forgotten, but its reference is never dropped.
func (s *Store) Expire(now time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for name, p := range s.pins {
		if p.v != nil && now.Sub(p.at) > s.maxAge {
			delete(s.pins, name)
			p.v = nil // want `p.v = nil clears the pointer while p.vRef still holds`
			n++
		}
	}
	return n
}

// Diff lists the keys whose values differ between pins a and b. Bug: when both names pin
// the same version, the second reference is never dropped.
func (s *Store) Diff(a, b string) ([]string, error) {
	var ra, rb ref.Ref
	va, err := s.Pinned(a, &ra)
	if err != nil {
		return nil, err
	}
	defer va.Release(&ra)
	vb, err := s.Pinned(b, &rb) // want `rb leaks: the reference it takes on .*refs is still held at the return at line 159`
	if err != nil {
		return nil, err
	}
	switch {
	case va == vb:
		return nil, nil
	case va.seq == vb.seq:
		vb.Release(&rb)
		return nil, fmt.Errorf("pins %q and %q: same sequence, different versions", a, b)
	}
	var keys []string
	for k, x := range va.data {
		if y, ok := vb.data[k]; !ok || string(x) != string(y) {
			keys = append(keys, k)
		}
	}
	for k := range vb.data {
		if _, ok := va.data[k]; !ok {
			keys = append(keys, k)
		}
	}
	vb.Release(&rb)
	sort.Strings(keys)
	return keys, nil
}

// Get decodes key from the current version, held for the duration of the decode. Correct.
func Get[T any](s *Store, key string, decode func([]byte) (T, error)) (T, error) {
	var r ref.Ref
	v := s.Snapshot(&r)
	defer v.Release(&r)
	raw, ok := v.data[key]
	if !ok {
		var zero T
		return zero, fmt.Errorf("%q: %w", key, ErrNotFound)
	}
	return decode(raw)
}

// Scan calls fn on every key of the current version in order, through a method value of
// Snapshot, stopping at fn's first false. Correct.
func (s *Store) Scan(fn func(k string, v []byte) bool) {
	snap := s.Snapshot
	var r ref.Ref
	v := snap(&r)
	keys := make([]string, 0, len(v.data))
	for k := range v.data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !fn(k, v.data[k]) {
			break
		}
	}
	v.Release(&r)
}

// Close drops every pin and the current version. Correct.
func (s *Store) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for name, p := range s.pins {
		if p.v != nil {
			p.v.refs.Put(&p.vRef)
			p.v = nil
		}
		delete(s.pins, name)
	}
	if v := s.cur; v != nil {
		s.cur = nil
		v.refs.Put(&s.curRef)
	}
}

// PinnedAt returns name's version if it is at least seq, with a reference in r when err is
// nil: a stale version's reference is dropped again by the deferred check. Correct.
func (s *Store) PinnedAt(name string, seq uint64, r *ref.Ref) (v *Version, err error) {
	v, err = s.Pinned(name, r)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			v.Release(r)
			v = nil
		}
	}()
	if v.seq < seq {
		return v, fmt.Errorf("pin %q: version %d older than %d", name, v.seq, seq)
	}
	return v, nil
}

// Lookup reads key from pin name, or from the current version when there is no such pin.
// Correct: errors.Is(err, ErrNotFound) is a failure of Pinned, where r holds nothing.
func (s *Store) Lookup(name, key string) ([]byte, error) {
	var r ref.Ref
	v, err := s.Pinned(name, &r)
	switch {
	case errors.Is(err, ErrNotFound):
		v = s.Snapshot(&r)
	case err != nil:
		return nil, err
	}
	defer (*Version).Release(v, &r)
	return v.data[key], nil
}

// Fresh reads key from pin name if it is at least seq. Correct.
func (s *Store) Fresh(name, key string, seq uint64) ([]byte, bool) {
	var r ref.Ref
	v, err := s.PinnedAt(name, seq, &r)
	if err != nil {
		return nil, false
	}
	val, ok := v.data[key]
	v.Release(&r)
	return val, ok
}
