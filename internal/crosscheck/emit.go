package crosscheck

import (
	"fmt"
	"strings"
)

// modPath is the module path of a generated batch.
const modPath = "crosscheck.test"

// emitter writes Go source one line at a time, so that it knows the line and column of
// everything it writes.
type emitter struct {
	lines []string
	fn    *Func
	used  map[int]bool
}

func (e *emitter) line(indent int, text string) int {
	e.lines = append(e.lines, strings.Repeat("\t", indent)+text)
	return len(e.lines)
}

// emit writes p.Src and fills in the positions of p's statements and ops.
func emit(p *Prog) {
	e := &emitter{}
	pkg := fmt.Sprintf("p%d", p.Index)
	e.line(0, "package "+pkg)
	e.line(0, "")
	importAt := len(e.lines)
	e.line(0, "") // import block goes here
	needRef := false
	for _, f := range p.Funcs {
		e.fn, e.used = f, map[int]bool{}
		markUsed(f.Body, e.used)
		e.line(0, "")
		f.FirstLine = e.line(0, fmt.Sprintf("func %s(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {", f.Name))
		var locals []string
		for i, r := range f.Refs {
			if e.used[i] && !r.Member && !r.LoopLocal {
				locals = append(locals, r.Name)
			}
		}
		if len(locals) > 0 {
			needRef = true
			e.line(1, "var "+strings.Join(locals, ", ")+" ref.Ref")
		}
		e.block(1, f.Body)
		f.LastLine = e.line(0, "}")
		for i, r := range f.Refs {
			if e.used[i] && r.LoopLocal {
				needRef = true
			}
		}
	}
	imports := "import \"" + modPath + "/w\""
	if needRef {
		imports = "import (\n\t\"github.com/refvet/refvet/ref\"\n\n\t\"" + modPath + "/w\"\n)"
		// The import block takes 4 more lines than the placeholder: shift every position.
		shift(p, 4)
	}
	e.lines[importAt] = imports
	p.Src = []byte(strings.Join(e.lines, "\n") + "\n")
}

func shift(p *Prog, n int) {
	for _, f := range p.Funcs {
		f.FirstLine += n
		f.LastLine += n
		walk(f.Body, func(s *Stmt) {
			s.Line += n
			if s.Op != nil {
				s.Op.Line += n
				if s.Op.DeferLine != 0 {
					s.Op.DeferLine += n
				}
			}
		})
	}
}

// walk calls fn on every statement in list, nested ones included.
func walk(list []*Stmt, fn func(*Stmt)) {
	for _, s := range list {
		fn(s)
		walk(s.Then, fn)
		walk(s.Else, fn)
		for _, c := range s.Cases {
			walk(c, fn)
		}
	}
}

func markUsed(list []*Stmt, used map[int]bool) {
	walk(list, func(s *Stmt) {
		if s.Op != nil {
			used[s.Op.Dst] = true
			if s.Op.Src >= 0 {
				used[s.Op.Src] = true
			}
		}
	})
}

func (e *emitter) ref(i int) string { return "&" + e.fn.Refs[i].Name }

// call is the source of op's call expression.
func (e *emitter) call(op *Op) string {
	obj, field := objNames[op.Obj], fieldNames[op.Field]
	switch op.Kind {
	case OpGet:
		return fmt.Sprintf("%s.%s.Get(%s)", obj, field, e.ref(op.Dst))
	case OpTryGet:
		return fmt.Sprintf("%s.%s.TryGet(%s)", obj, field, e.ref(op.Dst))
	case OpPut:
		return fmt.Sprintf("%s.%s.Put(%s)", obj, field, e.ref(op.Dst))
	case OpMove:
		return fmt.Sprintf("%s.%s.Move(%s, %s)", obj, field, e.ref(op.Dst), e.ref(op.Src))
	case OpAcquire:
		return fmt.Sprintf("w.Acquire%s(%s, %s)", wrapperSuffix(op.Field), obj, e.ref(op.Dst))
	case OpRelease:
		return fmt.Sprintf("w.Release%s(%s, %s)", wrapperSuffix(op.Field), obj, e.ref(op.Dst))
	case OpMoveW:
		return fmt.Sprintf("w.MoveRef(%s, %s, %s)", obj, e.ref(op.Dst), e.ref(op.Src))
	case OpAcqErr:
		return fmt.Sprintf("w.AcquireErr(%s, %s, %s)", obj, e.ref(op.Dst), bitExpr(op.Outcome, true))
	case OpAcqOK:
		return fmt.Sprintf("w.AcquireOK(%s, %s, %s)", obj, e.ref(op.Dst), bitExpr(op.Outcome, false))
	case OpAcqPtr:
		return fmt.Sprintf("w.AcquirePtr(%s, %s, %s)", obj, e.ref(op.Dst), bitExpr(op.Outcome, false))
	}
	panic("unknown op")
}

func wrapperSuffix(field int) string {
	if field == fieldCnt {
		return "Cnt"
	}
	return ""
}

// bitExpr is the condition "bit b is set", or with negate "bit b is clear".
func bitExpr(b Bit, negate bool) string {
	cmp := "!="
	if negate {
		cmp = "=="
	}
	if b.PerIter {
		return fmt.Sprintf("in>>(%d+i)&1 %s 0", b.Base, cmp)
	}
	return fmt.Sprintf("in&(1<<%d) %s 0", b.Base, cmp)
}

// opLine writes text, which contains the call of op at byte offset off, and records op's
// position.
func (e *emitter) opLine(indent int, op *Op, prefix, suffix string) int {
	call := e.call(op)
	ln := e.line(indent, prefix+call+suffix)
	op.Line, op.Col = ln, indent+len(prefix)+1
	op.DeferCol, op.DeferLine, op.DeferStmtCol = 0, 0, 0
	return ln
}

func (e *emitter) block(indent int, list []*Stmt) {
	for _, s := range list {
		e.stmt(indent, s)
	}
}

func (e *emitter) stmt(ind int, s *Stmt) {
	switch s.Kind {
	case SOp:
		s.Line = e.opLine(ind, s.Op, "", "")
	case SIf:
		s.Line = e.line(ind, "if "+bitExpr(s.Bit, false)+" {")
		e.block(ind+1, s.Then)
		e.elseAndClose(ind, s.Else)
	case SCond:
		e.cond(ind, s)
	case SSwitch:
		s.Line = e.line(ind, fmt.Sprintf("switch in>>%d&3 {", s.Bit.Base))
		for c, body := range s.Cases {
			if c < 2 {
				e.line(ind, fmt.Sprintf("case %d:", c))
			} else {
				e.line(ind, "default:")
			}
			e.block(ind+1, body)
		}
		e.line(ind, "}")
	case SLoop:
		s.Line = e.line(ind, fmt.Sprintf("for i := 0; i < int(in>>%d&3); i++ {", s.Bit.Base))
		var locals []string
		for _, l := range s.LoopLocals {
			if e.used[l] {
				locals = append(locals, e.fn.Refs[l].Name)
			}
		}
		if len(locals) > 0 {
			e.line(ind+1, "var "+strings.Join(locals, ", ")+" ref.Ref")
		}
		e.block(ind+1, s.Then)
		e.line(ind, "}")
	case SReturn:
		s.Line = e.line(ind, "return")
	case SDefer:
		if s.Op != nil {
			s.Line = e.opLine(ind, s.Op, "defer ", "")
			s.Op.DeferCol = ind + 1
			return
		}
		s.Line = e.line(ind, "defer func() {")
		e.block(ind+1, s.Then)
		e.line(ind, "}()")
		walk(s.Then, func(c *Stmt) {
			if c.Op != nil {
				c.Op.DeferLine, c.Op.DeferStmtCol = s.Line, ind+1
			}
		})
	case SClosure:
		s.Line = e.line(ind, "func() {")
		e.block(ind+1, s.Then)
		e.line(ind, "}()")
	}
}

func (e *emitter) elseAndClose(ind int, els []*Stmt) {
	if len(els) > 0 {
		e.line(ind, "} else {")
		e.block(ind+1, els)
	}
	e.line(ind, "}")
}

// cond writes `if <op succeeded> { Then } else { Else }`, or with Negate the failure test
// first, in the idiom of the op's result type.
func (e *emitter) cond(ind int, s *Stmt) {
	op := s.Op
	var prefix, suffix string
	switch op.Kind {
	case OpTryGet, OpAcqOK:
		prefix, suffix = "if ", " {"
		if s.Negate {
			prefix = "if !"
		}
	case OpAcqErr:
		prefix, suffix = "if err := ", "; err == nil {"
		if s.Negate {
			suffix = "; err != nil {"
		}
	case OpAcqPtr:
		prefix, suffix = "if p := ", "; p != nil {"
		if s.Negate {
			suffix = "; p == nil {"
		}
	}
	s.Line = e.opLine(ind, op, prefix, suffix)
	first, second := s.Then, s.Else
	if s.Negate {
		first, second = s.Else, s.Then
	}
	e.block(ind+1, first)
	e.elseAndClose(ind, second)
}
