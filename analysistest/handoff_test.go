package analysistest_test

import (
	"testing"

	"github.com/refvet/refvet/analysistest"
)

// TestHandOff runs every pass over hand-overs of references (ownerparam and moveref's ground)
// and checks that each mistake is reported by exactly one pass.
func TestHandOff(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), "handoff")
}
