// Package crosscheck checks refvet's two halves against each other. It generates random Go
// functions over the ref API, runs each on every combination of its inputs in a refdebug build
// with a recording reporter, analyses the same code with the refvet suite, and compares: every
// violation seen at run time must be reported statically at SPEC's position, and every static
// finding must happen at run time for some input.
//
// The generator keeps a small IR of its own, so that it knows the source position of every
// operation it emits, and an interpreter of that IR (the model) predicts what the runtime
// reports. The model is a check of the harness, not a third oracle for refvet: the runtime's
// actual reports must equal the model's, or the run is a harness (or runtime library) bug.
//
// NOTE.md in this directory describes the feature set, the rules of the comparison, the
// figures of the runs and the documented limitations.
package crosscheck

// Objects a generated function works on: o is alive for the whole run (the harness holds a
// reference on each of its counts); t1 and t2 are alive or never born, chosen by an input bit,
// so that TryGet can succeed or fail.
const (
	objO = iota
	objT1
	objT2
	numObjs
)

var objNames = [numObjs]string{"o", "t1", "t2"}

// Count fields of w.Obj.
const (
	fieldUsers = iota
	fieldCnt
	numFields
)

var fieldNames = [numFields]string{"Users", "Cnt"}

// countID names one Count of one object: obj*numFields + field.
func countID(obj, field int) int { return obj*numFields + field }

// OpKind is one operation on the ref API, direct or through a wrapper of package w.
type OpKind int

const (
	OpGet     OpKind = iota // X.F.Get(&d)
	OpTryGet                // X.F.TryGet(&d), conditional
	OpPut                   // X.F.Put(&d)
	OpMove                  // o.F.Move(&d, &s)
	OpAcquire               // w.Acquire(o, &d) (Users) / w.AcquireCnt(o, &d) (Cnt)
	OpRelease               // w.Release(X, &d) / w.ReleaseCnt(X, &d)
	OpMoveW                 // w.MoveRef(o, &d, &s), on Users
	OpAcqErr                // w.AcquireErr(o, &d, fail) error, conditional, on Users
	OpAcqOK                 // w.AcquireOK(o, &d, ok) bool, conditional, on Users
	OpAcqPtr                // w.AcquirePtr(o, &d, ok) *w.Obj, conditional, on Users
)

func (k OpKind) conditional() bool {
	return k == OpTryGet || k == OpAcqErr || k == OpAcqOK || k == OpAcqPtr
}

// A Bit is an input bit used by a condition: bit Base of the input, or in a loop, bit Base+i
// on iteration i, so that every iteration decides afresh.
type Bit struct {
	Base    int
	PerIter bool
}

// An Op is one call: its kind, the Count (object and field) it works on, the refs it names,
// and for a conditional wrapper the input bit that decides its outcome. Line and Col are where
// the emitter put the call expression; DeferCol is the column of `defer` for a deferred op.
type Op struct {
	Kind     OpKind
	Obj      int
	Field    int
	Dst, Src int // indexes into Func.Refs; Src only for moves
	Outcome  Bit // conditional wrappers: success when the bit is set (fail is its negation)
	Line     int
	Col      int
	DeferCol int
	// In a deferred closure: the position of its `defer`, where refvet may report what the
	// closure's calls do at return.
	DeferLine, DeferStmtCol int
}

func (op *Op) count() int { return countID(op.Obj, op.Field) }

// StmtKind is the kind of a generated statement.
type StmtKind int

const (
	SOp      StmtKind = iota // one call, one line
	SIf                      // if <bit> { Then } else { Else }
	SCond                    // if <conditional op succeeded> { Then } else { Else }
	SSwitch                  // switch 2 bits { case 0, case 1, default }
	SLoop                    // for i := 0; i < 2 bits (0..3); i++ { Body = Then }
	SReturn                  // return
	SDefer                   // defer <op>, or defer func() { Then }()
	SClosure                 // func() { Then }()
)

// A Stmt is one statement of the IR.
type Stmt struct {
	Kind       StmtKind
	Op         *Op
	Bit        Bit
	Negate     bool // SCond: the source tests failure first (`if !ok`, `err != nil`, `p == nil`)
	Then, Else []*Stmt
	Cases      [3][]*Stmt // SSwitch
	LoopLocals []int      // SLoop: refs declared in the body
	Line       int        // first line of the statement
	Pinned     bool       // the minimizer keeps it (the Get that makes a member's state known)
}

// A RefVar is one ref the function names: a local, a loop-local (declared in a loop body), a
// member of the holder h, or the ref a TryGet on t1 or t2 takes into.
type RefVar struct {
	Name      string
	Obj       int // the object every operation on this ref uses
	Field     int // its usual count
	Member    bool
	LoopLocal bool
}

// A Func is one generated function: func Name(in uint32, o, t1, t2 *w.Obj, h *w.Holder).
type Func struct {
	Name  string
	Refs  []RefVar
	Body  []*Stmt
	NBits int
	// AliveBit[objT1], AliveBit[objT2]: the input bit that makes t1/t2 alive, -1 if unused.
	AliveBit [numObjs]int
	// Lines spanned in the file, for attributing findings.
	FirstLine, LastLine int
}

// A Prog is one generated package pN: a file p.go with a few functions.
type Prog struct {
	Index int
	Funcs []*Func
	Src   []byte
}
