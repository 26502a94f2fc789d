package moves

import "github.com/refvet/refvet/ref"

type MM struct {
	users ref.Count
	count ref.Count
}

type Task struct {
	mm    *MM
	mmRef ref.Ref
}

// Moves from a ref that holds nothing.

func fromEmpty(m *MM) {
	var src, dst ref.Ref
	m.users.Move(&dst, &src) // want `Move from src into dst on m.users, but src holds nothing here: no reference was taken into it on every path`
	m.users.Put(&dst)
}

func fromEmptyOnSomePath(m *MM, ok bool) {
	var src, dst ref.Ref
	if ok {
		m.users.Get(&src)
	}
	m.users.Move(&dst, &src) // want `Move from src into dst on m.users, but src holds nothing here`
	m.users.Put(&dst)
}

func afterPut(m *MM) {
	var src, dst ref.Ref
	m.users.Get(&src)
	m.users.Put(&src)
	m.users.Move(&dst, &src) // want `Move from src into dst on m.users, but src holds nothing here: its reference was put at line 35 on every path`
	m.users.Put(&dst)
}

func unchecked(m *MM) {
	var src, dst ref.Ref
	m.users.TryGet(&src)
	m.users.Move(&dst, &src) // want `Move from src into dst on m.users, but src holds nothing on the path where the TryGet at line 42 failed`
	m.users.Put(&dst)
}

// Uses of a ref after its reference was moved out.

func moveTwice(m *MM) {
	var src, a, b ref.Ref
	m.users.Get(&src)
	m.users.Move(&a, &src)
	m.users.Move(&b, &src) // want `Move from src into b on m.users, but src's reference was already moved out at line 52 \(into a\) on every path`
	m.users.Put(&a)
	m.users.Put(&b)
}

func putAfterMove(m *MM) {
	var src, dst ref.Ref
	m.users.Get(&src)
	m.users.Move(&dst, &src)
	m.users.Put(&dst)
	m.users.Put(&src) // want `Put of src on m.users, but its reference was moved out at line 61 \(into dst\) on every path: after a move the source holds nothing`
}

func putAfterMoveOnSomePath(m *MM, hand bool, out *ref.Ref) {
	var r ref.Ref
	m.users.Get(&r)
	if hand {
		m.users.Move(out, &r)
	}
	m.users.Put(&r) // want `Put of r on m.users, but its reference was moved out at line 70 \(into out\)`
}

func deferredPutAfterMove(m *MM, out *ref.Ref) {
	var r ref.Ref
	m.users.Get(&r)
	defer m.users.Put(&r) // want `Put of r on m.users, but its reference was moved out at line 79`
	m.users.Move(out, &r)
}

// Moves into a ref that already holds, and across counts.

func intoHeld(m *MM) {
	var src, dst ref.Ref
	m.users.Get(&dst)
	m.users.Get(&src)
	m.users.Move(&dst, &src) // want `Move into dst from src on m.users, but dst already holds a reference on m.users \(taken at line 86\): that reference would be lost`
	m.users.Put(&dst)
}

func intoHeldInLoop(m *MM, n int) {
	var dst ref.Ref
	m.users.Get(&dst)
	for i := 0; i < n; i++ {
		var r ref.Ref
		m.users.Get(&r)
		m.users.Move(&dst, &r) // want `Move into dst from r on m.users, but dst already holds`
	}
	m.users.Put(&dst)
}

func wrongCount(m *MM) {
	var src, dst ref.Ref
	m.users.Get(&src)
	m.count.Move(&dst, &src) // want `Move from src into dst on m.count, but src holds a reference on m.users \(taken at line 105\): a move cannot carry a reference to another count`
	m.count.Put(&dst)
}

func swapped(m *MM) {
	var src, dst ref.Ref
	m.users.Get(&src)
	m.users.Move(&src, &dst) // want `Move into src from dst on m.users, but src already holds a reference \(taken at line 112\) and dst holds nothing: are the arguments swapped\? The destination comes first`
	m.users.Put(&src)
}

func ignored(m *MM) {
	var src, dst ref.Ref
	m.users.Move(&dst, &src) //refvet:ignore moveref src is filled by assembly the analyzer cannot see
	m.users.Put(&dst)
}

// Correct moves that look like the above.

func handOff(m *MM, out *ref.Ref) {
	var r ref.Ref
	m.users.Get(&r)
	m.users.Move(out, &r)
}

func tryGetGuard(m *MM, out *ref.Ref) bool {
	var r ref.Ref
	if !m.users.TryGet(&r) {
		return false
	}
	m.users.Move(out, &r)
	return true
}

func tryGetStored(m *MM) {
	var r, dst ref.Ref
	ok := m.users.TryGet(&r)
	if ok {
		m.users.Move(&dst, &r)
		m.users.Put(&dst)
	}
}

func loopFresh(ms []*MM) {
	for _, m := range ms {
		var r, dst ref.Ref
		m.users.Get(&r)
		m.users.Move(&dst, &r)
		m.users.Put(&dst)
	}
}

func reuseAfterMove(m *MM) {
	var r, a, b ref.Ref
	m.users.Get(&r)
	m.users.Move(&a, &r)
	m.users.Get(&r)
	m.users.Move(&b, &r)
	m.users.Put(&a)
	m.users.Put(&b)
}

func backAndForth(m *MM) {
	var a, b ref.Ref
	m.users.Get(&a)
	m.users.Move(&b, &a)
	m.users.Move(&a, &b)
	m.users.Put(&a)
}

func moveOrPut(m *MM, keep bool, out *ref.Ref) bool {
	var r ref.Ref
	m.users.Get(&r)
	if keep {
		m.users.Move(out, &r)
		return true
	}
	m.users.Put(&r)
	return false
}

func betweenParams(m *MM, dst, src *ref.Ref) {
	m.users.Move(dst, src)
}

func (t *Task) handOver(out *ref.Ref) {
	t.mm.users.Move(out, &t.mmRef)
	t.mm = nil
}

func (t *Task) takeOver(m *MM, src *ref.Ref) {
	m.users.Move(&t.mmRef, src)
	t.mm = m
}

func escaped(m *MM) {
	var r, dst ref.Ref
	keep(&r)
	m.users.Move(&dst, &r)
	m.users.Put(&dst)
}

var kept []*ref.Ref

func keep(r *ref.Ref) { kept = append(kept, r) }

// Closures called in place are followed.

func moveInClosure(m *MM) {
	var src, dst ref.Ref
	func() {
		m.users.Move(&dst, &src) // want `Move from src into dst on (m\.)?users, but src holds nothing here`
	}()
	m.users.Put(&dst)
}

func putInDeferredClosure(m *MM, out *ref.Ref) {
	var r ref.Ref
	m.users.Get(&r)
	m.users.Move(out, &r)
	defer func() { // want `Put of r on (m\.)?users, but its reference was moved out at line 225`
		m.users.Put(&r)
	}()
}

func moveInClosureClean(m *MM, out *ref.Ref) {
	var r ref.Ref
	m.users.Get(&r)
	func() {
		m.users.Move(out, &r)
	}()
}

func sameMoveTwice(m *MM) {
	var r, a ref.Ref
	m.users.Get(&r)
	m.users.Move(&a, &r)
	m.users.Move(&a, &r) // want `Move from r into a on m.users, but r's reference was already moved out at line 242 \(into a\) on every path`
	m.users.Put(&a)
}

func fromFreshMember(m *MM, out *ref.Ref) {
	t := &Task{}
	m.users.Move(out, &t.mmRef) // want `Move from t.mmRef into out on m.users, but t.mmRef holds nothing here`
}

func deferredMove(m *MM, out *ref.Ref) {
	var r ref.Ref
	m.users.Get(&r)
	defer m.users.Move(out, &r)
	println("work")
}

func correlatedBranches(m *MM, give bool, out *ref.Ref) {
	var r ref.Ref
	m.users.Get(&r)
	if give {
		m.users.Move(out, &r)
	}
	if !give {
		m.users.Put(&r)
	}
}

func switchArms(m *MM, kind int, a, b *ref.Ref) {
	var r ref.Ref
	m.users.Get(&r)
	switch kind {
	case 0:
		m.users.Move(a, &r)
	case 1:
		m.users.Move(b, &r)
	default:
		m.users.Put(&r)
	}
}
