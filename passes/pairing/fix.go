package pairing

import (
	"bytes"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/refstate"
)

// deferPutFix suggests `defer c.Put(&r)` after the Get statement at take, which the verdict
// found to leak on every path as the only operation on its ref.
func deferPutFix(pass *analysis.Pass, take *refstate.Site) (analysis.SuggestedFix, bool) {
	stmt, call, _ := refstate.CallStatement(pass, take.Pos)
	if stmt == nil {
		return analysis.SuggestedFix{}, false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) != 1 {
		return analysis.SuggestedFix{}, false
	}
	text := "\n" + indentOf(pass, stmt.Pos()) + "defer " + types.ExprString(sel.X) + ".Put(" + types.ExprString(call.Args[0]) + ")"
	at := lineEnd(pass.Fset, stmt.End())
	return analysis.SuggestedFix{
		Message:   "put the reference when the function returns",
		TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(text)}},
	}, true
}

// lineEnd is the end of pos's line, so that an insertion keeps a trailing comment where it was.
func lineEnd(fset *token.FileSet, pos token.Pos) token.Pos {
	tf := fset.File(pos)
	line := tf.Line(pos)
	if line >= tf.LineCount() {
		return token.Pos(tf.Base() + tf.Size())
	}
	return tf.LineStart(line+1) - 1
}

// indentOf returns the white space that starts pos's line.
func indentOf(pass *analysis.Pass, pos token.Pos) string {
	p := pass.Fset.Position(pos)
	src, err := pass.ReadFile(p.Filename)
	if err != nil {
		return "\t"
	}
	start := p.Offset - (p.Column - 1)
	if start < 0 || p.Offset > len(src) {
		return "\t"
	}
	line := src[start:p.Offset]
	return string(line[:len(line)-len(bytes.TrimLeft(line, " \t"))])
}

// deferReleaseFix suggests `defer x.Release()` (the value's own release method) for a value
// whose owned reference leaks on every path after the call that took it: right after the error
// check that follows the call when there is one (on the error path the value holds nothing),
// else right after the call's statement.
func deferReleaseFix(pass *analysis.Pass, lk refstate.Leak) (analysis.SuggestedFix, bool) {
	assign, block := refstate.AssignStatement(pass, lk.Take.Pos)
	if assign == nil {
		return analysis.SuggestedFix{}, false
	}
	id, ok := assign.Lhs[0].(*ast.Ident)
	if !ok || id.Name != lk.Loc.Name || lk.Take.Result >= 0 && len(assign.Lhs) <= lk.Take.Result {
		return analysis.SuggestedFix{}, false
	}
	after := ast.Stmt(assign)
	if lk.Take.When == refstate.ErrNil {
		errID, ok := assign.Lhs[lk.Take.Result].(*ast.Ident)
		next := nextStmt(block, assign)
		if !ok || next == nil || !testsNotNil(next, errID.Name) {
			return analysis.SuggestedFix{}, false // the error is not checked right away: no obvious place
		}
		after = next
	}
	text := "\n" + indentOf(pass, assign.Pos()) + "defer " + id.Name + "." + lk.Loc.Counted().Family.Release + "()"
	at := lineEnd(pass.Fset, after.End())
	return analysis.SuggestedFix{
		Message:   "release " + id.Name + " when the function returns",
		TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(text)}},
	}, true
}

// nextStmt is the statement after s in block, or nil.
func nextStmt(block []ast.Stmt, s ast.Stmt) ast.Stmt {
	for i, x := range block {
		if x == s && i+1 < len(block) {
			return block[i+1]
		}
	}
	return nil
}

// testsNotNil reports whether s is `if name != nil { … }` with no init and no else.
func testsNotNil(s ast.Stmt, name string) bool {
	ifs, ok := s.(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil {
		return false
	}
	cond, ok := ifs.Cond.(*ast.BinaryExpr)
	if !ok || cond.Op != token.NEQ {
		return false
	}
	x, ok := cond.X.(*ast.Ident)
	y, isNil := cond.Y.(*ast.Ident)
	return ok && isNil && x.Name == name && y.Name == "nil"
}
