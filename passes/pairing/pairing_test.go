package pairing_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/refvet/refvet/passes/pairing"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), pairing.Analyzer,
		"basic", "flow", "callers", "closures", "generic", "tricky",
	)
}
