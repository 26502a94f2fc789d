package pairing

import (
	"bytes"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/refstate"
)

// deferPutFix suggests `defer c.Put(&r)` after a Get whose reference leaks on every path: the
// ref is taken once, by a plain Get statement outside any loop, and nothing ever puts it.
func deferPutFix(rep *refstate.Reporter, f *refstate.Func, lk refstate.Leak) (analysis.SuggestedFix, bool) {
	take := lk.Take
	if take.Op != refstate.OpGet || take.Callee != nil || take.Deferred || !onlyTake(f, lk) || inLoop(take.Instr.Block()) {
		return analysis.SuggestedFix{}, false
	}
	stmt, call, _ := refstate.CallStatement(rep.Pass, take.Pos)
	if stmt == nil {
		return analysis.SuggestedFix{}, false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) != 1 {
		return analysis.SuggestedFix{}, false
	}
	text := "\n" + indentOf(rep.Pass, stmt.Pos()) + "defer " + types.ExprString(sel.X) + ".Put(" + types.ExprString(call.Args[0]) + ")"
	at := lineEnd(rep.Pass.Fset, stmt.End())
	return analysis.SuggestedFix{
		Message:   "put the reference when the function returns",
		TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(text)}},
	}, true
}

// onlyTake reports whether the leaking site is the only operation on its ref.
func onlyTake(f *refstate.Func, lk refstate.Leak) bool {
	for _, s := range f.Sites[1:] {
		if s != lk.Take && (s.Dst == lk.Loc || s.Src == lk.Loc) {
			return false
		}
	}
	return true
}

func inLoop(b *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{}
	work := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if x == b {
			return true
		}
		if !seen[x] {
			seen[x] = true
			work = append(work, x.Succs...)
		}
	}
	return false
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
