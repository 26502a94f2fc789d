package analysistest_test

import (
	"testing"

	"github.com/refvet/refvet/analysistest"
)

// TestQA2 runs every pass over the second QA corpus: Go shapes the first round did not cover
// (embedding, compound conditions, error wrapping, deep wrapper chains, generics, concurrency,
// unusual control flow, values holding refs). Mostly correct code, with a few subtle bugs.
func TestQA2(t *testing.T) {
	// One run loads all the packages once: they share their imports.
	analysistest.Run(t, corpus,
		"qa2_embed",
		"qa2_cond",
		"qa2_chain_a",
		"qa2_chain_b",
		"qa2_chain_c",
		"qa2_gen",
		"qa2_conc",
		"qa2_ctrl",
		"qa2_values",
		"qa2_shapes",
		"qa2_owner",
		// Reproducers of defects this round found, fixed since.
		"qa2_engine_capturedroot",
		"qa2_engine_countname",
		"qa2_engine_complitcopy",
	)
}
