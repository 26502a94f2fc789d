// Package analysistest runs the whole refvet suite, every pass together, over a testdata tree
// with `// want` expectations, the way golang.org/x/tools/go/analysis/analysistest runs one
// analyzer. Use it to test code written against the ref library, or your own //refvet:
// directives:
//
//	func TestRefs(t *testing.T) {
//		analysistest.Run(t, analysistest.TestData(), "mypkg/...")
//	}
//
// Expectations match every pass's diagnostics; each diagnostic's Category is its pass name.
package analysistest

import (
	"testing"

	xtest "golang.org/x/tools/go/analysis/analysistest"

	"github.com/refvet/refvet/internal/suite"
)

// TestData returns the absolute path of the testdata directory of the calling test's package.
func TestData() string { return xtest.TestData() }

// Run runs all refvet passes over the packages matching patterns under dir/src and checks
// their diagnostics against the `// want` comments.
func Run(t testing.TB, dir string, patterns ...string) []*xtest.Result {
	t.Helper()
	return xtest.Run(t, dir, suite.Combined(), patterns...)
}

// RunWithSuggestedFixes is Run that also checks the suggested fixes against .golden files.
func RunWithSuggestedFixes(t testing.TB, dir string, patterns ...string) []*xtest.Result {
	t.Helper()
	return xtest.RunWithSuggestedFixes(t, dir, suite.Combined(), patterns...)
}
