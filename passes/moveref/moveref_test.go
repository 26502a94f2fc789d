package moveref_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/refvet/refvet/passes/moveref"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), moveref.Analyzer, "moves", "callers")
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), moveref.Analyzer, "slow")
}
