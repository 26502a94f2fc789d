package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"
)

const usage = `refvet checks reference-counting discipline in Go programs: every reference taken is
given up on every path. It follows the named refs of github.com/refvet/refvet/ref and, in value
mode, the values that count their own references (Retain/Release, Ref/Free, IncrRef/DecrRef,
Ref/Unref: arrow-go, grpc-go mem, badger, pebble, or your own types).

Usage:

	refvet [flags] packages                         check packages (go list patterns)
	go vet -vettool=$(command -v refvet) packages   the same, run by go vet
	refvet summaries [-json] [-all] packages        what value mode concluded per function
	refvet help [pass|summaries]                    this text, or a pass's manual

Exit status: 0 nothing found, 3 findings reported, 1 errors (bad flags, packages that do not
load or type-check). With -format=json or -format=sarif findings are data: the status is 0.
`

// printUsage writes the general help: usage, passes and flags.
func printUsage(w io.Writer, analyzers []*analysis.Analyzer) {
	fmt.Fprint(w, usage)
	fmt.Fprintln(w, "\nPasses (all run by default; -NAME runs only the passes named so, -NAME=false skips one):")
	fmt.Fprintln(w)
	for _, a := range analyzers {
		fmt.Fprintf(w, "\t%-13s %s\n", a.Name, title(a))
	}
	fmt.Fprintln(w, "\nFlags:")
	fs := newFlagSet(&options{format: "text", context: -1, tests: true})
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprintln(w, "\nRun 'refvet help <pass>' for a pass's manual and flags.")
}

// help implements "refvet help [pass...]".
func help(stdout, stderr io.Writer, analyzers []*analysis.Analyzer, names []string) int {
	if len(names) == 0 {
		printUsage(stdout, analyzers)
		return exitClean
	}
	status := exitClean
	for _, name := range names {
		a := find(analyzers, name)
		if a == nil {
			fmt.Fprintf(stderr, "refvet: no pass named %q (run 'refvet help' for the list)\n", name)
			status = exitErrors
			continue
		}
		fmt.Fprintf(stdout, "%s: %s\n", a.Name, strings.TrimSpace(a.Doc))
		fs := flag.NewFlagSet(a.Name, flag.ContinueOnError)
		a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, a.Name+"."+f.Name, f.Usage) })
		if n := countFlags(fs); n > 0 {
			fmt.Fprintln(stdout, "\nFlags:")
			fs.SetOutput(stdout)
			fs.PrintDefaults()
		}
	}
	return status
}

func find(analyzers []*analysis.Analyzer, name string) *analysis.Analyzer {
	for _, a := range analyzers {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// title is the first paragraph of a pass's doc, on one line.
func title(a *analysis.Analyzer) string {
	first, _, _ := strings.Cut(a.Doc, "\n\n")
	return strings.Join(strings.Fields(first), " ")
}

func countFlags(fs *flag.FlagSet) int {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n
}
