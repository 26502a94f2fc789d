package analysistest_test

import (
	"testing"

	"github.com/refvet/refvet/analysistest"
)

// TestRFC runs every pass over the port of the Linux RFC's mm_struct examples.
func TestRFC(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), "rfc/...")
}
