// Package ref is reference counting with named references.
//
// A bare reference count says how many references an object has, not who
// holds them, so a put that was not the caller's to make goes unnoticed
// until the count reaches zero while someone still uses the object, far
// from the bug. Here every reference has a name, a Ref, and every Get and
// Put says which Ref it takes into or drops: a put through a Ref that
// holds nothing is caught at that put.
//
// # The model
//
// A Count is a field of the shared object; an object may have several,
// each its own counter. A Count starts at zero: the first Get brings the
// object to life, so a constructor takes the caller's *Ref and takes the
// first reference into it. Put returns last when it dropped the final
// reference: the caller then frees the object, which is dead from then on;
// Get on it is a bug. TryGet takes a reference only while the count is
// above zero, for lookups through pointers that hold none (a cache, a
// table); it never brings an object to life. Move hands a reference from
// one Ref to another, for instance from a local Ref into the struct that
// will keep it, without touching the count.
//
// Refs live where the reference lives: a local variable for a reference
// held for the length of a call, a field next to the pointer for one a
// struct keeps. Neither Refs nor Counts may be copied; go vet's copylocks
// check reports copies.
//
// # Two builds
//
// By default (release) a Ref has no size and a Count is one 32-bit atomic
// integer: Get and Put inline to one atomic add each, Move compiles to
// nothing, and the names cost nothing. The only misuse release builds can
// see is a Put that drops a count below zero, reported as Underflow.
//
// Built with -tags refdebug, every Count keeps the list of Refs holding
// it, with the stack each reference was taken at, and every Ref keeps
// what it holds and how its previous reference ended. Misuse is reported
// at the call, with both stacks where there are two: a put through a Ref
// that holds nothing (with the stack of its earlier put) or holds another
// Count; a Get into a Ref that already holds; a Move from an empty Ref or
// into a full one; a Get on a dead Count. Leaks are found by the garbage
// collector: a Ref that becomes unreachable while it still holds, and an
// object that becomes unreachable while references on it are held, listing
// every holder and where each took its reference. Tracking never keeps a
// Ref or an object alive: their records are separate allocations that do
// not point back, and runtime.AddCleanup on the Ref and on the Count (which
// covers the whole object it is a field of) tells when they die. Stacks
// are taken by frame pointers on amd64 and arm64 (REFDEBUG_UNWIND=callers
// falls back to runtime.Callers), so a debug Get+Put costs less than one
// runtime.Callers, and stored once per distinct stack in a depot capped at
// 16 384 stacks, so that a program running for weeks does not grow
// without bound: past the cap the depot evicts, records keep the stacks
// they point to, and a message showing an evicted stack says how many
// were dropped.
//
// # Who holds what
//
// Refdebug builds also register the runtime/pprof profile named by
// HeldProfile, in which every reference held appears once, at the stack
// where its holder took it (by Get or TryGet) or received it (by Move). A
// program that serves net/http/pprof lists it at /debug/pprof/, and
//
//	go tool pprof http://localhost:6060/debug/pprof/github.com/refvet/refvet/ref.held
//
// shows, in the running program, who holds what and where it was taken,
// each sample labelled with its count's number (count=#N, as in leak
// messages). The profile is made when read, from the holder lists the
// debug build keeps anyway, so it adds nothing to Get or Put.
//
// # Reporting
//
// Violations go to the reporter set with SetReporter; the default,
// DefaultReporter, panics at the offending call with a *Violation and
// prints leaks, which have no caller, to standard error. Package reftest
// makes them fail the running test instead.
//
// # From the kernel RFC
//
// This follows the Linux kernel RFC for mm_struct reference debugging:
//
//	struct mm_ref               ref.Ref
//	MM_REF(name)                var name ref.Ref
//	mm_users, mm_count          one ref.Count field each
//	mmget(mm, &ref)             mm.users.Get(&ref)
//	mmget_not_zero(mm, &ref)    mm.users.TryGet(&ref)
//	mmput(mm, &ref)             mm.users.Put(&ref)
//	mmgrab/mmdrop               mm.count.Get/Put
//	move_mm_ref                 mm.users.Move(&dst, &src)
//
// Note that Move takes the destination first, like copy.
package ref
