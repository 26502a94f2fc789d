package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/refvet/refvet/internal/testmod"
	"github.com/refvet/refvet/internal/valuemode"
)

// The summaries tests load GOPATH trees, as value mode's own tests do: testdata/summaries (a
// fixture covering each way a summary is decided, and a package that does not type-check) and
// the repository's testdata/value (stubs of arrow-go, grpc-go mem, badger and pebble, and code
// that uses them).
//
// The golden files are what refvet concludes today. Until the engine infers summaries from
// bodies (refstate.Result.Values), they show only what is declared: presets, directives,
// configuration and the naming rule. When inference lands, regenerate them and review the
// diff:
//
//	go test ./cmd/refvet -run TestSummaries -update

func summariesEnv(t *testing.T) *options {
	t.Helper()
	var roots []string
	for _, r := range []string{"testdata/summaries", "../../testdata/value"} {
		abs, err := filepath.Abs(r)
		if err != nil {
			t.Fatal(err)
		}
		roots = append(roots, abs)
	}
	return &options{
		dir: roots[0],
		env: append(os.Environ(), "GOPATH="+strings.Join(roots, string(os.PathListSeparator)), "GO111MODULE=off", "GOWORK=off", "GOFLAGS="),
	}
}

// runSummaries runs refvet summaries with args. The -valuemode flags set value mode's
// configuration, which is global and stays set (a second run with the same entry is an error):
// with them, it runs in a child process.
func runSummaries(t *testing.T, args ...string) outcome {
	t.Helper()
	if slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "-valuemode") }) {
		return runSummariesChild(t, args)
	}
	var stdout, stderr bytes.Buffer
	status := summaries(summariesEnv(t), args, &stdout, &stderr)
	return outcome{status, stdout.String(), stderr.String()}
}

const childArgs = "REFVET_SUMMARIES_CHILD_ARGS"

func runSummariesChild(t *testing.T, args []string) outcome {
	t.Helper()
	enc, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestSummariesChild$")
	cmd.Env = append(os.Environ(), childArgs+"="+string(enc))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return outcome{cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()}
}

// TestSummariesChild is runSummariesChild's child process: it runs refvet summaries and exits
// with its status.
func TestSummariesChild(t *testing.T) {
	enc := os.Getenv(childArgs)
	if enc == "" {
		t.Skip("runs as runSummariesChild's child process only")
	}
	var args []string
	if err := json.Unmarshal([]byte(enc), &args); err != nil {
		t.Fatal(err)
	}
	os.Exit(summaries(summariesEnv(t), args, os.Stdout, os.Stderr))
}

// TestSummariesGolden compares the output of refvet summaries with testdata/summaries/NAME.golden.
func TestSummariesGolden(t *testing.T) {
	for _, test := range []struct {
		name string
		args []string
	}{
		// Functions whose results presets describe: badger's OpenTable (owned when err ==
		// nil), pebble's Alloc and MakeHandle. (testdata/value's arrow-go and grpc-go stubs are
		// growing with the engine's tests: TestSummariesArrowPreset checks them line by line.)
		{"preset", []string{"github.com/dgraph-io/badger/v4/table", "github.com/cockroachdb/pebble/v2/sstable/block"}},
		// //refvet:owned and //refvet:consumes on pebble-style methods, unexported (-all).
		{"directive", []string{"-all", "clean_pebble", "pebble_index_handle_leak_on_error"}},
		// Every source of a summary in one package: the family rule and //refvet:counted for
		// types; //refvet:owned (err and bool results), //refvet:borrowed, //refvet:consumes,
		// the naming rule on an interface method, functions nothing decides; and a package
		// without counted types.
		{"fixture", []string{"-all", "summarized", "errors"}},
		// Without -all, unexported functions and types are left out.
		{"exported", []string{"summarized"}},
		// The configuration (run in a child process: see runSummaries).
		{"config", []string{"-all", "-valuemode.owned=clean_badger.buildTables", "-valuemode.borrowed=clean_badger.(*levelHandler).getTables", "-valuemode.consumes=clean_badger.(*levelHandler).addTable:t", "clean_badger"}},
		{"json", []string{"-json", "-all", "github.com/dgraph-io/badger/v4/table", "clean_pebble", "summarized"}},
	} {
		t.Run(test.name, func(t *testing.T) {
			got := runSummaries(t, test.args...)
			if got.status != exitClean || got.stderr != "" {
				t.Fatalf("refvet summaries %v: status %d, stderr:\n%s", test.args, got.status, got.stderr)
			}
			golden := filepath.Join("testdata", "summaries", test.name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got.stdout), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got.stdout != string(want) {
				t.Errorf("refvet summaries %v: output differs from %s (run with -update to accept it)\ngot:\n%s\nwant:\n%s",
					test.args, golden, got.stdout, want)
			}
		})
	}
}

// TestSummariesArrowPreset checks the arrow-go preset's entries on interface methods: owned
// (Builder.NewArray) and borrowed (RecordReader.Record), and a parameter it says is borrowed.
func TestSummariesArrowPreset(t *testing.T) {
	got := runSummaries(t, "github.com/apache/arrow-go/v18/arrow/array")
	for _, want := range []string{
		"package github.com/apache/arrow-go/v18/arrow/array (presets: arrow-go; ",
		"\tcounted array.RecordReader: Release/Retain (preset arrow-go)\n",
		"\tuses arrow.Array: Release/Retain (preset arrow-go)\n",
		"\tfunc (Builder) NewArray() arrow.Array: r0 owned (preset arrow-go)\n",
		"\tfunc (RecordReader) Record() arrow.RecordBatch: r0 borrowed (preset arrow-go)\n",
		"; borrows cols (preset arrow-go)\n",
	} {
		if got.status != exitClean || !strings.Contains(got.stdout, want) {
			t.Errorf("status %d, no %q in\n%s%s", got.status, want, got.stdout, got.stderr)
		}
	}
}

// TestSummariesJSONSchema checks the field names docs/summaries.md documents, on the JSON
// golden's packages.
func TestSummariesJSONSchema(t *testing.T) {
	got := runSummaries(t, "-json", "github.com/dgraph-io/badger/v4/table", "summarized")
	var doc struct {
		Version  int
		Packages []map[string]json.RawMessage
	}
	if err := json.Unmarshal([]byte(got.stdout), &doc); err != nil || doc.Version != 1 || len(doc.Packages) != 2 {
		t.Fatalf("bad JSON (%v):\n%s", err, got.stdout)
	}
	has := func(what string, m map[string]json.RawMessage, keys ...string) {
		t.Helper()
		for _, k := range keys {
			if _, ok := m[k]; !ok {
				t.Errorf("%s has no %q: %v", what, k, m)
			}
		}
	}
	for _, p := range doc.Packages {
		has("package", p, "package", "value_mode", "presets", "engine", "types", "funcs")
		var types, funcs []map[string]json.RawMessage
		_ = json.Unmarshal(p["types"], &types)
		_ = json.Unmarshal(p["funcs"], &funcs)
		if len(types) == 0 || len(funcs) == 0 {
			t.Fatalf("package %s: no types or funcs", p["package"])
		}
		for _, ty := range types {
			has("type", ty, "type", "key", "declared", "retain", "releases", "release_only", "source", "origin")
		}
		for _, f := range funcs {
			has("func", f, "name", "signature", "source", "results", "params")
			var results, params []map[string]json.RawMessage
			_ = json.Unmarshal(f["results"], &results)
			_ = json.Unmarshal(f["params"], &params)
			for _, r := range results {
				has("result", r, "index", "type", "ownership", "condition", "why", "origin")
			}
			for _, pa := range params {
				has("param", pa, "index", "name", "type", "effect", "why", "origin")
			}
		}
	}
}

func TestSummariesStatus(t *testing.T) {
	for _, test := range []struct {
		args           []string
		status         int
		stdout, stderr string // substrings
	}{
		{[]string{"nosuch"}, exitErrors, "", `refvet summaries: package nosuch: cannot find package "nosuch"`},
		{[]string{"broken", "summarized"}, exitErrors, "package summarized (", "refvet summaries: package broken: "},
		{[]string{"broken"}, exitErrors, "", "broken.go:4:23: cannot use"},
		{nil, exitErrors, "", "usage: refvet summaries"},
		{[]string{"-h"}, exitClean, "usage: refvet summaries", ""},
		{[]string{"-bogus", "summarized"}, exitErrors, "", "flag provided but not defined: -bogus"},
		{[]string{"-valuemode.owned=bad", "summarized"}, exitErrors, "", `-valuemode.owned: bad entry "bad"`},
		{[]string{"-valuemode=false", "summarized"}, exitClean, "package summarized (value mode off)\n", ""},
	} {
		t.Run(strings.Join(test.args, " "), func(t *testing.T) {
			got := runSummaries(t, test.args...)
			if got.status != test.status || !strings.Contains(got.stdout, test.stdout) || !strings.Contains(got.stderr, test.stderr) {
				t.Errorf("refvet summaries %v: status %d, want %d\nstdout:\n%s\nstderr:\n%s\nwant stdout containing %q, stderr containing %q",
					test.args, got.status, test.status, got.stdout, got.stderr, test.stdout, test.stderr)
			}
		})
	}
}

func TestSummariesHelp(t *testing.T) {
	var b bytes.Buffer
	summariesHelp(&b)
	for _, want := range []string{"usage: refvet summaries", "-json", "-all", "-valuemode.owned", "docs/summaries.md"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("refvet help summaries: no %q in\n%s", want, b.String())
		}
	}
}

// TestSummariesEngineValues shows what the engine's summaries (refstate.Result.Values) look
// like once it fills them in: it runs the analysis on the fixture, puts summaries into Values
// by hand (inferred owned, conditional, mixed, consumed on some paths), and checks that they
// win over what is declared and that functions without one fall back to it.
func TestSummariesEngineValues(t *testing.T) {
	var stderr bytes.Buffer
	roots, status := analyzeRoots(summariesEnv(t), []string{"summarized"}, &stderr)
	if status != exitClean || len(roots) != 1 || roots[0].vm == nil || roots[0].rs == nil {
		t.Fatalf("status %d, %d roots, stderr:\n%s", status, len(roots), stderr.String())
	}
	r := roots[0]
	scope := r.pkg.Types.Scope()
	method := func(typ, name string) *types.Func {
		obj, _, _ := types.LookupFieldOrMethod(scope.Lookup(typ).Type(), true, r.pkg.Types, name)
		return obj.(*types.Func)
	}
	fn := func(name string) *types.Func { return scope.Lookup(name).(*types.Func) }
	inferred := valuemode.Inferred
	r.rs.Values = map[*types.Func]*valuemode.FuncFact{
		method("Pool", "Get"): {Results: []valuemode.ResultOwnership{{Result: 0, Own: valuemode.Owned, When: valuemode.NonNil, CondResult: -1, Why: inferred}}},
		fn("Use"):             {Params: []valuemode.ParamEffect{{Param: 0, Name: "c", Effect: valuemode.ConsumesSome, Why: inferred}}},
		fn("OpenFile"):        {Results: []valuemode.ResultOwnership{{Result: 0, Own: valuemode.Owned, When: valuemode.True, CondResult: 1, Why: inferred}}},
		method("Pool", "Peek"): {Results: []valuemode.ResultOwnership{{Result: 0, Own: valuemode.Mixed, CondResult: -1, Why: inferred}},
			Params: []valuemode.ParamEffect{{Param: -1, Name: "p", Effect: valuemode.Borrows, Why: inferred}}},
	}
	var out bytes.Buffer
	ps := summarize(r.pkg, r.vm, r.rs, false, false)
	if err := writeSummariesText(&out, &summaryOutput{Version: summariesVersion, Packages: []*pkgSummary{ps}}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"package summarized (engine: summaries)\n",
		"func (*Pool) Get() *Conn: r0 owned when non-nil (inferred from its body)\n",
		"func Use(c *Conn) int: consumes c on some paths (inferred from its body)\n",
		"func OpenFile() (f *File, ok bool): r0 owned when ok is true (inferred from its body)\n",
		"func (*Pool) Peek() *Conn: r0 mixed (inferred from its body); borrows p (receiver) (inferred from its body)\n",
		// No summary from the engine: what is declared, the naming rule, or nothing.
		"func Open(name string) (*Conn, error): r0 owned when err == nil (directive at summarized.go:23)\n",
		"func (Dialer) NewConn(addr string) (*Conn, error): r0 owned when err == nil (naming rule New*)\n",
		"func (Dialer) Current() *Conn: not tracked (nothing decides)\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no line %q in\n%s", want, out.String())
		}
	}
	for _, f := range ps.Funcs {
		if want := map[bool]string{true: "engine", false: "declared"}[r.rs.Values[funcByName(t, r.pkg.Types, f.Name)] != nil]; f.Source != want && f.Source != "none" {
			t.Errorf("%s: source %q, want %q", f.Name, f.Source, want)
		}
	}
}

// funcByName finds a function of pkg by its summaries name: "F", "(*T).M" or "T.M".
func funcByName(t *testing.T, pkg *types.Package, name string) *types.Func {
	t.Helper()
	recv, m, ok := strings.Cut(name, ".")
	if !ok {
		return pkg.Scope().Lookup(name).(*types.Func)
	}
	recv = strings.Trim(recv, "(*)")
	obj, _, _ := types.LookupFieldOrMethod(pkg.Scope().Lookup(recv).Type(), true, pkg, m)
	return obj.(*types.Func)
}

// TestSummariesCommand checks main's dispatch: the built command runs "refvet summaries" and
// "refvet help summaries". It builds refvet; -short skips it.
func TestSummariesCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds refvet")
	}
	bin := testmod.BuildRefvet(t, testmod.Root(t))
	env := summariesEnv(t)
	for _, test := range []struct {
		args   []string
		status int
		stdout string
	}{
		{[]string{"summaries", "summarized"}, exitClean, "func (*Pool) Put(c *Conn): consumes c (directive at summarized.go:46)\n"},
		{[]string{"summaries", "-json", "summarized"}, exitClean, `"package": "summarized"`},
		{[]string{"summaries", "nosuch"}, exitErrors, ""},
		{[]string{"help", "summaries"}, exitClean, "usage: refvet summaries"},
		{[]string{"help"}, exitClean, "Usage:"},
	} {
		cmd := exec.Command(bin, test.args...)
		cmd.Dir, cmd.Env = env.dir, env.env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			if _, ok := err.(*exec.ExitError); !ok {
				t.Fatal(err)
			}
		}
		if got := cmd.ProcessState.ExitCode(); got != test.status || !strings.Contains(stdout.String(), test.stdout) {
			t.Errorf("refvet %v: status %d, want %d\nstdout:\n%s\nstderr:\n%s\nwant stdout containing %q",
				test.args, got, test.status, stdout.String(), stderr.String(), test.stdout)
		}
	}
}
