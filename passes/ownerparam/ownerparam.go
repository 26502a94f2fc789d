package ownerparam

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/refstate"
)

// Analyzer reports functions that hand out, drop, or promise to handle a reference without
// going through a *ref.Ref parameter of their caller.
var Analyzer = &analysis.Analyzer{
	Name:     "ownerparam",
	Doc:      "check that functions that acquire or release references take the caller's ref as a parameter",
	URL:      "https://pkg.go.dev/github.com/refvet/refvet/passes/ownerparam",
	Requires: []*analysis.Analyzer{refstate.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	rep := refstate.NewReporter(pass, "ownerparam")
	for _, f := range rep.Res.Funcs {
		checkFunc(rep, f)
	}
	return nil, nil
}

// function is where and how diagnostics name the function they are about: a declared function
// at its name, a function literal at its func keyword.
type function struct {
	*refstate.Func
	pos  token.Pos
	name string
}

func newFunction(f *refstate.Func) function {
	fn := function{Func: f, pos: f.Fn.Pos(), name: "this function literal"}
	if decl, ok := f.Fn.Syntax().(*ast.FuncDecl); ok {
		fn.pos, fn.name = decl.Name.Pos(), decl.Name.Name
	}
	return fn
}

func checkFunc(rep *refstate.Reporter, f *refstate.Func) {
	fn := newFunction(f)
	handsOut := checkReturned(rep, fn)
	drops := checkReleases(rep, fn)
	if handsOut || drops {
		return // the idle ref parameter is the same mistake: the wrong ref was used
	}
	checkIdleParams(rep, fn)
}

// checkReturned reports references on a returned object that the function holds in a ref of
// its own rather than in one its caller passed.
func checkReturned(rep *refstate.Reporter, fn function) bool {
	reported := false
	for _, lk := range fn.Leaks() {
		if lk.Returned {
			reportReturned(rep, fn, lk.Take, lk.Return, fmt.Sprintf("its local ref %s", lk.Loc.Name))
			reported = true
		}
	}
	for _, h := range heldMembers(fn) {
		reportReturned(rep, fn, h.take, h.ret, fmt.Sprintf("%s, a member of %s", h.loc.Name, h.owner))
		reported = true
	}
	return reported
}

func reportReturned(rep *refstate.Reporter, fn function, take *refstate.Site, ret *ssa.Return, holder string) {
	at := refstate.ReturnPos(ret)
	obj := "the object"
	if i := strings.LastIndex(take.Count.Name, "."); i > 0 {
		obj = take.Count.Name[:i]
	}
	rep.Report(analysis.Diagnostic{
		Pos: fn.pos,
		Message: fmt.Sprintf("%s returns %s with a reference on %s (taken at line %d, returned at line %d) held by %s: take it into a *ref.Ref parameter, so that the caller owns it",
			fn.name, obj, take.Count.Name, rep.Line(take.Pos), rep.Line(at), holder),
		Related: []analysis.RelatedInformation{
			{Pos: take.Pos, Message: "reference taken here"},
			{Pos: at, Message: "returned here"},
		},
	})
}

// checkReleases reports puts that drop a reference on an object the function received with a
// ref that did not come from its parameters.
func checkReleases(rep *refstate.Reporter, fn function) bool {
	reported := false
	for _, e := range fn.Events {
		if e.Site == nil || e.Site.Op != refstate.OpPut {
			continue
		}
		var holder string
		switch {
		case fn.ForeignRelease(e):
			holder = fmt.Sprintf("its local ref %s, which never took one", e.Site.Dst.Name)
		case foreignMember(e):
			holder = fmt.Sprintf("%s, a member of %s", e.Site.Dst.Name, ownerOf(e.Site.Dst.Root))
		default:
			continue
		}
		s := e.Site
		rep.Reportf(fn.pos, refstate.Related(s.Pos, "reference dropped here"),
			"%s drops a reference on %s, which its caller passed in, with %s (%s at line %d): take the caller's ref as a *ref.Ref parameter and release that",
			fn.name, s.Count.Name, holder, opName(s), rep.Line(s.Pos))
		reported = true
	}
	return reported
}

// foreignMember reports a put, on a parameter's object, of a member ref of a package-level
// variable that the function found as it was: not a ref the caller gave it.
func foreignMember(e refstate.Event) bool {
	s := e.Site
	if s.Dst == nil || s.Dst.Kind != refstate.Member || !e.DstBefore.OnlyEntry() {
		return false
	}
	if _, ok := s.Count.Obj.(*ssa.Parameter); !ok {
		return false
	}
	return ownerOf(s.Dst.Root) == "a package-level variable"
}

// checkIdleParams reports ref parameters that the function leaves untouched on a path that
// returns success.
func checkIdleParams(rep *refstate.Reporter, fn function) {
	for _, ip := range fn.IdleRefParams() {
		at := refstate.ReturnPos(ip.Returns[0])
		rep.Reportf(fn.pos, refstate.Related(at, ip.Param.Name()+" is untouched when the function returns here"),
			"%s takes ref parameter %s but neither acquires into it, releases it, nor passes it on before the return at line %d: its signature promises what it does not do",
			fn.name, ip.Param.Name(), rep.Line(at))
	}
}

func opName(s *refstate.Site) string {
	if s.Callee != nil {
		return s.Callee.Name()
	}
	return s.Op.String()
}
