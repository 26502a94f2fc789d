package ref

// HeldProfile is the name of the runtime/pprof profile of held references,
// registered in refdebug builds only (pprof.Lookup returns nil otherwise).
// Every reference held appears in it once, at the stack where its holder
// got it: the Get or TryGet that took it, or the Move that handed it to
// its current Ref. A Put, or a Move out of the Ref, removes it. Each
// sample carries the label count="#N", the count's number in violation
// and leak messages.
//
// With net/http/pprof imported it is listed at /debug/pprof/, so
//
//	go tool pprof http://localhost:6060/debug/pprof/github.com/refvet/refvet/ref.held
//
// shows who holds what in a running program, and
// /debug/pprof/github.com/refvet/refvet/ref.held?debug=1 prints it as text.
// The profile is made when it is read, from the records the refdebug build
// keeps anyway: it costs Get and Put nothing.
const HeldProfile = "github.com/refvet/refvet/ref.held"
