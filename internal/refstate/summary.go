package refstate

import (
	"cmp"
	"fmt"
	"go/token"
	"slices"
	"strings"
)

// Op is what an operation does to the refs it names.
type Op uint8

const (
	OpGet    Op = iota + 1 // takes a reference into Dst: Get, or a call that acquires
	OpTryGet               // takes one when a condition on a result holds: TryGet, conditional acquirers
	OpPut                  // drops Dst's reference: Put, or a call that releases
	OpMove                 // hands Src's reference to Dst: Move, or a call that wraps it
	OpStore                // stores a tracked pointer into a field whose member ref is Dst
	OpUse                  // value mode: calls a method of Dst's value, which must still hold a reference
)

func (op Op) String() string {
	switch op {
	case OpGet:
		return "Get"
	case OpTryGet:
		return "TryGet"
	case OpPut:
		return "Put"
	case OpMove:
		return "Move"
	case OpStore:
		return "store"
	case OpUse:
		return "use"
	}
	return fmt.Sprintf("Op(%d)", op)
}

// An Effect is one thing a function does to a *ref.Ref parameter, as its callers see it.
type Effect struct {
	Op         Op     // OpGet, OpPut or OpMove (a conditional effect is an OpGet/OpPut with When set)
	Param      int    // the *ref.Ref parameter (the destination of a move), receiver excluded
	Src        int    // moves: the parameter moved out of; otherwise -1
	Count      string // the Count field, as countKey names it; "" when unknown
	CountParam int    // the parameter holding the object whose count it is; -1 the receiver, -2 none
	// CountResult is the result that returns the object whose count it is (-1: none), for
	// functions that find an object and return it with a reference taken.
	CountResult int
	// CountArg is the *ref.Count parameter the function operates on, when it takes the count
	// itself rather than an object holding it (-2: none).
	CountArg int
	When     Cond // Always, or the condition on a result under which the effect happened
	Result   int  // the result the condition reads
	// OnVar: When reads the closure's captured variable number Result (numbered after the
	// parameters, as Param numbers captured refs), not a result: a deferred cleanup closure
	// that releases when the function's named error is non-nil.
	OnVar bool

	pos token.Pos // where the function does it; used for closures called in place, never exported
}

// Summary is the fact the engine exports for every function that has a *ref.Ref parameter or
// never returns: how a call to it changes its caller's refs.
type Summary struct {
	Effects  []Effect
	Unknown  []int // *ref.Ref parameters the function does something the engine cannot follow with
	NoReturn bool  // every path panics or calls a function that never returns
}

func (*Summary) AFact() {}

// String lists the effects in parameter order, whatever order the function's code made them
// in, then the unknown parameters: "refs(acquires 1 on p.Obj.users if result 0 == nil,
// releases 2 on p.Obj.users, unknown(3))". Parameters are numbered from 0, receiver excluded.
func (s *Summary) String() string {
	var parts []string
	effects := slices.Clone(s.Effects)
	slices.SortStableFunc(effects, func(a, b Effect) int {
		return cmp.Or(cmp.Compare(a.Param, b.Param), cmp.Compare(a.Src, b.Src), cmp.Compare(a.Op, b.Op))
	})
	for _, e := range effects {
		parts = append(parts, e.String())
	}
	for _, p := range s.Unknown {
		parts = append(parts, fmt.Sprintf("unknown(%d)", p))
	}
	if s.NoReturn {
		parts = append(parts, "noreturn")
	}
	return "refs(" + strings.Join(parts, ", ") + ")"
}

func (e Effect) String() string {
	var b strings.Builder
	switch e.Op {
	case OpGet:
		b.WriteString("acquires")
	case OpPut:
		b.WriteString("releases")
	case OpMove:
		fmt.Fprintf(&b, "moves %d to", e.Src)
	}
	fmt.Fprintf(&b, " %d", e.Param)
	if e.Count != "" {
		fmt.Fprintf(&b, " on %s", e.Count[strings.LastIndex(e.Count, "/")+1:])
	}
	if e.OnVar {
		fmt.Fprintf(&b, " if captured %d %s", e.Result, map[Cond]string{ErrNil: "== nil", NonNil: "!= nil", True: "is true", False: "is false"}[e.When])
		return b.String()
	}
	switch e.When {
	case Maybe:
		b.WriteString(" on some paths")
	case ErrNil:
		fmt.Fprintf(&b, " if result %d == nil", e.Result)
	case True:
		fmt.Fprintf(&b, " if result %d", e.Result)
	case NonNil:
		fmt.Fprintf(&b, " if result %d != nil", e.Result)
	}
	return b.String()
}

func (s *Summary) empty() bool {
	return s == nil || len(s.Effects) == 0 && len(s.Unknown) == 0 && !s.NoReturn
}
