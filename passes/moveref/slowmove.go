package moveref

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/refstate"
)

// checkSlowMoves reports `c.Get(&dst)` directly followed by `c.Put(&src)` on the same count of
// the same object: together they leave the count as it was and hand src's reference to dst,
// which is what `c.Move(&dst, &src)` says, without two atomic operations.
func checkSlowMoves(rep *refstate.Reporter, f *refstate.Func) {
	sites := sitesByInstr(f)
	for _, e := range f.Events {
		get := e.Site
		if get == nil || !isPrimitive(get, refstate.OpGet) || refstate.DoubleGet(e) {
			continue
		}
		put := nextPut(get, sites)
		if put == nil || !slowMovePair(f, get, put) {
			continue
		}
		reportSlowMove(rep, get, put)
	}
}

func sitesByInstr(f *refstate.Func) map[ssa.Instruction][]*refstate.Site {
	m := map[ssa.Instruction][]*refstate.Site{}
	for _, s := range f.Sites[1:] {
		m[s.Instr] = append(m[s.Instr], s)
	}
	return m
}

// isPrimitive reports whether s is a direct, non-deferred call of ref.Count's method op: a
// wrapper may do more than the primitive, and a closure called in place makes sites on the
// call of the closure.
func isPrimitive(s *refstate.Site, op refstate.Op) bool {
	if s.Op != op || s.Callee != nil || s.Deferred || s.Dst == nil {
		return false
	}
	call, ok := s.Instr.(*ssa.Call)
	if !ok {
		return false
	}
	fn := call.Call.StaticCallee()
	return fn != nil && fn.Pkg != nil && fn.Pkg.Pkg.Path() == refstate.RefPkg && fn.Name() == op.String()
}

// nextPut returns the Put that immediately follows get in its block, with no other call and no
// other ref operation in between, or nil.
func nextPut(get *refstate.Site, sites map[ssa.Instruction][]*refstate.Site) *refstate.Site {
	b := get.Instr.Block()
	i := indexOf(b, get.Instr)
	for _, instr := range b.Instrs[i+1:] {
		ss := sites[instr]
		if _, isCall := instr.(ssa.CallInstruction); !isCall && len(ss) == 0 {
			continue // field addresses, loads, debug info
		}
		if len(ss) == 1 && isPrimitive(ss[0], refstate.OpPut) {
			return ss[0]
		}
		return nil
	}
	return nil
}

func indexOf(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	return len(b.Instrs)
}

// slowMovePair reports whether get and put, one right after the other, are a move: the same
// Count field of the same object (the same SSA value), two different refs, the put's result
// unused, and neither of them a mistake that pairing reports (then the pair is not a move).
func slowMovePair(f *refstate.Func, get, put *refstate.Site) bool {
	if get.Count.Key == "" || get.Count.Key != put.Count.Key || get.Count.Obj == nil || get.Count.Obj != put.Count.Obj {
		return false
	}
	if put.Dst == get.Dst || resultUsed(put.Instr.(*ssa.Call)) {
		return false
	}
	e := f.Events[put.ID]
	problem, _ := f.JudgePut(e)
	return problem == refstate.PutOK && !f.ForeignRelease(e)
}

func resultUsed(call *ssa.Call) bool {
	for _, r := range *call.Referrers() {
		if _, ok := r.(*ssa.DebugRef); !ok {
			return true
		}
	}
	return false
}

func reportSlowMove(rep *refstate.Reporter, get, put *refstate.Site) {
	d := analysis.Diagnostic{
		Pos: get.Pos,
		Message: fmt.Sprintf("Get into %s on %s followed by the Put of %s at line %d is a move written the slow way: use %s.Move",
			get.Dst.Name, get.Count.Name, put.Dst.Name, rep.Line(put.Pos), get.Count.Name),
		Related: refstate.Related(put.Pos, put.Dst.Name+"'s reference is put here"),
	}
	if fix, ok := moveFix(rep.Pass, get, put); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	rep.Report(d)
}

// moveFix rewrites the Get statement to `c.Move(dst, src)` and deletes the Put statement, when
// both are plain statements, one right after the other.
func moveFix(pass *analysis.Pass, get, put *refstate.Site) (analysis.SuggestedFix, bool) {
	getStmt, getCall, list := refstate.CallStatement(pass, get.Pos)
	putStmt, putCall, _ := refstate.CallStatement(pass, put.Pos)
	if getStmt == nil || putStmt == nil || !adjacent(list, getStmt, putStmt) {
		return analysis.SuggestedFix{}, false
	}
	sel, ok := ast.Unparen(getCall.Fun).(*ast.SelectorExpr)
	if !ok || len(getCall.Args) != 1 || len(putCall.Args) != 1 {
		return analysis.SuggestedFix{}, false
	}
	move := []byte(types.ExprString(sel.X) + ".Move(" + types.ExprString(getCall.Args[0]) + ", " + types.ExprString(putCall.Args[0]) + ")")
	fix := analysis.SuggestedFix{Message: "replace the Get and the Put with a Move"}
	fset := pass.Fset
	if fset.Position(getStmt.Pos()).Line == fset.Position(putStmt.Pos()).Line {
		fix.TextEdits = []analysis.TextEdit{{Pos: getStmt.Pos(), End: putStmt.End(), NewText: move}}
		return fix, true
	}
	start, ok := ownLineStart(pass, putStmt.Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	fix.TextEdits = []analysis.TextEdit{
		{Pos: getCall.Pos(), End: getCall.End(), NewText: move},
		{Pos: start - 1, End: putStmt.End()}, // the Put's line, with the newline before it
	}
	return fix, true
}

func adjacent(list []ast.Stmt, a, b ast.Stmt) bool {
	for i := 0; i+1 < len(list); i++ {
		if list[i] == a {
			return list[i+1] == b
		}
	}
	return false
}

// ownLineStart returns the start of pos's line if only white space precedes pos on it.
func ownLineStart(pass *analysis.Pass, pos token.Pos) (token.Pos, bool) {
	tf := pass.Fset.File(pos)
	start := tf.LineStart(tf.Line(pos))
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return 0, false
	}
	lo, hi := tf.Offset(start), tf.Offset(pos)
	if hi > len(src) || lo == 0 || len(bytes.TrimLeft(src[lo:hi], " \t")) != 0 {
		return 0, false
	}
	return start, true
}
