package suite

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Combined returns one Analyzer that runs every pass of the suite on each package and reports
// all their diagnostics as its own, each with its pass's name as Category. Test drivers that
// take a single analyzer (analysistest) use it to check the passes together.
func Combined() *analysis.Analyzer {
	combinedOnce.Do(func() {
		passes := Analyzers()
		var req []*analysis.Analyzer
		var names []string
		for _, a := range passes {
			req = appendNew(req, a.Requires...)
			names = append(names, a.Name)
		}
		combined = &analysis.Analyzer{
			Name:     "refvet",
			Doc:      "run all refvet passes: " + strings.Join(names, ", "),
			Requires: req,
			Run: func(pass *analysis.Pass) (any, error) {
				for _, a := range passes {
					if err := runAs(pass, a); err != nil {
						return nil, err
					}
				}
				return nil, nil
			},
		}
	})
	return combined
}

// runAs runs pass a inside the combined pass: a's requirements are among the combined pass's,
// and a's diagnostics go out through the combined pass.
func runAs(outer *analysis.Pass, a *analysis.Analyzer) error {
	inner := *outer
	inner.Analyzer = a
	inner.Report = func(d analysis.Diagnostic) {
		if d.Category == "" {
			d.Category = a.Name
		}
		outer.Report(d)
	}
	_, err := a.Run(&inner)
	if err != nil {
		return fmt.Errorf("%s: %w", a.Name, err)
	}
	return nil
}

func appendNew(list []*analysis.Analyzer, as ...*analysis.Analyzer) []*analysis.Analyzer {
	for _, a := range as {
		if !contains(list, a) {
			list = append(list, a)
		}
	}
	return list
}

func contains(list []*analysis.Analyzer, a *analysis.Analyzer) bool {
	for _, b := range list {
		if b == a {
			return true
		}
	}
	return false
}
