package ownerparam

import (
	_ "embed"
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/passdoc"
	"github.com/refvet/refvet/internal/refstate"
	"github.com/refvet/refvet/internal/verdict"
)

//go:embed doc.go
var doc string

// Analyzer reports functions that hand out, drop, or promise to handle a reference without
// going through a *ref.Ref parameter of their caller.
var Analyzer = &analysis.Analyzer{
	Name:     verdict.Ownerparam,
	Doc:      passdoc.MustExtract(doc, verdict.Ownerparam),
	URL:      "https://pkg.go.dev/github.com/refvet/refvet/passes/ownerparam",
	Requires: []*analysis.Analyzer{verdict.Analyzer},
	Run:      verdict.Run(verdict.Ownerparam, describe),
}

// describe says what ownerparam has to say about a root cause the verdict routed to it.
func describe(pass *analysis.Pass, v verdict.View) analysis.Diagnostic {
	switch d := v.Detail.(type) {
	case verdict.ReturnedHeld:
		return returnedHeld(pass, v, d)
	case verdict.ForeignRelease:
		return foreignRelease(pass, v, d)
	case verdict.IdleParam:
		return idleParam(pass, v, d)
	case verdict.ReleasedBorrowed:
		return releasedBorrowed(pass, v, d)
	case verdict.UnclearResult:
		return unclearResult(pass, v, d)
	}
	panic(fmt.Sprintf("ownerparam: no description of %T", v.Detail))
}

func returnedHeld(pass *analysis.Pass, v verdict.View, d verdict.ReturnedHeld) analysis.Diagnostic {
	at := refstate.ReturnPos(d.Return)
	obj := "the object"
	if i := strings.LastIndex(d.Take.Count.Name, "."); i > 0 {
		obj = d.Take.Count.Name[:i]
	}
	diag := verdict.Diagnostic(pass, v, []analysis.RelatedInformation{
		{Pos: d.Take.Pos, Message: "reference taken here"},
		{Pos: at, Message: "returned here"},
	}, "%s returns %s with a reference on %s (taken at line %d, returned at line %d) held by %s: take it into a *ref.Ref parameter, so that the caller owns it",
		name(v), obj, d.Take.Count.Name, verdict.Line(pass, d.Take.Pos), verdict.Line(pass, at), d.Holder)
	if story := verdict.TakeStory(d.Take); story != "" {
		diag.Message += " (" + story + ")"
	}
	return diag
}

func foreignRelease(pass *analysis.Pass, v verdict.View, d verdict.ForeignRelease) analysis.Diagnostic {
	s := d.Event.Site
	return verdict.Diagnostic(pass, v, verdict.Related(s.Pos, "reference dropped here"),
		"%s drops a reference on %s, which its caller passed in, with %s (%s at line %d): take the caller's ref as a *ref.Ref parameter and release that",
		name(v), s.Count.Name, d.Holder, s.OpName(), verdict.Line(pass, s.Pos))
}

func idleParam(pass *analysis.Pass, v verdict.View, d verdict.IdleParam) analysis.Diagnostic {
	at := refstate.ReturnPos(d.Return)
	return verdict.Diagnostic(pass, v, verdict.Related(at, d.Param.Name()+" is untouched when the function returns here"),
		"%s takes ref parameter %s but neither acquires into it, releases it, nor passes it on before the return at line %d: its signature promises what it does not do",
		name(v), d.Param.Name(), verdict.Line(pass, at))
}

// name is how a message names the function a view is about.
func name(v verdict.View) string { return verdict.FuncName(v.Func) }
