package refstate_test

import (
	"path/filepath"
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

// TestValueSummaryFacts checks value mode's summaries, inferred from bodies, as fact
// expectations: owned and borrowed results and their conditions, consumed and escaping
// parameters, results owned on some paths only.
func TestValueSummaryFacts(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "value"))
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, refstate.Analyzer, "valuefacts")
}
