package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"golang.org/x/tools/go/analysis"
)

// guardPanics wraps the Run function of every analyzer reachable from analyzers so that a
// panic becomes an error naming the pass and the package. The checkers run passes on their
// own goroutines, where a panic would kill the process with a goroutine dump; a bug in a pass
// should instead read as one clear line, and the other packages still get checked.
// Set REFVET_TRACEBACK=1 to append the stack, for bug reports.
func guardPanics(analyzers []*analysis.Analyzer) {
	seen := make(map[*analysis.Analyzer]bool)
	var guard func(a *analysis.Analyzer)
	guard = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, req := range a.Requires {
			guard(req)
		}
		a.Run = guarded(a.Name, a.Run)
	}
	for _, a := range analyzers {
		guard(a)
	}
}

func guarded(name string, run func(*analysis.Pass) (any, error)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (result any, err error) {
		defer func() {
			if r := recover(); r != nil {
				result = nil
				err = fmt.Errorf("internal error: pass %s panicked on package %s: %v (please report it)",
					name, pass.Pkg.Path(), r)
				if os.Getenv("REFVET_TRACEBACK") != "" {
					err = fmt.Errorf("%w\n%s", err, debug.Stack())
				}
			}
		}()
		return run(pass)
	}
}
