package refstate_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/refvet/refvet/internal/refstate"
)

// TestSummaryFacts checks the summaries the engine exports, as fact expectations
// (`// want Name:"…"` on the declaration): each shape of acquirer, releaser and mover, count
// names, methods, closures called in place, functions that never return, summaries declared
// by directives on interface methods, and wrappers in another package that read them as
// facts.
func TestSummaryFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), refstate.Analyzer, "facts/...")
}
