//go:build refdebug

package ref

// For the benchmarks in package ref_test.
var (
	SetDepotCap = setDepotCap
	DepotLen    = depotLen
)

func DepotCap() int { return int(depotCap.Load()) }
