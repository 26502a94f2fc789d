package analysistest_test

import (
	"path/filepath"
	"testing"

	"github.com/refvet/refvet/analysistest"
)

// corpus is the repository's cross-pass corpus, testdata/src at the root: every pass runs over
// it together, so each case also checks that one mistake makes one diagnostic.
var corpus, _ = filepath.Abs(filepath.Join("..", "testdata"))

// TestRFC runs every pass over the port of the Linux RFC's mm_struct examples.
func TestRFC(t *testing.T) {
	analysistest.Run(t, corpus, "rfc/...")
}

// TestHandOff runs every pass over hand-overs of references (ownerparam and moveref's ground)
// and checks that each mistake is reported by exactly one pass.
func TestHandOff(t *testing.T) {
	analysistest.Run(t, corpus, "handoff")
}
