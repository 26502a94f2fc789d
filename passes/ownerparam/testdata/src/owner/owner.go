package owner

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

type MM struct {
	users ref.Count
	count ref.Count
	dead  bool
}

type Task struct {
	mm    *MM
	mmRef ref.Ref
}

var errDead = errors.New("dead")

// Functions that hand out a reference without the caller's ref.

func NewMM() *MM { // want `NewMM returns m with a reference on m.users \(taken at line 27, returned at line 28\) held by its local ref r: take it into a \*ref.Ref parameter, so that the caller owns it`
	m := &MM{}
	var r ref.Ref
	m.users.Get(&r)
	return m
}

func lookup(ms map[string]*MM, key string) (*MM, error) { // want `lookup returns m with a reference on m.users \(taken at line 37, returned at line 38\) held by its local ref r`
	m, ok := ms[key]
	if !ok {
		return nil, errDead
	}
	var r ref.Ref
	m.users.Get(&r)
	return m, nil
}

func tryLookup(m *MM) *MM { // want `tryLookup returns m with a reference on m.users \(taken at line 43, returned at line 46\)`
	var r ref.Ref
	if !m.users.TryGet(&r) {
		return nil
	}
	return m
}

var cache struct{ r ref.Ref }

func cached() *MM { // want `cached returns m with a reference on m.users \(taken at line 53, returned at line 54\) held by cache.r, a member of a package-level variable`
	m := &MM{}
	m.users.Get(&cache.r)
	return m
}

type holder struct{ r ref.Ref }

func viaHolder() *MM { // want `viaHolder returns m with a reference on m.users .* held by h.r, a member of an object made here`
	m := &MM{}
	h := &holder{}
	m.users.Get(&h.r)
	return m
}

func closure() func() *MM {
	return func() *MM { // want `this function literal returns m with a reference on m.users`
		m := &MM{}
		var r ref.Ref
		m.users.Get(&r)
		return m
	}
}

// Functions that drop their caller's reference with a ref of their own.

func release(m *MM) { // want `release drops a reference on m.users, which its caller passed in, with its local ref r, which never took one \(Put at line 79\): take the caller's ref as a \*ref.Ref parameter and release that`
	var r ref.Ref
	m.users.Put(&r)
}

func (m *MM) Close() { // want `Close drops a reference on m.users, which its caller passed in, with its local ref r`
	var r ref.Ref
	defer m.users.Put(&r)
	println(m.dead)
}

func releaseGlobal(m *MM) { // want `releaseGlobal drops a reference on m.users, which its caller passed in, with cache.r, a member of a package-level variable \(Put at line 89\)`
	m.users.Put(&cache.r)
}

func releaseWithLocalInsteadOfParam(m *MM, r *ref.Ref) { // want `releaseWithLocalInsteadOfParam drops a reference on m.users`
	var mine ref.Ref
	m.users.Put(&mine)
}

// Signatures that lie: a ref parameter left untouched on a successful path.

func Grab(m *MM, r *ref.Ref) { // want `Grab takes ref parameter r but neither acquires into it, releases it, nor passes it on before the return at line 101: its signature promises what it does not do`
	println(m.dead)
}

func GrabUnless(m *MM, r *ref.Ref, skip bool) { // want `GrabUnless takes ref parameter r .* before the return at line 105`
	if skip {
		return
	}
	m.users.Get(r)
}

func (m *MM) Open(r *ref.Ref) error { // want `Open takes ref parameter r .* before the return at line 112`
	if m.dead {
		return nil
	}
	m.users.Get(r)
	return nil
}

func (t *Task) Adopt(m *MM, r *ref.Ref) { // want `Adopt takes ref parameter r`
	println(m.dead)
}

//refvet:ignore ownerparam the registry keeps this reference for the life of the program
func NewPinned() *MM {
	m := &MM{}
	var r ref.Ref
	m.users.Get(&r)
	return m
}

// Correct code that looks like the above.

func NewMMFor(r *ref.Ref) *MM {
	m := &MM{}
	m.users.Get(r)
	return m
}

func NewViaMove(r *ref.Ref) *MM {
	m := &MM{}
	var mine ref.Ref
	m.users.Get(&mine)
	m.users.Move(r, &mine)
	return m
}

func Put(m *MM, r *ref.Ref) { m.users.Put(r) }

func (m *MM) Get(r *ref.Ref) { m.users.Get(r) }

func balanced(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	defer m.users.Put(&r)
	println(m.dead)
}

func OpenErr(m *MM, r *ref.Ref) error {
	if m.dead {
		return errDead
	}
	m.users.Get(r)
	return nil
}

func OpenWrapped(m *MM, r *ref.Ref) error {
	if err := check(m); err != nil {
		return err
	}
	m.users.Get(r)
	return nil
}

func check(m *MM) error {
	if m.dead {
		return errDead
	}
	return nil
}

func TryOpen(m *MM, r *ref.Ref) bool {
	if m.dead {
		return false
	}
	return m.users.TryGet(r)
}

func Find(m *MM, r *ref.Ref) *MM {
	if m.dead {
		return nil
	}
	m.users.Get(r)
	return m
}

func FindErr(m *MM, r *ref.Ref) (*MM, error) {
	if m.dead {
		return nil, errDead
	}
	m.users.Get(r)
	return m, nil
}

func (t *Task) drop() {
	t.mm.users.Put(&t.mmRef)
	t.mm = nil
}

func (t *Task) attach(m *MM) {
	m.users.Get(&t.mmRef)
	t.mm = m
}

func (t *Task) dropFrom(m *MM) {
	m.users.Put(&t.mmRef)
}

func (t *Task) self() *Task { return t }

func dropFound(t *Task, m *MM) {
	found := t.self()
	m.users.Put(&found.mmRef)
}

func handOn(m *MM, r *ref.Ref) { Put(m, r) }

func acquireByMove(m *MM, r *ref.Ref) {
	var mine ref.Ref
	m.users.Get(&mine)
	m.users.Move(r, &mine)
}

func borrowed(t *Task) *MM { return t.mm }

func noTrackedPointer(r *ref.Ref) {}

func callback(m *MM) {
	visit(m, func(m *MM, r *ref.Ref) {})
}

func visit(m *MM, f func(*MM, *ref.Ref)) {
	var r ref.Ref
	m.users.Get(&r)
	f(m, &r)
}

func escapes(m *MM, r *ref.Ref) {
	kept = append(kept, r)
}

var kept []*ref.Ref

func NewAnonymous() *MM { // want `NewAnonymous returns m with a reference on m.users .* held by its local ref new\(ref.Ref\)`
	m := &MM{}
	m.users.Get(new(ref.Ref))
	return m
}

func peek(m *MM) *MM {
	var r ref.Ref
	m.users.Get(&r)
	defer m.users.Put(&r)
	return m
}

func lookupOK(ms map[string]*MM, key string, r *ref.Ref) (*MM, bool) {
	m, ok := ms[key]
	if !ok {
		return nil, false
	}
	m.users.Get(r)
	return m, true
}

func async(m *MM, r *ref.Ref) {
	go func() {
		m.users.Put(r)
	}()
}

func mustGrab(m *MM, r *ref.Ref) {
	if m.dead {
		panic("dead")
	}
	m.users.Get(r)
}

type Opener interface {
	//refvet:acquires r
	Open(m *MM, r *ref.Ref) error
}

func openVia(o Opener, m *MM, r *ref.Ref) error { return o.Open(m, r) }

// cachedLocked is cached with a deferred unlock: the result then goes through a slot that the
// deferred call runs before, and the rule must look through it to see m handed out. (A copy of
// the engine's result helper in this pass once compared return values directly and lost it.)
func cachedLocked() *MM { // want `cachedLocked returns m with a reference on m.users \(taken at line 301, returned at line 302\) held by cache.r, a member of a package-level variable`
	mu.Lock()
	defer mu.Unlock()
	m := &MM{}
	m.users.Get(&cache.r)
	return m
}

var mu lock

// lock stands for a sync.Mutex: any deferred call makes SSA return results through slots.
type lock struct{}

func (lock) Lock()   {}
func (lock) Unlock() {}
