// Package suite lists every refvet pass, so that the command, the golangci-lint plugin and the
// cross-pass test helper all run the same set in the same order.
package suite

import (
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/verdict"
	"github.com/refvet/refvet/passes/moveref"
	"github.com/refvet/refvet/passes/ownerparam"
	"github.com/refvet/refvet/passes/pairing"
	"github.com/refvet/refvet/passes/structmember"
)

// Analyzers returns refvet's passes. Each call returns the same Analyzer values.
func Analyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		pairing.Analyzer,
		ownerparam.Analyzer,
		structmember.Analyzer,
		moveref.Analyzer,
	}
}

var (
	combinedOnce sync.Once
	combined     *analysis.Analyzer
)

// Enable tells the passes which of them run, so that each root cause is reported by the first
// enabled pass that can describe it (see internal/verdict). Drivers that run a subset of
// Analyzers call it before analysis starts.
func Enable(analyzers []*analysis.Analyzer) {
	var names []string
	for _, a := range analyzers {
		names = append(names, a.Name)
	}
	verdict.Enable(names...)
}
