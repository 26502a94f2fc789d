// Package sliceelemmembers reproduces an engine defect (false negatives): member refs of
// a struct reached through a slice or array element, `s := &t.slots[i]`, are not tracked at
// all. internal/refstate/loc.go memberKey accepts Alloc, Parameter, FreeVar, UnOp, Call,
// Extract, Phi, Global, Lookup and TypeAssert as the root of a member but not *ssa.IndexAddr,
// so `s.fileRef` (FieldAddr of an IndexAddr) gets no Loc: overwrites, unbacked stores and
// double puts on it are all silent. The same code through `s := t.ptrs[i]` (a loaded
// pointer, UnOp) or `s := &t.one` (FieldAddr) is reported. A kernel-style descriptor table
// (`slots []slot` with the member ref inside each slot) is exactly this shape.
//
// Expected: the three diagnostics below. Observed: none.
package sliceelemmembers

import "github.com/refvet/refvet/ref"

type File struct {
	refs ref.Count
}

type slot struct {
	file    *File
	fileRef ref.Ref
}

type Table struct {
	slots []slot
}

// Overwrite inside `if s.file != nil` without putting s.fileRef first; r idle when s.file is nil.
func Overwrite(t *Table, i int, f *File, r *ref.Ref) { // want `Overwrite takes ref parameter r but neither acquires into it, releases it, nor passes it on before the return at line 35`
	s := &t.slots[i]
	if s.file != nil {
		s.file = f // want `s.file = f overwrites the pointer while s.fileRef still holds the reference on the old one`
		f.refs.Move(&s.fileRef, r)
	}
}

// Unbacked stores f with no reference taken into s.fileRef.
func Unbacked(t *Table, i int, f *File) {
	s := &t.slots[i]
	s.file = f // want `s.file = f stores a tracked pointer with no reference behind it`
}

// DoublePut puts the same member ref twice in one function.
func DoublePut(t *Table, i int) {
	s := &t.slots[i]
	s.file.refs.Put(&s.fileRef)
	s.file.refs.Put(&s.fileRef) // want `Put of s.fileRef on .*refs, but s.fileRef holds nothing here: it was already put at line 46`
}
