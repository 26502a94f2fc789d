// Package mmcache is refvet's bundled example: a small cache of address spaces shared by
// tasks, written against the ref library with a few bugs of the kind refvet finds. Run
//
//	go run ./cmd/refvet ./testdata/example/...
//
// from the repository root to see them.
package mmcache

import (
	"errors"
	"sync"

	"github.com/refvet/refvet/ref"
)

// MM is an address space. users counts the tasks running in it; count keeps the struct itself.
type MM struct {
	users ref.Count
	count ref.Count
	pages []byte
}

// Task runs in one MM and holds a reference on it through mmRef.
type Task struct {
	mm    *MM
	mmRef ref.Ref
	name  string
}

// Cache maps names to address spaces.
type Cache struct {
	mu  sync.Mutex
	mms map[string]*MM
}

var errMissing = errors.New("no such mm")

// Lookup returns the named MM with a reference taken into r, or an error.
func (c *Cache) Lookup(name string, r *ref.Ref) (*MM, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	mm, ok := c.mms[name]
	if !ok || !mm.users.TryGet(r) {
		return nil, errMissing
	}
	return mm, nil
}

// Size reports the size of the named MM. Bug: the early return leaks the reference.
func (c *Cache) Size(name string) int {
	var r ref.Ref
	mm, err := c.Lookup(name, &r)
	if err != nil {
		return 0
	}
	if len(mm.pages) == 0 {
		return 0
	}
	n := len(mm.pages)
	mm.users.Put(&r)
	return n
}

// Touch reads the named MM. Bug: the reference is put twice, once by the defer.
func (c *Cache) Touch(name string) error {
	var r ref.Ref
	mm, err := c.Lookup(name, &r)
	if err != nil {
		return err
	}
	defer mm.users.Put(&r)
	_ = mm.pages[0]
	mm.users.Put(&r)
	return nil
}

// Attach makes t run in the named MM, handing the reference over to the task.
func (c *Cache) Attach(t *Task, name string) error {
	var r ref.Ref
	mm, err := c.Lookup(name, &r)
	if err != nil {
		return err
	}
	t.mm = mm
	mm.users.Move(&t.mmRef, &r)
	return nil
}

// Detach stops t from running in its MM. Bug: it clears the pointer but never puts the
// reference the task holds.
func (t *Task) Detach() {
	if t.mm != nil {
		t.mm = nil
	}
}

// Share makes u run in t's MM. Bug: it stores the pointer without taking a reference.
func Share(t, u *Task) {
	u.mm = t.mm
}

// Pin takes a second reference on the count it does not own. Bug: the put goes to the wrong
// counter.
func Pin(mm *MM) {
	var r ref.Ref
	mm.count.Get(&r)
	mm.users.Put(&r)
}

// NewMM makes an address space. Bug: the reference it hands back was taken into a local ref,
// so the caller cannot put it; constructors take the caller's *ref.Ref.
func NewMM(size int) *MM {
	mm := &MM{pages: make([]byte, size)}
	var r ref.Ref
	mm.users.Get(&r)
	return mm
}

// Adopt hands r's reference to t. Bug: a Get into the task followed by a Put of r is a move
// written the slow way (the count goes up and down for nothing).
func Adopt(t *Task, mm *MM, r *ref.Ref) {
	t.mm = mm
	mm.users.Get(&t.mmRef)
	mm.users.Put(r)
}
