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
