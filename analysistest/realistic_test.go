package analysistest_test

import (
	"testing"

	"github.com/refvet/refvet/analysistest"
)

// TestRealistic runs every pass over realistic small programs written with the ref library
// (caches, servers, pools, descriptor tables, brokers, wrapper libraries and their callers,
// a buffer cache, a plugin registry, a stream multiplexer, a snapshot store, a lease manager):
// mostly correct code in many styles, each with a few subtle bugs marked by their expected
// diagnostics.
func TestRealistic(t *testing.T) {
	// One run loads all the packages once: they share their imports.
	analysistest.Run(t, corpus,
		"objcache",
		"requestserver",
		"nodetree",
		"genericcontainers",
		"connwrappers",
		"wrappercallers",
		"connpool",
		"fdtable",
		"lrucache",
		"pubsub",
		"sessions",
		"blockdev",
		"blockcache",
		"pluginapi",
		"pluginregistry",
		"streammux",
		"snapshotstore",
		"leasemanager",
	)
}

// TestGoShapes runs every pass over Go shapes that stress the analysis: embedding, compound
// conditions, error wrapping, deep wrapper chains across packages, generics, concurrency,
// unusual control flow, values holding refs, loop variables holding members. Mostly correct
// code, with a few subtle bugs.
func TestGoShapes(t *testing.T) {
	analysistest.Run(t, corpus,
		"embedding",
		"compoundconds",
		"wrapchain_blobs",
		"wrapchain_cache",
		"wrapchain_service",
		"genericwrappers",
		"concurrency",
		"controlflow",
		"refvalues",
		"suspiciousshapes",
		"embeddedowners",
		"loopvarmembers",
	)
}

// TestClean runs every pass over correct code only, in the shapes real Go programs use, with
// wrappers in a sibling package read through facts. refvet must be silent on it.
func TestClean(t *testing.T) {
	analysistest.Run(t, corpus, "clean_services", "clean_wrappers")
}
