package main

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// load loads the packages named by patterns, with syntax for every package when a pass needs
// facts (refvet's summaries of wrapper functions are facts, so in practice always).
func load(opts *options, patterns []string, analyzers []*analysis.Analyzer) ([]*packages.Package, error) {
	mode := packages.LoadSyntax
	if needFacts(analyzers) {
		mode = packages.LoadAllSyntax
	}
	cfg := &packages.Config{
		Mode:  mode | packages.NeedModule,
		Tests: opts.tests,
		Dir:   opts.dir,
		Env:   opts.env,
	}
	if opts.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + opts.tags}
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err == nil && len(pkgs) == 0 {
		err = fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	return pkgs, err
}

// needFacts reports whether any of analyzers, or anything they require, uses facts.
func needFacts(analyzers []*analysis.Analyzer) bool {
	seen := make(map[*analysis.Analyzer]bool)
	var visit func([]*analysis.Analyzer) bool
	visit = func(as []*analysis.Analyzer) bool {
		for _, a := range as {
			if !seen[a] {
				seen[a] = true
				if len(a.FactTypes) > 0 || visit(a.Requires) {
					return true
				}
			}
		}
		return false
	}
	return visit(analyzers)
}

// packageErrors returns the errors of every loaded package, dependencies included, each once:
// a file that does not parse or type-check belongs to both a package and its test variant.
// Each reads "file:line:col: message" when the error has a position.
func packageErrors(pkgs []*packages.Package) []string {
	var errs []string
	seen := make(map[string]bool)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			msg := e.Msg
			if e.Pos != "" && e.Pos != "-" {
				msg = shortPath(e.Pos) + ": " + msg
			}
			if !seen[msg] {
				seen[msg] = true
				errs = append(errs, msg)
			}
		}
	})
	return errs
}
