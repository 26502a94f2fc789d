// Package directive parses refvet's //refvet: comment directives. It is the
// one parser the analysis engine uses; this comment is the reference for
// users.
//
// # Syntax
//
// A directive is a line comment that starts with exactly "//refvet:", with
// no space after the slashes, followed at once by a keyword and its
// arguments separated by spaces:
//
//	//refvet:KEYWORD ARGS
//
// Like //go: directives, "// refvet:acquires r" (with a space) and
// /*refvet:...*/ are ordinary comments and are ignored. Anything else that
// starts with //refvet: and is not one of the directives below — an unknown
// keyword, missing or extra arguments, a directive in the wrong place — is
// reported as an error naming the directive and the problem, and is
// otherwise ignored.
//
// gofmt moves directives to the end of a doc comment; that is fine, they
// are found anywhere in it.
//
// # Function summaries: acquires and releases
//
//	//refvet:acquires PARAM
//	//refvet:releases PARAM
//
// In the doc comment of a function or method, or on an interface method
// (on the line above it or at the end of its line), these declare that the
// function takes a reference into, or drops the reference held by, its
// *ref.Ref parameter PARAM. Use them where refvet cannot read a body:
// interface methods, assembly, cgo. Each names one parameter; write one
// directive per parameter. PARAM must be a parameter of type *ref.Ref (not
// the receiver, not _).
//
//	// Open opens the file and takes a reference into r.
//	//
//	//refvet:acquires r
//	func Open(name string, r *ref.Ref) (*File, error)
//
//	type Pool interface {
//		//refvet:acquires r
//		Get(r *ref.Ref) (*Conn, error)
//		Put(c *Conn, r *ref.Ref) //refvet:releases r
//	}
//
// On a function with an error, bool or tracked-pointer result, the summary
// is conditional in the same way as one refvet infers from a body: Get above
// acquires r only when its error is nil.
//
// # Struct fields: borrowed and ref
//
//	//refvet:borrowed [note]
//
// On a struct field of tracked-pointer type, on the line above the field or
// at the end of its line: the pointer holds no reference (a back-pointer
// to an owner that outlives the struct). The structmember pass leaves the
// field alone. Any text after the keyword is a note for readers, such as
// why the owner outlives the struct.
//
//	//refvet:ref FIELD
//
// On a ref.Ref field: it is the member ref of the tracked-pointer field
// FIELD of the same struct. Needed only when the names do not pair up by
// themselves (mm ↔ mmRef, or a struct with exactly one tracked pointer and
// one ref.Ref). The ref.Ref field must be declared alone ("a, b ref.Ref" is
// ambiguous).
//
//	type Task struct {
//		mm    *MM
//		hold  ref.Ref //refvet:ref mm
//		//refvet:borrowed
//		owner *Scheduler
//	}
//
// # Value mode: owned, borrowed, consumes, counted
//
// For values counted by their own methods (SPEC-VALUE.md: Release/Retain, Free/Ref,
// DecrRef/IncrRef, Unref/Ref), in the doc comment of a function or method, or on an interface
// method:
//
//	//refvet:owned [RESULT]     the result is owned: the caller must release it
//	//refvet:borrowed [RESULT]  the result is borrowed: the caller must not release it
//	//refvet:consumes PARAM     the function takes over the reference passed in PARAM
//
// RESULT names a result, by name or by index from 0; it may be left out when exactly one
// result has a counted type. On a function with an error result, owned means owned when the
// error is nil. PARAM is a parameter of counted type, or the receiver. //refvet:borrowed on a
// struct field keeps its meaning above; on a function it is about the result.
//
//	//refvet:owned
//	func (r *reader) readBlock(bh Handle) (BufferHandle, error)
//
//	//refvet:consumes blk
//	func (i *indexIter) initHandle(blk BufferHandle)
//
// On a type declaration (the line above "type T ...", or a spec of a grouped declaration):
//
//	//refvet:counted [RELEASES[/RETAIN]]
//
// says that T is a counted type. Without arguments T must have a release method of one of the
// families; RELEASES names the release method, or several joined by "|"
// (Unref|UnrefLocked), and RETAIN the retain method; RELEASES alone makes the type
// release-only.
//
//	//refvet:counted Close
//	type Conn struct{ ... }
//
// # Suppressing a diagnostic: ignore
//
//	//refvet:ignore PASS REASON
//
// PASS is one of pairing, ownerparam, structmember, moveref. REASON is the
// rest of the line and is required: an ignore without one is reported as
// an error and suppresses nothing. There is no "ignore all"; to silence two
// passes on one line, stack two ignores above it.
//
// At the end of a line of code, an ignore suppresses diagnostics of PASS on
// that line:
//
//	c.Get(&r) //refvet:ignore pairing released by the completion callback
//
// On a line of its own, it suppresses diagnostics of PASS on the line just
// after its comment block (the consecutive comment lines it belongs to), so
// ignores can be stacked or mixed with explanations, and an ignore in a
// function's doc comment covers the func line:
//
//	// The worker owns r from here on.
//	//refvet:ignore pairing the worker puts it
//	//refvet:ignore moveref same
//	c.Get(&r)
//
// A blank line ends the block: an ignore followed by a blank line
// suppresses nothing.
package directive
