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
// Errors in //refvet: directives, ignores that suppress nothing, and functions the analysis
// gave up on are reported under the category refvet, whatever passes run.
//
// To silence a finding, write `//refvet:ignore pairing <reason>` on the line before or at the
// end of the reported line.
package pairing
