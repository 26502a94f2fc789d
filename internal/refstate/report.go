package refstate

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Reporter reports one pass's diagnostics: it drops those in generated files and those an
// //refvet:ignore directive suppresses.
type Reporter struct {
	Pass *analysis.Pass
	Name string
	Res  *Result
}

// NewReporter returns the reporter of the pass named name; pass must require Analyzer.
func NewReporter(pass *analysis.Pass, name string) *Reporter {
	return &Reporter{Pass: pass, Name: name, Res: pass.ResultOf[Analyzer].(*Result)}
}

// Report reports d unless it is in a generated file or suppressed.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if r.Res.generated(r.Pass, d.Pos) {
		return
	}
	if r.Res.suppressed(r.Name, d.Pos) {
		return
	}
	r.Pass.Report(d)
}

// Reportf reports a diagnostic at pos with the other half of the story at related.
func (r *Reporter) Reportf(pos token.Pos, related []analysis.RelatedInformation, format string, args ...any) {
	r.Report(analysis.Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...), Related: related})
}

// Line is pos's line number, for messages.
func (r *Reporter) Line(pos token.Pos) int { return r.Pass.Fset.Position(pos).Line }

// Related is a one-element related-information list.
func Related(pos token.Pos, msg string) []analysis.RelatedInformation {
	return []analysis.RelatedInformation{{Pos: pos, Message: msg}}
}

// generatedFiles lists the files that say they are generated ("// Code generated ... DO NOT
// EDIT."): refvet reports nothing in them, though their functions are still summarised.
func generatedFiles(pass *analysis.Pass) map[string]bool {
	gen := map[string]bool{}
	for _, f := range pass.Files {
		if ast.IsGenerated(f) {
			gen[pass.Fset.File(f.Pos()).Name()] = true
		}
	}
	return gen
}

func (res *Result) generated(pass *analysis.Pass, pos token.Pos) bool {
	tf := pass.Fset.File(pos)
	return tf != nil && res.genFiles[tf.Name()]
}

func (res *Result) suppressed(pass string, pos token.Pos) bool {
	return res.Ignores.Match(pass, pos)
}

// ReportEngineErrors reports malformed directives and the functions the engine gave up on.
// One pass calls it (pairing), so each appears once.
func (r *Reporter) ReportEngineErrors() {
	for _, e := range r.Res.DirectiveErrors {
		if !r.Res.generated(r.Pass, e.Pos) {
			r.Pass.Report(analysis.Diagnostic{Pos: e.Pos, Message: e.Msg})
		}
	}
	for _, e := range r.Res.Errors {
		msg, _, _ := strings.Cut(e.Msg, "\n")
		r.Pass.Reportf(e.Fn.Pos(), "refvet internal error: analysis of %s gave up: %s (please report it)", e.Fn.Name(), msg)
	}
}
