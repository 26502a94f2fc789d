package moveref

import (
	"bytes"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/refstate"
)

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
