// Package objcache is an object cache in the style of a page or inode cache: lookups take a
// reference for the caller on success, the cache keeps one reference per entry, eviction
// drops it. Most functions are correct (several in styles that look suspicious); the buggy
// ones carry the diagnostic refvet must give.
package objcache

import (
	"errors"
	"sync"

	"github.com/refvet/refvet/ref"
)

var (
	errNotFound = errors.New("not found")
	errDead     = errors.New("object is being torn down")
)

// Object is a cached, reference-counted object.
type Object struct {
	refs ref.Count
	key  string
	data []byte
	dead bool
}

// entry is one cache slot; it owns one reference on obj.
type entry struct {
	obj    *Object
	objRef ref.Ref
	hits   int
}

// Cache maps keys to entries.
type Cache struct {
	mu sync.Mutex
	m  map[string]*entry
}

func New() *Cache { return &Cache{m: make(map[string]*entry)} }

// NewObject makes an object whose first reference the caller holds in r. Correct.
func NewObject(key string, r *ref.Ref) *Object {
	o := &Object{key: key}
	o.refs.Get(r)
	return o
}

// Lookup returns the object for key with a reference taken into r, or nil with r empty.
// Correct: a conditional acquire on a non-nil result.
func (c *Cache) Lookup(key string, r *ref.Ref) *Object {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.m[key]
	if e == nil {
		return nil
	}
	if !e.obj.refs.TryGet(r) {
		return nil
	}
	e.hits++
	return e.obj
}

// Find is Lookup with an error result. Correct: acquires only when err == nil.
func (c *Cache) Find(key string, r *ref.Ref) (*Object, error) {
	o := c.Lookup(key, r)
	if o == nil {
		return nil, errNotFound
	}
	if o.dead {
		o.refs.Put(r)
		return nil, errDead
	}
	return o, nil
}

// Contains takes a reference only to look at the object, and drops it. Correct.
func (c *Cache) Contains(key string) bool {
	var r ref.Ref
	o := c.Lookup(key, &r)
	if o == nil {
		return false
	}
	alive := !o.dead
	o.refs.Put(&r)
	return alive
}

// Size uses a deferred put after the nil check. Correct.
func (c *Cache) Size(key string) int {
	var r ref.Ref
	o := c.Lookup(key, &r)
	if o == nil {
		return 0
	}
	defer o.refs.Put(&r)
	return len(o.data)
}

// SizeErr branches on Find's error. Correct: r holds nothing on the err != nil branch.
func (c *Cache) SizeErr(key string) (int, error) {
	var r ref.Ref
	o, err := c.Find(key, &r)
	if err != nil {
		return 0, err
	}
	n := len(o.data)
	o.refs.Put(&r)
	return n, nil
}

// SizeErrIs looks suspicious: the errors.Is branch returns without a put, but it is inside the
// err != nil branch, where nothing was taken. Correct.
func (c *Cache) SizeErrIs(key string) (int, error) {
	var r ref.Ref
	o, err := c.Find(key, &r)
	if err != nil {
		if errors.Is(err, errNotFound) {
			return 0, nil
		}
		return 0, err
	}
	defer o.refs.Put(&r)
	return len(o.data), nil
}

// SizeLeak forgets the put on the dead-object early return. Bug: leak at the Lookup.
func (c *Cache) SizeLeak(key string) (int, error) {
	var r ref.Ref
	o := c.Lookup(key, &r) // want `r leaks: the reference it takes on .*refs is still held at the return at line 136`
	if o == nil {
		return 0, errNotFound
	}
	if o.dead {
		return 0, errDead
	}
	n := len(o.data)
	o.refs.Put(&r)
	return n, nil
}

// SizeNoCheck puts r even when the lookup failed. Bug: put of an empty ref on the nil path.
func (c *Cache) SizeNoCheck(key string) int {
	var r ref.Ref
	o := c.Lookup(key, &r)
	n := 0
	if o != nil {
		n = len(o.data)
	}
	o.refs.Put(&r) // want `Put of r on .*refs, but r holds nothing on the path where the Lookup at line 146 failed`
	return n
}

// Insert hands the caller's reference over to a new entry. Correct: the literal stores the
// pointer, the Move right after backs it.
func (c *Cache) Insert(o *Object, r *ref.Ref) {
	e := &entry{obj: o}
	o.refs.Move(&e.objRef, r)
	c.mu.Lock()
	c.m[o.key] = e
	c.mu.Unlock()
}

// Add takes the cache's own reference. Correct.
func (c *Cache) Add(o *Object) {
	e := new(entry)
	o.refs.Get(&e.objRef)
	e.obj = o
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[o.key] = e
}

// newEntryUnbacked makes an entry whose pointer has no reference. Bug: the literal element.
// (Publishing such an entry into the map instead of returning it is not reported yet:
// unbackedescape.)
func newEntryUnbacked(o *Object) *entry {
	return &entry{
		obj: o, // want `entry{obj: o} stores a tracked pointer with no reference behind it`
	}
}

// Evict drops the cache's reference. Correct.
func (c *Cache) Evict(key string) {
	c.mu.Lock()
	e := c.m[key]
	delete(c.m, key)
	c.mu.Unlock()
	if e == nil {
		return
	}
	e.obj.refs.Put(&e.objRef)
	e.obj = nil
}

// EvictMove moves the entry's reference out, clears the entry and puts it last. Correct.
func (c *Cache) EvictMove(key string) bool {
	c.mu.Lock()
	e, ok := c.m[key]
	if ok {
		delete(c.m, key)
	}
	c.mu.Unlock()
	if !ok {
		return false
	}
	o := e.obj
	var r ref.Ref
	o.refs.Move(&r, &e.objRef)
	e.obj = nil
	return o.refs.Put(&r)
}

// evictForget clears the pointer while the member still holds. Bug: at the clearing store.
// (With the one-result lookup e := c.m[key] it is not reported yet: maplookupmember.)
func (c *Cache) evictForget(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if ok && e.obj != nil {
		e.obj = nil // want `e.obj = nil clears the pointer while e.objRef still holds`
	}
	delete(c.m, key)
}

// Replace swaps the object in an entry, exec_mmap style. Correct.
func (c *Cache) Replace(key string, o *Object, r *ref.Ref) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.m[key]
	if e == nil {
		e = &entry{obj: o}
		o.refs.Move(&e.objRef, r)
		c.m[key] = e
		return
	}
	var old ref.Ref
	prev := e.obj
	prev.refs.Move(&old, &e.objRef)
	e.obj = o
	o.refs.Move(&e.objRef, r)
	prev.refs.Put(&old)
}

// Snapshot returns the live objects, each with a reference held in refs[i]. The refs live in
// a slice: the analysis cannot follow them and says nothing. Correct.
func (c *Cache) Snapshot() ([]*Object, []ref.Ref) {
	c.mu.Lock()
	defer c.mu.Unlock()
	objs := make([]*Object, 0, len(c.m))
	refs := make([]ref.Ref, len(c.m))
	for _, e := range c.m {
		if e.obj.refs.TryGet(&refs[len(objs)]) {
			objs = append(objs, e.obj)
		}
	}
	return objs, refs[:len(objs)]
}

// Release drops what Snapshot took. Correct.
func Release(objs []*Object, refs []ref.Ref) {
	for i, o := range objs {
		o.refs.Put(&refs[i])
	}
}

// entries copies the entry pointers out under the lock.
func (c *Cache) entries() []*entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]*entry, 0, len(c.m))
	for _, e := range c.m {
		out = append(out, e)
	}
	return out
}

// Total iterates with a fresh ref per iteration and TryGet. Correct: the put names the count
// through a second load of e.obj, the same field.
func (c *Cache) Total() int {
	total := 0
	for _, e := range c.entries() {
		var r ref.Ref
		if !e.obj.refs.TryGet(&r) {
			continue
		}
		total += len(e.obj.data)
		e.obj.refs.Put(&r)
	}
	return total
}

// TotalOneRef reuses one ref across iterations: put before the next get. Correct.
func (c *Cache) TotalOneRef() int {
	var r ref.Ref
	total := 0
	for _, e := range c.entries() {
		o := e.obj
		if !o.refs.TryGet(&r) {
			continue
		}
		if o.dead {
			o.refs.Put(&r)
			continue
		}
		total += len(o.data)
		o.refs.Put(&r)
	}
	return total
}

// TotalOneRefLeak skips dead objects without putting; the next iteration takes into the held
// ref. Bug: a second get into r, at the TryGet.
func (c *Cache) TotalOneRefLeak() int {
	var r ref.Ref
	total := 0
	for _, e := range c.entries() {
		o := e.obj
		if !o.refs.TryGet(&r) { // want `r already holds a reference on .*refs \(taken at line 320 on an earlier iteration`
			continue
		}
		if o.dead {
			continue
		}
		total += len(o.data)
		o.refs.Put(&r)
	}
	return total
}

// FirstLive returns the first live object with a reference in r, breaking out of the loop.
// Correct.
func (c *Cache) FirstLive(r *ref.Ref) *Object {
	for _, e := range c.entries() {
		if e.obj.dead {
			continue
		}
		if e.obj.refs.TryGet(r) {
			return e.obj
		}
	}
	return nil
}

// Visit calls fn on each object under a reference held across the call. fn gets the object,
// not the ref. Correct.
func (c *Cache) Visit(fn func(*Object) error) error {
	for _, e := range c.entries() {
		var r ref.Ref
		o := e.obj
		if !o.refs.TryGet(&r) {
			continue
		}
		err := fn(o)
		o.refs.Put(&r)
		if err != nil {
			return err
		}
	}
	return nil
}

// VisitLeak returns fn's error while still holding. Bug: leak at the TryGet.
func (c *Cache) VisitLeak(fn func(*Object) error) error {
	for _, e := range c.entries() {
		var r ref.Ref
		o := e.obj
		if !o.refs.TryGet(&r) { // want `r leaks: the reference it takes on .*refs is still held at the return at line 373`
			continue
		}
		if err := fn(o); err != nil {
			return err
		}
		o.refs.Put(&r)
	}
	return nil
}

// Pin puts in a deferred call after the nil check. Correct. (The same with a deferred closure
// capturing o is a known engine false positive: capturedcondresult.)
func (c *Cache) Pin(key string, fn func([]byte)) bool {
	var r ref.Ref
	o := c.Lookup(key, &r)
	if o == nil {
		return false
	}
	defer o.refs.Put(&r)
	fn(o.data)
	return true
}

// PinMethodValue puts through a method value the analysis does not see through. Correct; it
// must stay silent rather than guess.
func (c *Cache) PinMethodValue(key string) int {
	var r ref.Ref
	o := c.Lookup(key, &r)
	if o == nil {
		return 0
	}
	put := o.refs.Put
	defer put(&r)
	return len(o.data)
}

// Clear drops every entry. Correct: it puts each member in place before clearing.
func (c *Cache) Clear() {
	c.mu.Lock()
	old := c.m
	c.m = make(map[string]*entry)
	c.mu.Unlock()
	for _, e := range old {
		if e.obj != nil {
			e.obj.refs.Put(&e.objRef)
			e.obj = nil
		}
	}
}

// DoubleRelease puts r, then the defer puts it again. Bug: the deferred put is the second,
// reported at the defer. (The message explains it as a failed Lookup instead of the earlier
// put: secondputmessage; only the position is pinned here.)
func (c *Cache) DoubleRelease(key string) bool {
	var r ref.Ref
	o := c.Lookup(key, &r)
	if o == nil {
		return false
	}
	defer o.refs.Put(&r) // want `Put of r on .*refs, but r holds nothing`
	if o.dead {
		o.refs.Put(&r)
		return false
	}
	return true
}
