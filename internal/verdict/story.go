package verdict

import (
	"fmt"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/refvet/refvet/internal/refstate"
	"github.com/refvet/refvet/internal/valuemode"
)

// This file holds what the passes share to tell the story of a path in their messages, as
// nilaway's explanations do: which wrapper took or dropped a reference, on what condition,
// whether something holds on every path or only on some.

// TakeStory says how site s took its reference, when that is more than a plain Get: "Lookup
// takes the reference into r when its error is nil". It is "" for a plain Get or Move.
func TakeStory(s *refstate.Site) string {
	if s.Callee == nil && s.Op != refstate.OpTryGet {
		return ""
	}
	dst := "another ref"
	if s.Dst != nil {
		dst = s.Dst.Name
	}
	return fmt.Sprintf("%s takes the reference into %s%s", s.OpName(), dst, condition(s))
}

// condition is when a conditional acquire takes effect, as a clause: " when its error is nil".
func condition(s *refstate.Site) string {
	if s.Op != refstate.OpTryGet {
		return ""
	}
	switch s.When {
	case refstate.ErrNil:
		return " when its error is nil"
	case refstate.True:
		return " when it returns true"
	case refstate.NonNil:
		return " when its result is not nil"
	}
	return ""
}

// Paths says over which paths something holds: "on every path" when the state shows it on
// all of them, "on some path" otherwise.
func Paths(every bool) string {
	if every {
		return "on every path"
	}
	return "on some path"
}

// Deferred is the clause a message about site s ends with when s is deferred: where it runs.
func Deferred(s *refstate.Site) string {
	if s.Deferred {
		return fmt.Sprintf("; the %s is deferred and runs at return", s.OpName())
	}
	return ""
}

// Line is pos's line number, for messages.
func Line(pass *analysis.Pass, pos token.Pos) int { return pass.Fset.Position(pos).Line }

// Related is a one-element related-information list.
func Related(pos token.Pos, msg string) []analysis.RelatedInformation {
	return []analysis.RelatedInformation{{Pos: pos, Message: msg}}
}

// Diagnostic is the diagnostic of view v with the message and related information the pass
// wrote for it: at v's position, spanning the node that starts there, under the category of
// errors when v is one.
func Diagnostic(pass *analysis.Pass, v View, related []analysis.RelatedInformation, format string, args ...any) analysis.Diagnostic {
	d := analysis.Diagnostic{Pos: v.Pos, End: v.end(pass), Message: fmt.Sprintf(format, args...), Related: related}
	if _, ok := v.Detail.(Error); ok {
		d.Category = ErrorCategory
	}
	return d
}

// end is where the reported node ends: the call, the defer statement, the function's name,
// the store, the field.
func (v View) end(pass *analysis.Pass) token.Pos {
	switch d := v.Detail.(type) {
	case Unbacked:
		return d.Store.End
	case Orphan:
		return d.Store.End
	}
	file := fileOf(pass, v.Pos)
	if file == nil {
		return token.NoPos
	}
	path, _ := astutil.PathEnclosingInterval(file, v.Pos, v.Pos)
	var end token.Pos
	for _, n := range path {
		if n.Pos() != v.Pos {
			break
		}
		switch n.(type) {
		case *ast.ExprStmt, *ast.AssignStmt, *ast.FuncDecl, *ast.File, *ast.BlockStmt, *ast.Comment, *ast.CommentGroup:
			return end
		}
		end = n.End()
	}
	return end
}

// FuncName is how a message names function f: its name, or "this function literal".
func FuncName(f *refstate.Func) string {
	if decl, ok := f.Fn.Syntax().(*ast.FuncDecl); ok {
		return decl.Name.Name
	}
	return "this function literal"
}

// Run is the Run of the pass named pass: it reports every view routed to the pass, errors as
// they are, the others as describe says.
func Run(pass string, describe func(*analysis.Pass, View) analysis.Diagnostic) func(*analysis.Pass) (any, error) {
	return func(p *analysis.Pass) (any, error) {
		for _, v := range Of(p).Views(pass) {
			if e, ok := v.Detail.(Error); ok {
				p.Report(Diagnostic(p, v, nil, "%s", e.Msg))
				continue
			}
			p.Report(describe(p, v))
		}
		return nil, nil
	}
}

// ValueTakeStory says how the reference a value holds was taken: "OpenTable returns an owned
// reference when its error is nil: by preset", as a clause for a message about site s.
func ValueTakeStory(s *refstate.Site) string {
	switch {
	case s.ValueOp() == valuemode.Retain:
		return fmt.Sprintf("taken by %s", s.Callee.Name())
	case s.Dst.Origin() == refstate.FromAlloc:
		return "allocated here and returned on another path: the constructor owns it until it returns it"
	}
	fn, why := s.Dst.From()
	name := "the call"
	if fn != nil {
		name = fn.Name()
	}
	return fmt.Sprintf("%s returns an owned reference%s: %s", name, condition(s), WhyText(why))
}

// BorrowStory says why a value holds a borrowed reference: "AllocatorFrom returns a borrowed
// reference: by preset".
func BorrowStory(l *refstate.Loc) string {
	fn, why := l.From()
	name := "the call"
	if fn != nil {
		name = fn.Name()
	}
	return fmt.Sprintf("%s returns a borrowed reference: %s", name, WhyText(why))
}

// WhyText says where an ownership answer came from, for messages.
func WhyText(w valuemode.Why) string {
	switch w {
	case valuemode.Inferred:
		return "inferred from its body"
	case valuemode.ByPreset:
		return "by refvet's preset for its module"
	case valuemode.ByConfig:
		return "by configuration"
	case valuemode.ByDirective:
		return "by its //refvet: directive"
	case valuemode.ByNaming:
		return "by the naming rule (New...)"
	}
	return w.String()
}

// ReleaseName is how a message names the release a value-mode site makes: "tbl.DecrRef()", or
// "the call of F" for a consuming parameter.
func ReleaseName(s *refstate.Site) string {
	if s.Consumes() && s.Callee != nil {
		return fmt.Sprintf("passing %s to %s, which consumes it,", s.Dst.Name, s.Callee.Name())
	}
	method := s.Dst.Counted().Family.Release
	if s.Callee != nil {
		method = s.Callee.Name()
	}
	return fmt.Sprintf("%s.%s()", s.Dst.Name, method)
}
