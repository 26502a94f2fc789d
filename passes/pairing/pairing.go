package pairing

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/refstate"
)

// Analyzer reports gets without puts, double gets and puts of refs that hold nothing.
var Analyzer = &analysis.Analyzer{
	Name:     "pairing",
	Doc:      "check that each get has a put on the same named ref along every path",
	URL:      "https://pkg.go.dev/github.com/refvet/refvet/passes/pairing",
	Requires: []*analysis.Analyzer{refstate.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	rep := refstate.NewReporter(pass, "pairing")
	rep.ReportEngineErrors()
	for _, f := range rep.Res.Funcs {
		for _, lk := range f.Leaks() {
			// Returned leaks are ownerparam's; a swapped Move is moveref's; a Get that a loop
			// brings back to while its ref still holds is reported once, as the double get.
			swapped := lk.Take.Op == refstate.OpMove && f.SwappedMove(f.Events[lk.Take.ID])
			if !lk.Returned && !swapped && !regets(f, lk.Take) {
				reportLeak(rep, f, lk)
			}
		}
		for _, e := range f.Events {
			switch {
			case e.Site == nil:
			case refstate.DoubleGet(e):
				reportDoubleGet(rep, f, e)
			case e.Site.Op == refstate.OpPut:
				reportBadPut(rep, f, e)
			}
		}
	}
	return nil, nil
}

func reportLeak(rep *refstate.Reporter, f *refstate.Func, lk refstate.Leak) {
	ret := refstate.ReturnPos(lk.Return)
	d := analysis.Diagnostic{
		Pos: lk.Take.Pos,
		Message: fmt.Sprintf("%s leaks: the reference it takes on %s is still held at the return at line %d",
			lk.Loc.Name, lk.Take.Count.Name, rep.Line(ret)),
		Related: refstate.Related(ret, fmt.Sprintf("%s still holds its reference on %s here", lk.Loc.Name, lk.Take.Count.Name)),
	}
	if fix, ok := deferPutFix(rep, f, lk); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	rep.Report(d)
}

// regets reports whether site s takes into a ref that may still hold the reference s itself
// took on an earlier iteration of a loop.
func regets(f *refstate.Func, s *refstate.Site) bool {
	e := f.Events[s.ID]
	return e.Site != nil && refstate.DoubleGet(e) && e.DstBefore.Take == s.ID
}

func reportDoubleGet(rep *refstate.Reporter, f *refstate.Func, e refstate.Event) {
	s := e.Site
	take := f.Sites[e.DstBefore.Take]
	where := fmt.Sprintf("taken at line %d", rep.Line(take.Pos))
	if take == s {
		where += " on an earlier iteration, and not put before the loop came back"
	}
	rep.Reportf(s.Pos, refstate.Related(take.Pos, "first reference taken here"),
		"%s already holds a reference on %s (%s): this %s takes a second one into the same ref",
		s.Dst.Name, take.Count.Name, where, opName(s))
}

func reportBadPut(rep *refstate.Reporter, f *refstate.Func, e refstate.Event) {
	if f.ForeignRelease(e) {
		return // ownerparam reports the function
	}
	s := e.Site
	if s.Dst == nil {
		return // a release whose ref the engine could not name: nothing to judge
	}
	problem, other := f.JudgePut(e)
	what := fmt.Sprintf("%s of %s on %s", opName(s), s.Dst.Name, s.Count.Name)
	switch problem {
	case refstate.PutNeverTaken:
		rep.Reportf(s.Pos, nil, "%s, but %s holds nothing here: no reference was taken into it on some path", what, s.Dst.Name)
	case refstate.PutAgain:
		rep.Reportf(s.Pos, refstate.Related(other.Pos, "put here first"),
			"%s, but %s holds nothing here: it was already put at line %d on some path", what, s.Dst.Name, rep.Line(other.Pos))
	case refstate.PutFailed:
		rep.Reportf(s.Pos, refstate.Related(other.Pos, "failed to take a reference here"),
			"%s, but %s holds nothing on the path where the %s at line %d failed", what, s.Dst.Name, opName(other), rep.Line(other.Pos))
	case refstate.PutWrongCount:
		rep.Reportf(s.Pos, refstate.Related(other.Pos, "reference taken here"),
			"%s, but %s holds a reference on %s (taken at line %d), not on %s", what, s.Dst.Name, other.Count.Name, rep.Line(other.Pos), s.Count.Name)
	}
}

// opName is how a message names the operation at s: the primitive, or the wrapper called.
func opName(s *refstate.Site) string {
	if s.Callee != nil {
		return s.Callee.Name()
	}
	return s.Op.String()
}
