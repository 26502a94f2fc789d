// Package verdict turns the engine's reference states into root causes and decides, in one
// place, which pass reports each one.
//
// A root cause is one mistake in the user's code. Several rules may see it: a local ref that
// leaks because the function returns the object it refers to is a leak (pairing) and a
// reference handed out without the caller's ref (ownerparam); a store whose member got no
// reference, next to a local ref that leaks a reference on the same type, is an unbacked
// store (structmember) and a leak (pairing). Each Cause lists the Views of the passes that
// can describe it, most specific first, and the first view whose pass is enabled is the one
// reported. So with every pass on, one mistake gives one diagnostic, and with any subset on,
// every mistake one of them can describe is still reported, once. Passes never look at each
// other's findings: they describe the views routed to them.
//
// Errors in the user's directives (malformed, an ignore without a reason or naming no pass,
// an ignore that suppresses nothing) and functions the engine gave up on are causes too, with
// every pass able to report them under the category "refvet": they are reported whatever
// passes are enabled.
//
// Which passes are enabled is the driver's to say (Enable); a program that never says runs
// them all.
package verdict
