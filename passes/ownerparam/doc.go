// Package ownerparam defines an Analyzer that checks that functions which hand out, drop or
// promise to handle a reference do it through a *ref.Ref parameter of their caller.
//
// # Analyzer ownerparam
//
// ownerparam: check that functions that acquire or release references take the caller's ref as a parameter
//
// Named references only help if each reference is named by whoever owns it. A function that
// acquires a reference for its caller must take it into a ref the caller passes, and one that
// releases its caller's reference must be given the caller's ref; otherwise the reference is
// held or dropped under a name nobody else knows, and the debug runtime reports the put far
// from the get. The pass reports, at the function's name:
//
//   - a function that returns a tracked pointer (a pointer to a struct with a ref.Count field)
//     with a reference taken on it and held by a local ref, a member of a package-level
//     variable, or a member of an object made in the function, rather than by a *ref.Ref
//     parameter;
//   - a function that drops a reference on an object it received as a parameter (or receiver)
//     with a ref that did not come from its parameters: a local ref that never took a
//     reference, or a member of a package-level variable;
//   - a function that takes a *ref.Ref parameter and a tracked pointer, but returns success
//     with the ref parameter untouched on some path: it neither acquires into it, releases it,
//     moves through it, nor passes it on. Its signature lies to its callers.
//
// Refs that come from the parameters count as the caller's: the parameters, the receiver, and
// fields reached from them (t.mmRef of a t *Task). Members of objects obtained from a call are
// given the benefit of the doubt. Local refs that the function takes and puts itself are its
// own business. A path whose result reports failure (a non-nil error, false, a nil pointer) may
// leave the ref parameter alone: the caller knows nothing was taken. Function literals are
// reported at their func keyword for the first two rules; the third does not apply to them,
// since their signatures are usually dictated by the callback type they implement. Interface
// methods have no body: their //refvet:acquires and //refvet:releases directives are their
// summaries. When a function is reported for one of the first two rules, its idle ref
// parameter is the same mistake and is not reported again. A local ref that holds the
// reference on the returned object, and a local ref that never took the reference it puts, are
// the same mistakes seen by pairing: ownerparam reports them when it runs, pairing (as a leak,
// or a put of an empty ref) when ownerparam does not.
//
// Bad:
//
//	func NewMM() *MM {
//		m := &MM{}
//		var r ref.Ref
//		m.users.Get(&r) // who puts r?
//		return m
//	}
//
// Good:
//
//	func NewMM(r *ref.Ref) *MM {
//		m := &MM{}
//		m.users.Get(r) // the caller's ref holds the first reference
//		return m
//	}
//
// In value mode (the README's "Value mode"), references are held by counted values rather than
// named by refs, and the question is the same: who owns each one. A call's result is owned (the
// caller must release it) or borrowed (its owner keeps it), as inferred from the callee's body
// or said by a preset, a directive (//refvet:owned, //refvet:borrowed, //refvet:consumes) or a
// -valuemode flag. The pass reports:
//
//   - a release of a borrowed reference, at the release: the function releases a value that a
//     call returned borrowed (an accessor such as arrow-go's RecordBatch.Column, or a function
//     that returns its parameter without a Retain), with no Retain of its own; its owner will
//     release it too. A function that releases a parameter is not reported: it consumes it,
//     and its callers are judged by that;
//   - a function whose counted result is owned on some paths and borrowed on others, at its
//     name: its callers cannot know whether to release what they get;
//   - a function that takes over a counted parameter (releases it, or stores it without a
//     Retain) on some paths and leaves it to its caller on others, with no result to tell the
//     caller which, at its name.
//
// Bad:
//
//	func firstLen(rec arrow.RecordBatch) int {
//		col := rec.Column(0) // borrowed: rec keeps owning its columns
//		defer col.Release()
//		return col.Len()
//	}
//
//	func head(rec arrow.RecordBatch, n int64) arrow.RecordBatch {
//		if rec.NumRows() <= n {
//			return rec // borrowed: the caller's own reference
//		}
//		return rec.NewSlice(0, n) // owned: a new reference
//	}
//
// Good:
//
//	func firstLen(rec arrow.RecordBatch) int {
//		return rec.Column(0).Len()
//	}
//
//	func head(rec arrow.RecordBatch, n int64) arrow.RecordBatch {
//		if rec.NumRows() <= n {
//			rec.Retain() // owned on every path: the caller releases what it gets
//			return rec
//		}
//		return rec.NewSlice(0, n)
//	}
//
// A function that must keep a borrowed value beyond its owner's lifetime Retains it first, and
// then owns that reference.
//
// To silence a finding, write `//refvet:ignore ownerparam <reason>` on the line before the
// function (or at the end of the line with its name).
package ownerparam
