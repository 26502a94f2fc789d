package slow

import "github.com/refvet/refvet/ref"

type MM struct {
	users ref.Count
	count ref.Count
}

type Task struct {
	mm    *MM
	mmRef ref.Ref
}

func locals(m *MM) {
	var a, b ref.Ref
	m.users.Get(&b)
	m.users.Get(&a) // want `Get into a on m.users followed by the Put of b at line 19 is a move written the slow way: use m.users.Move`
	m.users.Put(&b)
	m.users.Put(&a)
}

func params(m *MM, dst, src *ref.Ref) {
	m.users.Get(dst) // want `Get into dst on m.users followed by the Put of src at line 25 is a move written the slow way`
	m.users.Put(src) // src's reference goes to dst
}

func (t *Task) adopt(m *MM, src *ref.Ref) {
	m.users.Get(&t.mmRef) // want `Get into t.mmRef on m.users followed by the Put of src at line 31`
	// and drop the caller's
	m.users.Put(src)
	t.mm = m
}

func oneLine(m *MM, dst, src *ref.Ref) {
	m.users.Get(dst); m.users.Put(src) // want `Get into dst on m.users followed by the Put of src at line 36`
}

// Not slow moves.

func callBetween(m *MM, dst, src *ref.Ref) {
	m.users.Get(dst)
	println("between")
	m.users.Put(src)
}

func putFirst(m *MM, dst, src *ref.Ref) {
	m.users.Put(src) // the count may reach zero before the Get
	m.users.Get(dst)
}

func otherCount(m *MM, dst, src *ref.Ref) {
	m.users.Get(dst)
	m.count.Put(src)
}

func otherObject(a, b *MM, dst, src *ref.Ref) {
	a.users.Get(dst)
	b.users.Put(src)
}

func lastUsed(m *MM, dst, src *ref.Ref) bool {
	m.users.Get(dst)
	return m.users.Put(src)
}

func sameRef(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	m.users.Put(&r)
}

func emptySource(m *MM, dst *ref.Ref) {
	var src ref.Ref
	m.users.Get(dst)
	m.users.Put(&src) // a release with a ref the caller never gave: ownerparam reports it; it is no move
}

func deferredPut(m *MM, dst, src *ref.Ref) {
	m.users.Get(dst)
	defer m.users.Put(src)
}

func loadedTwice(t *Task, dst *ref.Ref) {
	t.mm.users.Get(dst) // two loads of t.mm: not provably the same object
	t.mm.users.Put(&t.mmRef)
	t.mm = nil
}
