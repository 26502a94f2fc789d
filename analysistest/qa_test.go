package analysistest_test

import (
	"testing"

	"github.com/refvet/refvet/analysistest"
)

// TestQA runs every pass over the QA corpus: realistic packages, mostly correct code in many
// styles, with a few subtle bugs marked by their expected diagnostics.
func TestQA(t *testing.T) {
	for _, pkg := range []string{
		"qa_cache",
	} {
		t.Run(pkg, func(t *testing.T) {
			analysistest.Run(t, corpus, pkg)
		})
	}
}
