package main

import (
	"strings"

	"golang.org/x/tools/go/analysis"
)

// vetProtocol reports whether args are a go vet invocation: go vet asks a -vettool for its
// version (-V=full) and its flags (-flags), then runs it once per package with a single *.cfg
// file as its last argument. Those are answered by unitchecker, which speaks the protocol
// exactly as cmd/go expects; everything else is the standalone command.
func vetProtocol(args []string) bool {
	for _, arg := range args {
		if arg == "--" || !strings.HasPrefix(arg, "-") {
			break
		}
		name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if name == "V" || name == "flags" {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// vetPasses returns the passes a go vet invocation enables with its -NAME flags, by the rule
// the standalone command applies (selectPasses); unitchecker reads the same flags itself.
func vetPasses(args []string, analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	enabled := make(map[*analysis.Analyzer]*triState)
	for _, a := range analyzers {
		enabled[a] = new(triState)
	}
	for _, arg := range args {
		if arg == "--" || !strings.HasPrefix(arg, "-") {
			break
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if !hasVal {
			val = "true"
		}
		for a, ts := range enabled {
			if a.Name == name {
				_ = ts.Set(val) // a bad value is unitchecker's to report
			}
		}
	}
	return selectPasses(analyzers, enabled)
}
