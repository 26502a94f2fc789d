// Package refstate is refvet's engine: it computes, once per function, the state of every ref
// the function touches at every program point, over the function's SSA form, and exports each
// function's effect on its ref parameters as a fact. The rules live in internal/verdict, which
// reads the Result (and asks the questions in query.go) to find root causes; the passes only
// describe them. Neither walks SSA itself.
//
// # What is tracked
//
// A Loc is one ref: a local (an Alloc of ref.Ref: `var r ref.Ref` or `new(ref.Ref)`), a
// member (a ref.Ref field, identified by the SSA value of its struct pointer and the field
// path), a *ref.Ref parameter, or a *ref.Ref captured by a closure. A Site is one operation on
// refs: a call of Count.Get/TryGet/Put/Move, a call of a function with a Summary (wrappers, in
// any package, and closures called in place), a deferred one, or a store of a tracked pointer
// into a field that has a member ref.
//
// # The lattice
//
// The state of one ref at one point is a State, the join over all paths reaching the point:
//
//   - Cases: a set of (Hold, pending) pairs. Hold is Empty (nothing: never taken, put, moved
//     out, or its acquire failed), Held (a reference taken in this function) or Entry (what the
//     caller left: parameters, members of objects not made here). pending says a deferred
//     release is registered. Keeping pairs rather than two sets is what lets "held, put by a
//     defer" meet "never taken, no defer" without turning into a leak. Join is union.
//   - Unknown: the ref escaped (an unknown call, a goroutine, a closure not called in place, the
//     heap). Absorbing: nothing is concluded about the ref from there on.
//   - Take, Gone: the sites that last filled it and emptied it; they only explain diagnostics
//     (join keeps the first in the source: the smallest site ID; for Gone, among the states
//     with an Empty case). Pend: the deferred release that runs first at return (the one
//     registered last); paths that registered different ones join to "mixed", which is
//     applied at return but not judged.
//   - Guard: the Held cases are exactly the paths where a result satisfies a condition (TryGet's
//     bool, an acquiring call's err == nil, a non-nil pointer, or the bool of an `if c` whose
//     arms disagree). A branch on that result resolves it, also through a variable the result
//     was stored in (a named result, a captured variable); the two arms joined again give the
//     guarded state back, so correlated branches stay exact.
//   - Ptr and the store records, for member refs: what the pointer field they belong to
//     holds (and whether the member is known to hold the reference its struct kept for the
//     caller's pointer: ptrOwed), the stores into it that no reference has backed yet, and the
//     stores that replaced a pointer whose reference the member has not put or moved out yet.
//     The records are sets (join is union): each store is its own root cause.
//
// Join is a true lattice join (commutative, associative, idempotent) and every transfer is
// monotone (lattice_test.go checks both on random states), so each State can only grow at a
// point, and the lattice has small finite height: the round-robin iteration converges in a few
// rounds, to the same fixpoint whatever order it visits the blocks in (order_test.go checks
// that on every corpus). It visits them in reverse postorder, so that acyclic code is walked
// once; the cost is linear in blocks × refs and never enumerates paths. Conditions that need
// every path (a store judged as an overwrite only where the field is known to hold a pointer)
// are applied to the fixpoint, not inside the transfer.
//
// # Transfer
//
// Get and Move fill the destination; Put, and Move's source, empty it; TryGet and conditional
// summaries add a Guard. After a violation the ref is left as its author meant (a double Get
// holds one reference, a Put of an empty ref leaves it empty), so one mistake makes one
// diagnostic. Deferred releases mark the ref pending and run at each return, last registered
// first; other deferred operations are not followed. A call that never returns (panic,
// os.Exit, log.Fatal, t.Fatal, functions whose summary says so) ends the path: it is not a
// return.
//
// # Summaries
//
// A function's Summary says, for each *ref.Ref parameter (and, for closures, each captured
// ref), whether it acquires into it, releases it, or moves between two of them; on which Count
// field of which parameter's object; always or only when its error result is nil, its bool
// result true or its pointer result non-nil. Closures, which their callers run in place, may
// also act on some paths only (Maybe), or release under a test of a variable they capture
// (OnVar: the deferred `if err != nil { Put }` cleanup). A condition the caller never tests
// counts as met (untested.go). Parameters it does something else with are
// Unknown: callers stop judging the ref they passed. //refvet:acquires and //refvet:releases
// declare summaries where there is no body (interfaces).
//
// # Fast path
//
// A package that does not import the ref library, directly or through its imports, costs one
// fact lookup per import: no SSA is built.
package refstate
