package ref

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
)

// Kind classifies a Violation.
type Kind uint8

// The kinds of violation. Release builds can only detect Underflow; the
// others need the bookkeeping of the refdebug build.
const (
	// Underflow: a Put dropped a Count below zero (release builds).
	Underflow Kind = iota + 1
	// PutNotHeld: a Put through a Ref that holds nothing, usually a
	// double put; the earlier put is shown.
	PutNotHeld
	// PutWrongCount: a Put through a Ref that holds a reference on
	// another Count.
	PutWrongCount
	// DoubleGet: a Get or TryGet into a Ref that already holds a
	// reference, which would be lost.
	DoubleGet
	// MoveFromEmpty: a Move whose source Ref holds nothing.
	MoveFromEmpty
	// MoveIntoFull: a Move whose destination Ref already holds a reference.
	MoveIntoFull
	// MoveWrongCount: a Move whose source Ref holds a reference on
	// another Count.
	MoveWrongCount
	// GetOnDead: a Get on a Count that already dropped to zero: the
	// object is dead.
	GetOnDead
	// RefLeak: a Ref became unreachable while it still held a reference.
	RefLeak
	// ObjectLeak: an object became unreachable while references on one of
	// its Counts were still held.
	ObjectLeak
)

var kindNames = [...]string{
	Underflow:      "Underflow",
	PutNotHeld:     "PutNotHeld",
	PutWrongCount:  "PutWrongCount",
	DoubleGet:      "DoubleGet",
	MoveFromEmpty:  "MoveFromEmpty",
	MoveIntoFull:   "MoveIntoFull",
	MoveWrongCount: "MoveWrongCount",
	GetOnDead:      "GetOnDead",
	RefLeak:        "RefLeak",
	ObjectLeak:     "ObjectLeak",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Leak reports whether k is found by the garbage collector rather than at
// a call: there is no caller to blame, so the default reporter prints
// instead of panicking.
func (k Kind) Leak() bool { return k == RefLeak || k == ObjectLeak }

// A Violation is one misuse of the reference discipline.
type Violation struct {
	Kind Kind
	// Msg says what happened in one line, without the stacks.
	Msg string
	// Stacks are the stacks that explain the violation. For violations
	// detected at a call, Stacks[0] is the stack of that call.
	Stacks []Stack
}

// A Stack is one labelled call stack of a Violation.
type Stack struct {
	// Label says what happened there, e.g. "taken at".
	Label string
	// PCs are return program counters, innermost first, as for
	// runtime.CallersFrames.
	PCs []uintptr
}

func (v *Violation) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ref: %v: %s", v.Kind, v.Msg)
	for _, s := range v.Stacks {
		b.WriteString("\n")
		b.WriteString(s.String())
	}
	return b.String()
}

func (v *Violation) String() string { return v.Error() }

// String formats the stack like a goroutine trace: the label, then one
// function and one file:line per frame.
func (s Stack) String() string {
	var b strings.Builder
	b.WriteString(s.Label)
	b.WriteString(":")
	if len(s.PCs) == 0 {
		b.WriteString(" (no stack)")
	}
	frames := runtime.CallersFrames(s.PCs)
	for {
		f, more := frames.Next()
		if f.Function == "runtime.goexit" {
			break
		}
		if f.PC != 0 {
			fmt.Fprintf(&b, "\n\t%s\n\t\t%s:%d", f.Function, f.File, f.Line)
		}
		if !more {
			break
		}
	}
	return b.String()
}

var reporter atomic.Pointer[func(*Violation)]

// SetReporter makes f receive every violation and returns the reporter
// it replaces; nil stands for DefaultReporter, so
//
//	prev := ref.SetReporter(f)
//	defer func() { ref.SetReporter(prev) }()
//
// restores whatever was there. f may be called concurrently, from the
// goroutine that misused a Ref or, for leaks, from a runtime cleanup
// goroutine. If f returns, the offending operation is skipped: the Count
// and the Refs stay as they were before the call (Put then returns false,
// TryGet false).
func SetReporter(f func(*Violation)) (prev func(*Violation)) {
	var p *func(*Violation)
	if f != nil {
		p = &f
	}
	if old := reporter.Swap(p); old != nil {
		return *old
	}
	return nil
}

// DefaultReporter panics with v at the offending call. Leaks have no
// offending call, so it prints them to standard error instead.
func DefaultReporter(v *Violation) {
	if v.Kind.Leak() {
		fmt.Fprintf(os.Stderr, "%v\n\n", v)
		return
	}
	panic(v)
}

func report(v *Violation) {
	if f := reporter.Load(); f != nil {
		(*f)(v)
		return
	}
	DefaultReporter(v)
}
