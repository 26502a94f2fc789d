package pairing

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/refstate"
	"github.com/refvet/refvet/internal/verdict"
)

// valueLeak describes an owned reference a value still holds at a return or when its loop
// comes back.
func valueLeak(pass *analysis.Pass, v verdict.View, d verdict.ValueLeak) analysis.Diagnostic {
	lk := d.Leak
	release := fmt.Sprintf("%s.%s()", lk.Loc.Name, lk.Loc.Counted().Family.Release)
	story := verdict.ValueTakeStory(lk.Take)
	if d.Loop {
		if d.Deferred {
			return verdict.Diagnostic(pass, v, nil,
				"%s leaks: the reference taken here is still held when the loop comes back to this call, which replaces it (%s): its release is deferred, so it runs only when the function returns and the references of every iteration pile up until then; call %s before the iteration ends",
				lk.Loc.Name, story, release)
		}
		return verdict.Diagnostic(pass, v, nil,
			"%s leaks: the reference taken here is still held when the loop comes back to this call, which replaces it (%s); call %s before the iteration ends",
			lk.Loc.Name, story, release)
	}
	ret := refstate.ReturnPos(lk.Return)
	diag := verdict.Diagnostic(pass, v, verdict.Related(ret, lk.Loc.Name+" still holds its reference here"),
		"%s leaks: the reference taken here is still held at the return at line %d (%s); call %s before that return",
		lk.Loc.Name, verdict.Line(pass, ret), story, release)
	if d.Fixable {
		if fix, ok := deferReleaseFix(pass, lk); ok {
			diag.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	return diag
}

// badRelease describes a release of a value that holds nothing.
func badRelease(pass *analysis.Pass, v verdict.View, d verdict.BadRelease) analysis.Diagnostic {
	s, other := d.Event.Site, d.Other
	what := verdict.ReleaseName(s)
	deferred := ""
	if s.Deferred {
		deferred = "; the release is deferred and runs at return"
	}
	if d.Problem == refstate.PutFailed {
		fn, _ := s.Dst.From()
		call := "the call"
		if fn != nil {
			call = fn.Name()
		}
		return verdict.Diagnostic(pass, v, verdict.Related(other.Pos, "no reference taken here when it fails"),
			"%s releases %s, which holds nothing on the path where %s at line %d failed%s",
			what, s.Dst.Name, call, verdict.Line(pass, other.Pos), deferred)
	}
	how := "released"
	if other.Consumes() && other.Callee != nil {
		how = fmt.Sprintf("released (handed to %s, which consumes it)", other.Callee.Name())
	}
	return verdict.Diagnostic(pass, v, verdict.Related(other.Pos, "released here first"),
		"%s releases %s again: its reference was already %s at line %d %s%s",
		what, s.Dst.Name, how, verdict.Line(pass, other.Pos), verdict.Paths(d.Event.DstBefore.Only(refstate.Empty)), deferred)
}

// useAfterRelease describes a method call on a value after its release.
func useAfterRelease(pass *analysis.Pass, v verdict.View, d verdict.UseAfterRelease) analysis.Diagnostic {
	s := d.Event.Site
	use := "one of its fields is read here"
	if s.Callee != nil {
		use = s.Callee.Name() + " is called on it here"
	}
	return verdict.Diagnostic(pass, v, verdict.Related(d.Release.Pos, "released here"),
		"%s is used after its release: %s, after %s at line %d released the only reference this function knew of",
		s.Dst.Name, use, verdict.ReleaseName(d.Release), verdict.Line(pass, d.Release.Pos))
}
