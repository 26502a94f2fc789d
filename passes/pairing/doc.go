// Package pairing defines an Analyzer that checks that every reference taken on a ref.Count is
// put, on the same named ref, along every path.
//
// # Analyzer pairing
//
// pairing: check that each get has a put on the same named ref along every path
//
// A reference taken with Get, TryGet or a function that acquires into a ref must be dropped with
// Put (or moved out with Move) before the function returns, on every path: early returns,
// loops, switch, select, goto, defers and closures called in place included. The pass reports:
//
//   - a leak: a local ref still holding a reference at some return, at the Get that took it,
//     naming a return through which it leaks;
//   - a second Get into a ref that already holds, at that Get;
//   - a Put of a ref that holds nothing on some path (never taken, already put, its TryGet or
//     acquiring call failed) or that holds a reference on another count, at that Put.
//
// TryGet's false branch, and the err != nil branch of a function that acquires only on
// success, hold nothing. Deferred calls run at each return, last registered first. A path that
// panics, or calls a function that never returns, is not a return.
//
// Bad:
//
//	func (s *Server) handle(m *MM) error {
//		var r ref.Ref
//		m.users.Get(&r)
//		if err := s.check(m); err != nil {
//			return err // r leaks here
//		}
//		m.users.Put(&r)
//		return nil
//	}
//
// Good:
//
//	func (s *Server) handle(m *MM) error {
//		var r ref.Ref
//		m.users.Get(&r)
//		defer m.users.Put(&r)
//		return s.check(m)
//	}
//
// When a Get leaks on every path, the suggested fix adds `defer c.Put(&r)` after it.
//
// Refs whose address goes where the analysis cannot follow (an unknown function, a goroutine,
// a closure not called in place, the heap) are not judged. Member refs (ref.Ref fields) are
// checked within a function, but one still held at return is owned by its struct, not leaked.
// Some of these mistakes are also another pass's finding, and each is reported once: a leak
// through the return of the object is ownerparam's (the reference belonged in the caller's
// ref), a put after a Move is moveref's, a leak that left a struct field without its reference
// is pairing's and not structmember's, while a Get into a member that still holds the
// reference its struct kept, after the function overwrote its pointer, is structmember's (at the
// overwrite). When the other pass does not run, pairing reports it.
//
// In value mode (the README's "Value mode"), the same rule holds for references held by
// counted values: values of a type with a release and a retain method of one family
// (Release/Retain, Free/Ref, DecrRef/IncrRef, Unref/Ref). A call whose result is owned
// (inferred from the callee's body, or said by a preset, a //refvet:owned directive or a
// -valuemode.owned flag), a Retain, or a constructor's allocation whose count it sets to one
// takes a reference that the function must release, or hand over, before it returns: return
// it, store it in a field, send it on a channel, pass it to a function that consumes it. As for
// refs, an owned result with an error is owned only when the error is nil. The pass reports:
//
//   - a leak: an owned reference still held at some return, error paths included, at the call
//     that took it, naming a return through which it leaks;
//   - a leak in a loop: a reference taken in the body and still held when the iteration ends,
//     at the call that took it. A release deferred in the loop does not help: it runs only
//     when the function returns, and the references of every iteration pile up until then;
//   - a double release: a release of a value whose reference was already released, or handed
//     to a function that consumes it, on every path, at the second release (a deferred one at
//     its defer);
//   - a release of a value that holds nothing because its acquiring call failed, such as
//     `defer tbl.DecrRef()` written before the error check;
//   - a use after release: a method called on a value, or one of its fields read, after the
//     function released the only reference it knew of, on every path, at the use (silent once
//     the value was passed to a function, which may keep a reference of its own).
//
// A release deferred in a loop is no leak when the loop keeps what the value holds past the
// iteration (`fields[i] = arr.Data()`): there the deferred release is what keeps it alive.
// Code that provokes panics on purpose (a closure handed to assert.Panics, a function that
// defers a recover) is not judged, and an error handed to a test assertion is read by its
// name: after require.NoError the value holds its reference, after require.Error nothing.
// When an owned result is never released nor handed over, the suggested fix is `defer
// x.Release()` right after the call, or after the `if err != nil` block that follows it.
//
// Bad:
//
//	func rows(r *ipc.FileReader, i int) (int64, error) {
//		rec, err := r.RecordAt(i) // owned when err == nil
//		if err != nil {
//			return 0, err
//		}
//		if rec.NumRows() == 0 {
//			return 0, errEmpty // rec leaks here
//		}
//		n := rec.NumRows()
//		rec.Release()
//		return n, nil
//	}
//
//	func size(r *ipc.FileReader, i int) (int64, error) {
//		rec, err := r.RecordAt(i)
//		if err != nil {
//			return 0, err
//		}
//		defer rec.Release() // releases rec again at the return
//		n := rec.NumRows()
//		rec.Release()
//		return n, nil
//	}
//
//	func total(r *ipc.FileReader) (int64, error) {
//		var n int64
//		for i := 0; i < r.NumRecords(); i++ {
//			rec, err := r.RecordAt(i)
//			if err != nil {
//				return 0, err
//			}
//			defer rec.Release() // runs at the return, not at the end of the iteration
//			n += rec.NumRows()
//		}
//		return n, nil
//	}
//
// Good:
//
//	func rows(r *ipc.FileReader, i int) (int64, error) {
//		rec, err := r.RecordAt(i)
//		if err != nil {
//			return 0, err
//		}
//		defer rec.Release() // after the error check: on every path from here
//		if rec.NumRows() == 0 {
//			return 0, errEmpty
//		}
//		return rec.NumRows(), nil
//	}
//
//	func total(r *ipc.FileReader) (int64, error) {
//		var n int64
//		for i := 0; i < r.NumRecords(); i++ {
//			rec, err := r.RecordAt(i)
//			if err != nil {
//				return 0, err
//			}
//			n += rec.NumRows()
//			rec.Release() // in the iteration that took it
//		}
//		return n, nil
//	}
//
// Value leaks have no suggested fix yet. Values the analysis cannot follow are not judged:
// values kept in local slices or maps, captured by a closure or a goroutine (handed over, on
// every path), received from a channel, or read from a field of an object the function did not
// build. A release of a value that a call returned borrowed is ownerparam's finding, not a
// double release.
//
// Errors in //refvet: directives, ignores that suppress nothing, and functions the analysis
// gave up on are reported under the category refvet, whatever passes run.
//
// To silence a finding, write `//refvet:ignore pairing <reason>` on the line before or at the
// end of the reported line.
package pairing
