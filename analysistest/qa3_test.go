package analysistest_test

import (
	"testing"

	"github.com/refvet/refvet/analysistest"
)

// TestQA3 runs every pass over the third QA corpus: realistic small programs (a connection
// pool, a file-descriptor table, an LRU cache, a pub/sub broker, HTTP-style session
// middleware), mostly correct, each with a few subtle bugs marked by their expected diagnostics.
func TestQA3(t *testing.T) {
	// One run loads all the packages once: they share their imports.
	analysistest.Run(t, corpus,
		"qa3_pool",
		"qa3_fdtable",
		"qa3_lru",
		"qa3_pubsub",
		"qa3_session",
		// Reproducers of defects this round found, fixed since; each package's doc says what
		// it was.
		"qa3_engine_indexaddr",
		"qa3_engine_ctxerr",
		"qa3_engine_builtinescape",
	)
}
