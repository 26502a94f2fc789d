package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/valuemode"
)

// options are the standalone command's settings.
type options struct {
	format  string // text, json, sarif or github
	context int    // lines of context around each finding in text output; -1 for none
	fix     bool   // apply suggested fixes
	diff    bool   // with fix: print the fixes as a diff instead of writing files
	tests   bool   // check test files too, as go vet does
	tags    string // build tags for loading

	dir string   // directory to load packages from ("" means the current one); for tests
	env []string // environment of the go command; nil means this process's; for tests
}

// formats are the values of -format, each named for where its output goes.
var formats = []string{"text", "json", "sarif", "github"}

// parseFlags parses the standalone command line. It returns the options, the positional
// arguments and the analyzers selected by the per-pass flags. The flag set mirrors the
// go/analysis checkers' (-json, -c, -fix, -diff, -test, -NAME, -NAME.flag) so that scripts
// written for multichecker tools keep working, and adds -format and -tags.
func parseFlags(args []string, analyzers []*analysis.Analyzer) (*options, []string, []*analysis.Analyzer, error) {
	opts := &options{format: "text", context: -1, tests: true}
	fs := newFlagSet(opts)
	fs.SetOutput(io.Discard) // errors are reported once, by the caller
	enabled := registerPassFlags(fs, analyzers)
	valuemode.RegisterFlags(fs) // -valuemode=false, -valuemode.counted=..., not a pass
	if err := fs.Parse(args); err != nil {
		return nil, nil, nil, err
	}
	if !validFormat(opts.format) {
		return nil, nil, nil, fmt.Errorf("unknown -format %q (want one of %v)", opts.format, formats)
	}
	if opts.diff && !opts.fix {
		return nil, nil, nil, fmt.Errorf("-diff needs -fix")
	}
	return opts, fs.Args(), selectPasses(analyzers, enabled), nil
}

// newFlagSet returns the driver's own flags, bound to opts.
func newFlagSet(opts *options) *flag.FlagSet {
	fs := flag.NewFlagSet("refvet", flag.ContinueOnError)
	fs.StringVar(&opts.format, "format", opts.format, "output `format`: text, json, sarif (for GitHub code scanning) or github (Actions annotations)")
	fs.Var(jsonFlag{opts}, "json", "emit JSON output (same as -format=json)")
	fs.IntVar(&opts.context, "c", opts.context, "display offending line with this many lines of context")
	fs.BoolVar(&opts.fix, "fix", false, "apply all suggested fixes")
	fs.BoolVar(&opts.diff, "diff", false, "with -fix, don't update the files, but print a unified diff")
	fs.BoolVar(&opts.tests, "test", opts.tests, "check test files too, as go vet does")
	fs.StringVar(&opts.tags, "tags", "", "comma-separated list of build `tags` to use when loading packages")
	return fs
}

func validFormat(f string) bool {
	for _, g := range formats {
		if f == g {
			return true
		}
	}
	return false
}

// jsonFlag is -json: a boolean spelling of -format=json, kept because go vet and the
// go/analysis checkers spell it that way.
type jsonFlag struct{ opts *options }

func (jsonFlag) IsBoolFlag() bool { return true }
func (f jsonFlag) String() string {
	return strconv.FormatBool(f.opts != nil && f.opts.format == "json")
}
func (f jsonFlag) Set(s string) error {
	on, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	if on {
		f.opts.format = "json"
	} else if f.opts.format == "json" {
		f.opts.format = "text"
	}
	return nil
}

// registerPassFlags adds, for each pass, -NAME to enable or disable it and -NAME.flag for each
// of its own flags, as multichecker does.
func registerPassFlags(fs *flag.FlagSet, analyzers []*analysis.Analyzer) map[*analysis.Analyzer]*triState {
	enabled := make(map[*analysis.Analyzer]*triState)
	for _, a := range analyzers {
		ts := new(triState)
		fs.Var(ts, a.Name, fmt.Sprintf("enable the %s pass", a.Name))
		enabled[a] = ts
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	return enabled
}

// selectPasses applies the go/analysis convention: if any -NAME is true, run only those;
// otherwise run all but those set to false.
func selectPasses(analyzers []*analysis.Analyzer, enabled map[*analysis.Analyzer]*triState) []*analysis.Analyzer {
	want := setFalse // run everything not disabled
	for _, ts := range enabled {
		if *ts == setTrue {
			want = setTrue // run only what is enabled
		}
	}
	var keep []*analysis.Analyzer
	for _, a := range analyzers {
		if s := *enabled[a]; (want == setTrue && s == setTrue) || (want == setFalse && s != setFalse) {
			keep = append(keep, a)
		}
	}
	return keep
}

// A triState is a boolean flag that remembers whether it was set at all.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (ts *triState) IsBoolFlag() bool { return true }
func (ts *triState) String() string   { return strconv.FormatBool(*ts != setFalse) }
func (ts *triState) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("want true or false")
	}
	*ts = setFalse
	if b {
		*ts = setTrue
	}
	return nil
}
