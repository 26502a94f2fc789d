// Package structmember defines an Analyzer that checks that a struct holding a pointer to a
// reference-counted object also holds, in a ref.Ref member, the reference that keeps it alive.
//
// # Analyzer structmember
//
// structmember: check that structs holding a tracked pointer hold a reference on it in a ref.Ref member
//
// A tracked pointer is a pointer to a named struct with a ref.Count field. A struct that keeps
// one in a field (the Linux RFC's task->mm) owns a reference on the object, and that reference
// has a name: a ref.Ref field of the same struct, its member. The pass reports:
//
//   - a field of tracked-pointer type with no member, at the field: in every struct type of
//     a type declaration (nested struct types included; anonymous struct types elsewhere, such
//     as test tables, are left alone). An embedded *MM counts as a field named MM;
//   - a store of a non-nil pointer into such a field that no reference backs: on some path to
//     a return, the member got no reference by Get, TryGet, Move or an acquiring call. The
//     reference may be taken before or after the store. Reported at the store (for a
//     composite literal, at its `field: value` element), naming a return through which it
//     goes unbacked;
//   - a store that clears or overwrites such a field while its member still holds the
//     reference on the old pointer, which is then lost: reported at the store, but only
//     where the field is known to hold a pointer (it was stored earlier in the function, or
//     the code is inside `if s.f != nil`). Where what the field held is unknown, the pass
//     stays silent.
//
// Bad:
//
//	type Task struct {
//		mm    *MM
//		mmRef ref.Ref
//	}
//
//	func newTask(m *MM) *Task {
//		return &Task{mm: m} // no reference behind t.mm
//	}
//
//	func (t *Task) exit() {
//		if t.mm != nil {
//			t.mm = nil // t.mmRef's reference is lost
//		}
//	}
//
// Good:
//
//	func newTask(m *MM) *Task {
//		t := &Task{mm: m}
//		m.users.Get(&t.mmRef)
//		return t
//	}
//
//	func (t *Task) exit() {
//		if t.mm != nil {
//			t.mm.users.Put(&t.mmRef)
//			t.mm = nil
//		}
//	}
//
// To swap the pointer, put (or move out) the old reference before taking the new one, as the
// RFC's exec_mmap does: Move the old member into a local ref, store the new pointer, take its
// reference into the member, and Put the local.
//
// In value mode (the README's "Value mode") structmember reports a counted type whose release
// method never releases a counted field that its constructor fills with an owned reference:
// the reference leaks with every object. It is reported at the field. The release method is
// trusted as soon as it (or a function of the package it calls) reads the field at all.
//
// Bad:
//
//	type Reader struct {
//		refs atomic.Int64
//		rec  arrow.RecordBatch // reported: NewReader stores an owned batch, Release never reads it
//	}
//
//	func NewReader(cols []arrow.Array) *Reader {
//		r := &Reader{}
//		r.refs.Add(1)
//		r.rec = array.NewRecordBatch(schema, cols, n)
//		return r
//	}
//
//	func (r *Reader) Release() { r.refs.Add(-1) }
//
// Good:
//
//	func (r *Reader) Release() {
//		if r.refs.Add(-1) == 0 {
//			r.rec.Release()
//		}
//	}
//
// It also reports, at the store, a store of a counted value over a field known to hold one on
// that path (the code is inside `if c.cur != nil`, or an earlier store into it dominates the
// store), when the function never reads the old value (so neither releases nor hands it over:
// `old := c.cur; c.cur = x; old.Release()` is correct) and the type's release method releases
// that field (so the field owns what it holds):
//
//	func (c *Cursor) Next(cols []arrow.Array) {
//		if c.cur != nil {
//			c.cur = array.NewRecordBatch(schema, cols, n) // reported: the old batch leaks
//		}
//	}
//
// A counted value stored into a field is otherwise handed over to the struct: the function that
// stored it is silent about it afterwards. A field the function does not know to be full (a
// `Next` that overwrites `c.cur` with no nil test and no earlier store) is not judged.
//
// # Which member goes with which pointer
//
// In order: a ref.Ref field carrying `//refvet:ref mm` belongs to field mm; otherwise the
// field named mm + "Ref" (mm ↔ mmRef); otherwise, in a struct with exactly one tracked
// pointer and exactly one ref.Ref, the two go together whatever their names. A tracked
// pointer that holds no reference (a back-pointer to an owner that outlives it) is marked
// `//refvet:borrowed` and needs no member. Both directives stand on the line above the field
// or at the end of its line:
//
//	type Task struct {
//		mm *MM
//		//refvet:ref mm
//		keepAlive ref.Ref
//		owner     *Group //refvet:borrowed
//	}
//
// Directives on another package's fields reach this one as facts, so stores into imported
// structs follow their package's pairing, and setters and acquiring functions of other
// packages count as the Get or Move they wrap.
//
// # One mistake, one report
//
// A store whose reference went into a local ref that then leaks is the same mistake as that
// leak, and a setter whose *ref.Ref parameter it never moves into the member is the same
// mistake as its lying signature: each is reported once, by pairing (the leak) or ownerparam
// (the signature) when that pass runs, and by structmember, at the store, when it does not.
// An overwrite followed by a second Get (or Move) into the still-full member is one mistake too:
// when the member holds a reference the function took, pairing (or moveref) reports the second
// take; when it holds the one its struct kept, structmember reports the overwrite, where that
// reference is lost. Either pass reports it when the other does not run. A field reported for having no member is not reported
// again at its stores.
//
// The analysis stops judging a member once the struct escapes where it cannot follow it (a
// call with no summary, the heap, a goroutine); a struct returned by the function is still
// judged. To silence a finding, write `//refvet:ignore structmember <reason>` on the line
// before or at the end of the reported line.
package structmember
