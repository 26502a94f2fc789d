// Command refvet checks reference-counting discipline in Go programs that use the
// github.com/refvet/refvet/ref library.
//
// It runs standalone, loading packages itself:
//
//	refvet [flags] packages
//
// or under go vet, which hands it one compilation unit at a time:
//
//	go vet -vettool=$(command -v refvet) packages
//
// Standalone, it exits with status 0 when the packages are clean, 3 when it reported findings
// and 1 on errors (packages that do not load or type-check, bad flags). Run "refvet help" for
// the flags and "refvet help <pass>" for a pass's manual.
//
// The summaries subcommand prints what value mode concluded about the packages named (not
// their dependencies): the counted types each declares or uses and, for each exported function
// and method with a counted result or parameter, whether each result is owned, borrowed or
// mixed, whether each parameter is consumed, and why (inferred from its body, a preset, a
// directive, the configuration, the naming rule):
//
//	refvet summaries [-json] [-all] [-valuemode.*=...] packages
//
// See docs/summaries.md, or run "refvet help summaries".
package main

import (
	"flag"
	"os"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/refvet/refvet/internal/suite"
	"github.com/refvet/refvet/internal/valuemode"
)

func main() {
	if args := os.Args[1:]; len(args) > 0 && args[0] == "summaries" {
		os.Exit(summaries(nil, args[1:], os.Stdout, os.Stderr))
	} else if len(args) == 2 && args[0] == "help" && args[1] == "summaries" {
		summariesHelp(os.Stdout)
		os.Exit(exitClean)
	}
	analyzers := suite.Analyzers()
	guardPanics(analyzers)
	if vetProtocol(os.Args[1:]) {
		suite.Enable(vetPasses(os.Args[1:], analyzers))
		// Value mode's flags are not a pass's: register them where unitchecker parses its
		// own, so that -flags lists them and go vet passes them through.
		valuemode.RegisterFlags(flag.CommandLine)
		unitchecker.Main(analyzers...) // exits
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, analyzers))
}
