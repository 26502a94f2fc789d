// Package moveref defines an Analyzer that checks that every Move hands over a reference that
// is there, to a ref that is free, on the count it was taken on, and that nothing uses the
// source afterwards.
//
// # Analyzer moveref
//
// moveref: check that Move hands over a reference that is there, to a ref that is free, on one count
//
// c.Move(&dst, &src) transfers the reference src holds to dst without touching the count: after
// it, dst holds the reference and src holds nothing. Functions that move between two of their
// *ref.Ref parameters, in any package, are moves too. The pass reports:
//
//   - a Move from a ref that holds nothing on some path (never taken, already put, its TryGet
//     failed, or already moved out), at the Move;
//   - a Move into a ref that already holds a reference, which would be lost, at the Move;
//   - a Move between refs of different counts (src holds a reference on m.users, the Move is on
//     m.count), at the Move;
//   - a use of the source after the move: a Put of it, or a call that releases it, at that use
//     (a second Move from it is the first case);
//   - a Get into one ref directly followed by a Put of another on the same count of the same
//     object, with no other call in between: a move written the slow way, with two atomic
//     operations instead of none. Wrappers that always take or drop a reference count as the
//     Get and the Put they wrap. A suggested fix rewrites a pair of primitives to
//     c.Move(&dst, &src).
//
// A Move whose destination holds and whose source does not is reported once, as arguments in
// the wrong order. After a reported Move the destination counts as holding, so the mistake is
// reported once; pairing reports a ref filled by a Move that then leaks, at that Move. A put of
// a ref whose reference was moved out is reported here, or by pairing (as a put of a ref that
// holds nothing) when moveref does not run.
//
// Bad:
//
//	func (q *Queue) push(m *MM) {
//		var r ref.Ref
//		m.users.Get(&r)
//		m.users.Move(&q.slot, &r)
//		m.users.Put(&r) // r's reference was moved to q.slot: r holds nothing
//	}
//
// Good:
//
//	func (q *Queue) push(m *MM) {
//		var r ref.Ref
//		m.users.Get(&r)
//		m.users.Move(&q.slot, &r) // q.slot owns the reference now
//	}
//
// Value mode (the README's "Value mode") has no moveref findings, and needs none: a counted
// value holds its reference itself, with no ref beside it to move it between, so the reference
// moves with the value when it is returned, stored, sent or passed to a function that consumes
// it. One of the mistakes a Move's rules catch, using the source after the hand-over, is
// pairing's in value mode: a release after the value was handed to a function that consumes
// it is a double release.
//
// Refs whose address goes where the analysis cannot follow are not judged. The slow move is
// only recognised when both calls name the count through the same value (m.users twice, not
// t.mm.users twice: the two loads of t.mm could differ). To silence a finding, write
// `//refvet:ignore moveref <reason>` on the line before or at the end of the reported line.
package moveref
