package analysistest_test

import (
	"testing"

	"github.com/refvet/refvet/analysistest"
)

// TestQA4 runs every pass over the fourth QA corpus: correct code only, in the shapes real Go
// programs use. refvet must be silent on it. The qa4_engine_* packages are the false positives
// that round found, fixed since; each package's doc says what refvet reported.
func TestQA4(t *testing.T) {
	analysistest.Run(t, corpus, "qa4_clean", "qa4_clean_lib", "qa4_engine_nilstore", "qa4_engine_condrelease")
}
