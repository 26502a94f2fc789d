// Command suitevet is refvet's passes (internal/suite) under the stock x/tools multichecker,
// which has the profiling flags the real command lacks:
//
//	suitevet -cpuprofile=cpu.out -memprofile=mem.out ./...
//
// It is for profiling only; measurements in BENCHMARKS.md use the real cmd/refvet.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/refvet/refvet/internal/suite"
)

func main() { multichecker.Main(suite.Analyzers()...) }
