package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"

	"github.com/refvet/refvet/internal/suite"
)

// Exit statuses of the standalone command, as the go/analysis checkers use them.
const (
	exitClean    = 0 // nothing found (or findings in a machine-readable format)
	exitErrors   = 1 // bad usage, or packages that failed to load, type-check or analyse
	exitFindings = 3 // findings reported
)

// run is the standalone command: it parses args, checks the packages and reports. Findings
// and errors go to stderr as text, or to stdout in the machine-readable formats. It returns
// the exit status.
func run(args []string, stdout, stderr io.Writer, analyzers []*analysis.Analyzer) int {
	return runIn(nil, args, stdout, stderr, analyzers)
}

// runIn is run with options preset by tests (the directory and environment of the go command).
func runIn(preset *options, args []string, stdout, stderr io.Writer, analyzers []*analysis.Analyzer) int {
	opts, patterns, enabled, err := parseFlags(args, analyzers)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(stdout, analyzers)
		return exitClean
	}
	if err != nil {
		fmt.Fprintf(stderr, "refvet: %v\nRun 'refvet help' for usage.\n", err)
		return exitErrors
	}
	if preset != nil {
		opts.dir, opts.env = preset.dir, preset.env
	}
	switch {
	case len(patterns) == 0:
		printUsage(stderr, analyzers)
		return exitErrors
	case patterns[0] == "help":
		return help(stdout, stderr, analyzers, patterns[1:])
	}
	suite.Enable(enabled)
	return check(opts, patterns, enabled, stdout, stderr)
}

// check loads, analyses and reports.
func check(opts *options, patterns []string, analyzers []*analysis.Analyzer, stdout, stderr io.Writer) int {
	pkgs, err := load(opts, patterns, analyzers)
	if err != nil {
		fmt.Fprintf(stderr, "refvet: %v\n", err)
		return exitErrors
	}
	status := exitClean
	for _, msg := range packageErrors(pkgs) {
		fmt.Fprintln(stderr, msg)
		status = exitErrors
	}
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		fmt.Fprintf(stderr, "refvet: %v\n", err)
		return exitErrors
	}
	res := collect(graph)
	for _, msg := range res.errs {
		fmt.Fprintf(stderr, "refvet: %s\n", msg)
		status = exitErrors
	}
	// Findings are reported even when some packages failed, but the failure decides the
	// status: a run that could not check everything must not pass for clean or for "findings".
	if code := report(opts, res.findings, analyzers, stdout, stderr); status == exitClean {
		status = code
	}
	return status
}

// report applies fixes if asked, prints the findings and returns the exit status they call
// for: exitFindings if any are still in the code, except in the JSON and SARIF formats, which
// are data for another program and succeed (as go vet -json does). With -fix, the findings
// printed are those left without a fix; with -fix -diff the diff goes to stdout, the others
// are printed, and the code on disk still has them all.
func report(opts *options, findings []finding, analyzers []*analysis.Analyzer, stdout, stderr io.Writer) int {
	if opts.format != "json" { // JSON keeps them per package, as go vet -json does
		findings = dedup(findings)
	}
	inCode, shown := findings, findings
	if opts.fix {
		unfixed, err := applyFixes(dedup(findings), opts.diff, stdout)
		if err != nil {
			fmt.Fprintf(stderr, "refvet: applying fixes: %v\n", err)
			return exitErrors
		}
		shown = unfixed
		if !opts.diff {
			inCode = unfixed
		}
	}
	if err := write(opts, shown, analyzers, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "refvet: %v\n", err)
		return exitErrors
	}
	if len(inCode) == 0 || opts.format == "json" || opts.format == "sarif" {
		return exitClean
	}
	return exitFindings
}

func write(opts *options, findings []finding, analyzers []*analysis.Analyzer, stdout, stderr io.Writer) error {
	switch opts.format {
	case "json":
		return writeJSON(stdout, findings)
	case "sarif":
		sw := &sarifWriter{base: workDir(), version: version(), readFile: os.ReadFile}
		return sw.write(stdout, analyzers, findings)
	case "github":
		return writeGitHub(stdout, findings)
	}
	return writeText(stderr, findings, opts.context)
}

func workDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return "/"
	}
	return wd
}

// version is refvet's module version when it was built by go install of a tagged version.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return ""
}
