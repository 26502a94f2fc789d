package main

import (
	"cmp"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
)

// A finding is one diagnostic of one pass, with its positions resolved, so that each output
// format and the fixer work from plain data rather than from the checker's action graph.
type finding struct {
	pkgID    string // the package whose analysis reported it, e.g. "p [p.test]"
	pass     *analysis.Analyzer
	posn     token.Position
	end      token.Position
	message  string
	category string
	url      string
	related  []related
	fixes    []fix
}

// label is what a finding is shown under: its pass, or for errors about the user's directives
// and the engine's own failures, their category ("refvet").
func (f finding) label() string {
	if f.category != "" {
		return f.category
	}
	return f.pass.Name
}

type related struct {
	posn, end token.Position
	message   string
}

// A fix is one suggested fix: edits to apply all together or not at all.
type fix struct {
	message string
	edits   []edit
}

// An edit replaces the bytes between start and end (same file) by newText.
type edit struct {
	start, end token.Position
	newText    string
}

// results is what one analysis run produced.
type results struct {
	findings []finding // from the packages named on the command line, in position order
	errs     []string  // analysis failures, once each
}

// collect gathers the diagnostics of the root actions and the errors of the actions that
// failed on their own (not because a prerequisite failed: that would repeat the cause).
// Errors of actions on packages with load or type errors are left out: those errors are
// printed already, and "analysis skipped due to errors" would only repeat them.
func collect(graph *checker.Graph) results {
	var res results
	seenErr := make(map[string]bool)
	for act := range graph.All() {
		if act.Err != nil && !act.Package.IllTyped && !failedDep(act) {
			msg := act.Analyzer.Name + ": " + act.Package.PkgPath + ": " + act.Err.Error()
			if !seenErr[msg] {
				seenErr[msg] = true
				res.errs = append(res.errs, msg)
			}
		}
		if act.IsRoot && act.Err == nil {
			for _, d := range act.Diagnostics {
				res.findings = append(res.findings, newFinding(act, d))
			}
		}
	}
	slices.SortStableFunc(res.findings, compareFindings)
	return res
}

func failedDep(act *checker.Action) bool {
	return slices.ContainsFunc(act.Deps, func(d *checker.Action) bool { return d.Err != nil })
}

func newFinding(act *checker.Action, d analysis.Diagnostic) finding {
	fset := act.Package.Fset
	f := finding{
		pkgID:    act.Package.ID,
		pass:     act.Analyzer,
		posn:     fset.Position(d.Pos),
		end:      fset.Position(cmp.Or(d.End, d.Pos)),
		message:  d.Message,
		category: d.Category,
		url:      d.URL,
	}
	for _, r := range d.Related {
		f.related = append(f.related, related{fset.Position(r.Pos), fset.Position(cmp.Or(r.End, r.Pos)), r.Message})
	}
	for _, sf := range d.SuggestedFixes {
		fx := fix{message: sf.Message}
		for _, e := range sf.TextEdits {
			fx.edits = append(fx.edits, edit{fset.Position(e.Pos), fset.Position(cmp.Or(e.End, e.Pos)), string(e.NewText)})
		}
		f.fixes = append(f.fixes, fx)
	}
	return f
}

func compareFindings(a, b finding) int {
	return cmp.Or(
		cmp.Compare(a.posn.Filename, b.posn.Filename),
		cmp.Compare(a.posn.Offset, b.posn.Offset),
		cmp.Compare(a.pass.Name, b.pass.Name),
		cmp.Compare(a.message, b.message),
	)
}

// dedup drops repeats: a file that belongs to both a package and its test variant is analysed
// twice and yields each finding twice. findings must be sorted.
func dedup(findings []finding) []finding {
	return slices.CompactFunc(slices.Clone(findings), func(a, b finding) bool {
		return a.posn == b.posn && a.end == b.end && a.pass == b.pass && a.message == b.message
	})
}

// shortPath returns name relative to the current directory when it lies below it, as go vet
// prints positions; otherwise name unchanged.
func shortPath(name string) string {
	wd, err := os.Getwd()
	if err != nil || !filepath.IsAbs(name) {
		return name
	}
	if rel, err := filepath.Rel(wd, name); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return name
}
