package crosscheck

// The model interprets a generated function on one input, in one of two semantics.
//
// runtimeMode is what ref's refdebug build does: a violating operation is reported and
// skipped (ref.SetReporter: "the Count and the Refs stay as they were before the call"). The
// runtime's actual reports must equal the model's in this mode; a difference is a bug of the
// generator, the harness or the runtime library, never of refvet.
//
// intendedMode is SPEC's rule of judgement "one root cause, one diagnostic": after a
// violation the operation is assumed to have had the effect its author meant. The static
// analyzer judges later operations in that state, so a static finding that only this mode
// produces is a consequence of an earlier violation that the runtime, which skipped it, cannot
// see. Those findings are counted as "cascade", not as agreements and not as disagreements.
//
// Taint, in runtimeMode, marks refs whose runtime state differs from the intended state after
// a violation (a wrong-count put leaves the ref holding at run time; a move from an empty ref
// leaves its destination empty; ...). A runtime event on a tainted ref is a consequence the
// analyzer rightly does not report again: such events are not required statically.

type mode int

const (
	runtimeMode mode = iota
	intendedMode
)

// Held states of a ref: empty, a countID, or (intendedMode only) unknown.
const (
	empty   = -1
	unknown = -2
)

// MEvent is an event of the model.
type MEvent struct {
	Event
	Tainted bool
	Leak    bool
	// Seen is where the runtime sees the event: Line, except for a deferred call (`defer
	// o.Users.Put(&r)`), whose frame is at the return that ran it (Go open-codes defers), while
	// SPEC reports it at its defer line.
	Seen int
	// Seen2 is the function's last line, where a deferred call run by deferreturn (not
	// open-coded) may be seen.
	Seen2 int
	Tags  tag
}

// tag marks the circumstances of a runtime event that a comparison rule or a documented
// limitation depends on.
type tag uint8

const (
	// tagNeverHeld: a put through a ref that has held nothing in this run so far (for a
	// loop-local, in this iteration): what ownerparam reports, at the function, as a foreign
	// release when the object is a parameter.
	tagNeverHeld tag = 1 << iota
	// tagAfterDoubleGet: a leak of a reference that a later Get into the same ref, of the
	// same count, tried to take again (reported and skipped at run time).
	tagAfterDoubleGet
	// tagFailedWhileHeld: an event on a ref whose reference was there before a conditional
	// acquire into it failed (SPEC: the failure branch holds nothing; ref: it holds what it held).
	tagFailedWhileHeld
)

type machine struct {
	f        *Func
	mode     mode
	in       uint32
	alive    [numObjs]bool
	held     []int
	fill     [][]int // lines where each ref took what it holds (several after an intended double get)
	taint    []bool
	iter     int
	defers   []*Stmt
	events   []MEvent
	locals   []int // loop-locals of the current iteration
	inLoop   bool
	stopped  bool // returned
	exit     int  // while running deferred calls: the line of the return
	everHeld []bool
	dg       []bool // a same-count double get hit the reference the ref holds
	fw       []bool // a conditional acquire into the ref failed while it held
}

// simulate runs f on input in under mode m and returns its events: violations in order, then
// the leaks at return.
func simulate(f *Func, in uint32, m mode) []MEvent {
	mc := &machine{f: f, mode: m, in: in}
	mc.alive[objO] = true
	for _, obj := range []int{objT1, objT2} {
		if b := f.AliveBit[obj]; b >= 0 && in>>b&1 != 0 {
			mc.alive[obj] = true
		}
	}
	mc.held = make([]int, len(f.Refs))
	mc.fill = make([][]int, len(f.Refs))
	mc.taint = make([]bool, len(f.Refs))
	mc.everHeld = make([]bool, len(f.Refs))
	mc.dg = make([]bool, len(f.Refs))
	mc.fw = make([]bool, len(f.Refs))
	for i := range mc.held {
		mc.held[i] = empty
	}
	mc.block(f.Body)
	if !mc.stopped {
		mc.exit = f.LastLine
		mc.ret()
	}
	return mc.events
}

func (mc *machine) bit(b Bit) bool {
	n := b.Base
	if b.PerIter {
		n += mc.iter
	}
	return mc.in>>n&1 != 0
}

func (mc *machine) block(list []*Stmt) {
	for _, s := range list {
		if mc.stopped {
			return
		}
		mc.stmt(s)
	}
}

func (mc *machine) stmt(s *Stmt) {
	switch s.Kind {
	case SOp:
		mc.op(s.Op)
	case SIf:
		if mc.bit(s.Bit) {
			mc.block(s.Then)
		} else {
			mc.block(s.Else)
		}
	case SCond:
		if mc.op(s.Op) {
			mc.block(s.Then)
		} else {
			mc.block(s.Else)
		}
	case SSwitch:
		v := mc.in >> s.Bit.Base & 3
		mc.block(s.Cases[min(v, 2)])
	case SLoop:
		n := int(mc.in >> s.Bit.Base & 3)
		for i := 0; i < n && !mc.stopped; i++ {
			mc.iter, mc.inLoop, mc.locals = i, true, s.LoopLocals
			for _, l := range s.LoopLocals {
				mc.held[l], mc.fill[l], mc.taint[l], mc.everHeld[l], mc.dg[l], mc.fw[l] = empty, nil, false, false, false, false
			}
			mc.block(s.Then)
			if !mc.stopped {
				// The iteration's refs are gone: any still holding leaks.
				for _, l := range s.LoopLocals {
					mc.leak(l)
				}
			}
		}
		mc.iter, mc.inLoop, mc.locals = 0, false, nil
	case SReturn:
		mc.exit = s.Line
		mc.ret()
	case SDefer:
		mc.defers = append(mc.defers, s)
	case SClosure:
		mc.block(s.Then)
	}
}

// ret runs the deferred calls, last first, then reports every local ref still holding.
func (mc *machine) ret() {
	mc.stopped = true
	for i := len(mc.defers) - 1; i >= 0; i-- {
		d := mc.defers[i]
		if d.Op != nil {
			n := len(mc.events)
			mc.op(d.Op)
			for k := n; k < len(mc.events); k++ {
				mc.events[k].Seen, mc.events[k].Seen2 = mc.exit, mc.f.LastLine
			}
			continue
		}
		// A deferred closure runs to its end: no return inside it.
		mc.stopped = false
		mc.block(d.Then)
		mc.stopped = true
	}
	for _, l := range mc.locals {
		mc.leak(l)
	}
	for i, r := range mc.f.Refs {
		if !r.Member && !r.LoopLocal {
			mc.leak(i)
		}
	}
}

func (mc *machine) leak(r int) {
	if mc.held[r] == empty {
		return
	}
	var t tag
	if mc.dg[r] {
		t = tagAfterDoubleGet
	}
	mc.emitTagged("RefLeak", mc.fill[r], true, t, r)
	mc.held[r] = empty
}

// emit records an event of kind at each of lines; it is tainted if any of refs is.
func (mc *machine) emit(kind string, lines []int, leak bool, refs ...int) {
	mc.emitTagged(kind, lines, leak, 0, refs...)
}

func (mc *machine) emitTagged(kind string, lines []int, leak bool, t tag, refs ...int) {
	tainted := false
	for _, r := range refs {
		tainted = tainted || mc.taint[r]
		if mc.fw[r] {
			t |= tagFailedWhileHeld
		}
	}
	for _, ln := range lines {
		mc.events = append(mc.events, MEvent{Event{kind, ln}, tainted, leak, ln, ln, t})
	}
}

// op runs one operation and returns, for a conditional one, whether it succeeded.
func (mc *machine) op(op *Op) bool {
	at := []int{op.Line}
	c := op.count()
	switch op.Kind {
	case OpGet, OpAcquire:
		mc.get(op, at, c, false)
		return true
	case OpTryGet:
		return mc.get(op, at, c, true)
	case OpAcqErr, OpAcqOK, OpAcqPtr:
		if !mc.bit(op.Outcome) {
			if mc.held[op.Dst] != empty {
				mc.fw[op.Dst] = true
			}
			return false
		}
		mc.get(op, at, c, false)
		return true
	case OpPut, OpRelease:
		mc.put(op, at, c)
	case OpMove, OpMoveW:
		mc.move(op, at, c)
	}
	return true
}

func (mc *machine) get(op *Op, at []int, c int, try bool) bool {
	d := op.Dst
	if mc.held[d] != empty {
		mc.emit("DoubleGet", at, false, d)
		if mc.mode == runtimeMode {
			if try || mc.held[d] != c {
				mc.taint[d] = true
			} else {
				mc.dg[d] = true
			}
			return false // TryGet reports false; Get's result is not looked at
		}
		if try {
			if !mc.alive[op.Obj] {
				// SPEC: TryGet's false branch holds nothing; whether that applies to a
				// ref that already held is not said. Unknown.
				mc.held[d] = unknown
				return false
			}
		}
		if mc.held[d] != c {
			// Which count the ref then holds, the first or the second, is not said.
			mc.held[d] = unknown
		}
		mc.fill[d] = append(append([]int(nil), mc.fill[d]...), at...)
		return true
	}
	if try && !mc.alive[op.Obj] {
		return false
	}
	mc.held[d], mc.fill[d], mc.everHeld[d], mc.dg[d], mc.fw[d] = c, at, true, false, false
	return true
}

func (mc *machine) put(op *Op, at []int, c int) {
	d := op.Dst
	switch h := mc.held[d]; {
	case h == unknown:
		mc.emit("PutNotHeld", at, false, d)
		mc.emit("PutWrongCount", at, false, d)
		mc.held[d] = empty
	case h == empty:
		var t tag
		if !mc.everHeld[d] {
			t = tagNeverHeld
		}
		mc.emitTagged("PutNotHeld", at, false, t, d)
	case h != c:
		mc.emit("PutWrongCount", at, false, d)
		if mc.mode == runtimeMode {
			mc.taint[d] = true
		} else {
			mc.held[d] = empty
		}
	default:
		mc.held[d], mc.fw[d] = empty, false
	}
}

func (mc *machine) move(op *Op, at []int, c int) {
	d, s := op.Dst, op.Src
	if mc.mode == runtimeMode {
		// ref checks the source first, then the destination, and stops at the first problem.
		var kind string
		switch {
		case mc.held[s] == empty:
			kind = "MoveFromEmpty"
		case mc.held[s] != c:
			kind = "MoveWrongCount"
		case mc.held[d] != empty:
			kind = "MoveIntoFull"
		}
		if kind != "" {
			mc.emit(kind, at, false, d, s)
			mc.taint[d], mc.taint[s] = true, true
			return
		}
		mc.held[d], mc.fill[d], mc.everHeld[d], mc.dg[d], mc.fw[d] = c, at, true, mc.dg[s], mc.fw[s]
		mc.held[s], mc.fill[s], mc.dg[s], mc.fw[s] = empty, nil, false, false
		return
	}
	// Intended: every problem of the move counts, and the reference ends up in dst.
	countKnown := true
	switch h := mc.held[s]; {
	case h == unknown:
		mc.emit("MoveFromEmpty", at, false, d, s)
		mc.emit("MoveWrongCount", at, false, d, s)
		countKnown = false
	case h == empty:
		mc.emit("MoveFromEmpty", at, false, d, s)
	case h != c:
		mc.emit("MoveWrongCount", at, false, d, s)
		countKnown = false
	}
	fill := at
	if mc.held[d] != empty {
		mc.emit("MoveIntoFull", at, false, d, s)
		// Which of the two references the analyzer then thinks dst holds is not said.
		fill = append(append([]int(nil), mc.fill[d]...), at...)
	}
	mc.held[d], mc.fill[d] = c, fill
	if !countKnown {
		mc.held[d] = unknown
	}
	if countKnown {
		mc.held[s], mc.fill[s] = empty, nil
	} else {
		// A move across counts may leave the source holding, as ref does.
		mc.held[s] = unknown
	}
}
