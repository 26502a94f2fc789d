package pairing

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/passdoc"
	"github.com/refvet/refvet/internal/refstate"
	"github.com/refvet/refvet/internal/verdict"
)

//go:embed doc.go
var doc string

// Analyzer reports gets without puts, double gets and puts of refs that hold nothing.
var Analyzer = &analysis.Analyzer{
	Name:     verdict.Pairing,
	Doc:      passdoc.MustExtract(doc, verdict.Pairing),
	URL:      "https://pkg.go.dev/github.com/refvet/refvet/passes/pairing",
	Requires: []*analysis.Analyzer{verdict.Analyzer},
	Run:      verdict.Run(verdict.Pairing, describe),
}

// describe says what pairing has to say about a root cause the verdict routed to it.
func describe(pass *analysis.Pass, v verdict.View) analysis.Diagnostic {
	switch d := v.Detail.(type) {
	case verdict.Leak:
		return leak(pass, v, d)
	case verdict.DoubleGet:
		return doubleGet(pass, v, d)
	case verdict.BadPut:
		diag := badPut(pass, v, d)
		diag.Message += verdict.Deferred(d.Event.Site)
		return diag
	case verdict.ValueLeak:
		return valueLeak(pass, v, d)
	case verdict.BadRelease:
		return badRelease(pass, v, d)
	case verdict.UseAfterRelease:
		return useAfterRelease(pass, v, d)
	}
	panic(fmt.Sprintf("pairing: no description of %T", v.Detail))
}

func leak(pass *analysis.Pass, v verdict.View, d verdict.Leak) analysis.Diagnostic {
	ret := refstate.ReturnPos(d.Return)
	count := d.Take.Count.Name
	msg := fmt.Sprintf("%s leaks: the reference it takes on %s is still held at the return at line %d", d.Loc.Name, count, verdict.Line(pass, ret))
	if story := verdict.TakeStory(d.Take); story != "" {
		msg += " (" + story + ")"
	}
	diag := verdict.Diagnostic(pass, v, verdict.Related(ret, fmt.Sprintf("%s still holds its reference on %s here", d.Loc.Name, count)), "%s", msg)
	if d.Fixable {
		if fix, ok := deferPutFix(pass, d.Take); ok {
			diag.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	return diag
}

func doubleGet(pass *analysis.Pass, v verdict.View, d verdict.DoubleGet) analysis.Diagnostic {
	s, before := d.Event.Site, d.Event.DstBefore
	take := v.Func.Site(before.Take)
	if !before.MayHold() || take == nil {
		return verdict.Diagnostic(pass, v, nil,
			"%s already holds the reference its struct keeps for the pointer in its field, which is set here: this %s takes a second one into the same ref",
			s.Dst.Name, s.OpName())
	}
	where := fmt.Sprintf("taken at line %d", verdict.Line(pass, take.Pos))
	switch {
	case take == s:
		where += " on an earlier iteration, and not put before the loop came back"
	case before.May(refstate.Empty):
		where += ", on some path"
	}
	return verdict.Diagnostic(pass, v, verdict.Related(take.Pos, "first reference taken here"),
		"%s already holds a reference on %s (%s): this %s takes a second one into the same ref",
		s.Dst.Name, take.Count.Name, where, s.OpName())
}

func badPut(pass *analysis.Pass, v verdict.View, d verdict.BadPut) analysis.Diagnostic {
	s, before, other := d.Event.Site, d.Event.DstBefore, d.Other
	what := fmt.Sprintf("%s of %s on %s", s.OpName(), s.Dst.Name, s.Count.Name)
	every := before.Only(refstate.Empty)
	line := func(s *refstate.Site) int { return verdict.Line(pass, s.Pos) }
	switch d.Problem {
	case refstate.PutNeverTaken:
		return verdict.Diagnostic(pass, v, nil, "%s, but %s holds nothing here: no reference was taken into it %s", what, s.Dst.Name, verdict.Paths(every))
	case refstate.PutAgain:
		return verdict.Diagnostic(pass, v, verdict.Related(other.Pos, "put here first"),
			"%s, but %s holds nothing here: it was already put at line %d %s", what, s.Dst.Name, line(other), verdict.Paths(every))
	case refstate.PutFailed:
		return verdict.Diagnostic(pass, v, verdict.Related(other.Pos, "failed to take a reference here"),
			"%s, but %s holds nothing on the path where the %s at line %d failed", what, s.Dst.Name, other.OpName(), line(other))
	case refstate.PutMovedOut:
		return verdict.Diagnostic(pass, v, verdict.Related(other.Pos, s.Dst.Name+"'s reference is moved out here"),
			"%s, but %s holds nothing here: its reference was moved out at line %d %s", what, s.Dst.Name, line(other), verdict.Paths(every))
	case refstate.PutWrongCount:
		return verdict.Diagnostic(pass, v, verdict.Related(other.Pos, "reference taken here"),
			"%s, but %s holds a reference on %s (taken at line %d), not on %s", what, s.Dst.Name, other.Count.Name, line(other), s.Count.Name)
	}
	panic(fmt.Sprintf("pairing: put problem %d has no description", d.Problem))
}
