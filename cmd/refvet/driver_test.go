package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/suite"
)

// fakeAnalyzer reports each call to a function named leak, with a fix that calls fixed
// instead and a related position at leak's declaration, and each call to unfixable, without
// a fix. It lets the driver be tested apart from refvet's passes.
func fakeAnalyzer() *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "fake",
		Doc:  "report calls to leak\n\nThe fake pass exists for the driver's tests.",
		Run: func(pass *analysis.Pass) (any, error) {
			for _, file := range pass.Files {
				ast.Inspect(file, func(n ast.Node) bool {
					if call, ok := n.(*ast.CallExpr); ok {
						reportCall(pass, call)
					}
					return true
				})
			}
			return nil, nil
		},
	}
}

func reportCall(pass *analysis.Pass, call *ast.CallExpr) {
	id, ok := call.Fun.(*ast.Ident)
	if !ok {
		return
	}
	switch id.Name {
	case "leak":
		decl := pass.TypesInfo.Uses[id].Pos()
		pass.Report(analysis.Diagnostic{
			Pos: call.Pos(), End: call.End(), Message: "call to leak",
			Related: []analysis.RelatedInformation{{Pos: decl, Message: "leak declared here"}},
			SuggestedFixes: []analysis.SuggestedFix{{
				Message:   "call fixed instead",
				TextEdits: []analysis.TextEdit{{Pos: id.Pos(), End: id.End(), NewText: []byte("fixed")}},
			}},
		})
	case "unfixable":
		pass.Reportf(call.Pos(), "call to unfixable")
	}
}

// panicky is a pass with a bug.
func panicky() *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "panicky",
		Doc:  "panic",
		Run:  func(*analysis.Pass) (any, error) { panic("boom") },
	}
}

// copyModule copies the testdata module into a temporary directory, so that -fix can change it.
func copyModule(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

type outcome struct {
	status         int
	stdout, stderr string
}

func runDriver(t *testing.T, dir string, analyzers []*analysis.Analyzer, args ...string) outcome {
	t.Helper()
	var stdout, stderr bytes.Buffer
	status := runIn(&options{dir: dir}, args, &stdout, &stderr, analyzers)
	return outcome{status, stdout.String(), stderr.String()}
}

func TestExitStatus(t *testing.T) {
	dir := copyModule(t, "testdata/driver")
	for _, test := range []struct {
		args   []string
		status int
		stdout string // substring of stdout
		stderr string // substring of stderr
	}{
		{[]string{"./clean"}, exitClean, "", ""},
		{[]string{"./findings"}, exitFindings, "", "findings/findings.go:8:2: call to leak (fake)\n\t"},
		{[]string{"-c=0", "./findings"}, exitFindings, "", "findings.go:8:2: call to leak (fake)\n8\t\tleak()\n"},
		{[]string{"./broken"}, exitErrors, "", "broken/broken.go:4:9: cannot use \"not an int\""},
		{[]string{"./nosuch/..."}, exitErrors, "", "nosuch"},
		{[]string{"-json", "./findings"}, exitClean, `"fake": [`, ""},
		{[]string{"-format=json", "./clean"}, exitClean, "{}", ""},
		{[]string{"-format=sarif", "./findings"}, exitClean, `"ruleId": "fake"`, ""},
		{[]string{"-format=github", "./findings"}, exitFindings, "::error file=", ""},
		{[]string{"-fake=false", "./findings"}, exitClean, "", ""},
		{[]string{"-fake", "./findings"}, exitFindings, "", "call to leak"},
		{[]string{"-bogus", "./clean"}, exitErrors, "", "flag provided but not defined: -bogus"},
		{[]string{"-format=xml", "./clean"}, exitErrors, "", `unknown -format "xml"`},
		{[]string{"-diff", "./clean"}, exitErrors, "", "-diff needs -fix"},
		{[]string{"-valuemode.counted=bad", "./clean"}, exitErrors, "", `-valuemode.counted: bad entry "bad": want importpath.Type`},
		{[]string{"-valuemode.owned=example.com/p.F:sometimes", "./clean"}, exitErrors, "", `bad entry "example.com/p.F:sometimes": condition "sometimes"`},
		{[]string{"-valuemode=false", "-valuemode=true", "./clean"}, exitClean, "", ""},
		{nil, exitErrors, "", "Usage:"},
		{[]string{"-h"}, exitClean, "Usage:", ""},
		{[]string{"help"}, exitClean, "fake          report calls to leak", ""},
		{[]string{"help", "fake"}, exitClean, "The fake pass exists", ""},
		{[]string{"help", "nope"}, exitErrors, "", `no pass named "nope"`},
	} {
		t.Run(strings.Join(test.args, " "), func(t *testing.T) {
			got := runDriver(t, dir, []*analysis.Analyzer{fakeAnalyzer()}, test.args...)
			if got.status != test.status || !strings.Contains(got.stdout, test.stdout) || !strings.Contains(got.stderr, test.stderr) {
				t.Errorf("refvet %v: status %d, want %d\nstdout:\n%s\nstderr:\n%s\nwant stdout containing %q, stderr containing %q",
					test.args, got.status, test.status, got.stdout, got.stderr, test.stdout, test.stderr)
			}
		})
	}
}

// A file of a package with tests is analysed twice, as part of p and of p [p.test]; each
// finding must still be reported once.
func TestTestVariantsReportOnce(t *testing.T) {
	got := runDriver(t, copyModule(t, "testdata/driver"), []*analysis.Analyzer{fakeAnalyzer()}, "./findings")
	if n := strings.Count(got.stderr, "call to leak"); n != 1 {
		t.Errorf("finding reported %d times, want once:\n%s", n, got.stderr)
	}
}

func TestJSONSchema(t *testing.T) {
	got := runDriver(t, copyModule(t, "testdata/driver"), []*analysis.Analyzer{fakeAnalyzer()}, "-test=false", "-json", "./findings")
	var tree map[string]map[string][]struct {
		Posn           string
		Message        string
		SuggestedFixes []struct{ Message string } `json:"suggested_fixes"`
		Related        []struct{ Message string }
	}
	if err := json.Unmarshal([]byte(got.stdout), &tree); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, got.stdout)
	}
	diags := tree["example.com/driver/findings"]["fake"]
	if len(diags) != 2 || !strings.HasSuffix(diags[0].Posn, "findings.go:8:2") ||
		diags[0].SuggestedFixes[0].Message != "call fixed instead" || diags[0].Related[0].Message != "leak declared here" {
		t.Errorf("unexpected JSON:\n%s", got.stdout)
	}
}

func TestPanicIsAnError(t *testing.T) {
	analyzers := []*analysis.Analyzer{panicky()}
	guardPanics(analyzers)
	got := runDriver(t, copyModule(t, "testdata/driver"), analyzers, "./clean")
	if got.status != exitErrors || !strings.Contains(got.stderr, "internal error: pass panicky panicked on package example.com/driver/clean: boom") ||
		strings.Contains(got.stderr, "goroutine ") {
		t.Errorf("status %d, stderr:\n%s", got.status, got.stderr)
	}
}

func TestFix(t *testing.T) {
	dir := copyModule(t, "testdata/driver")
	got := runDriver(t, dir, []*analysis.Analyzer{fakeAnalyzer()}, "-fix", "./findings")
	// The fixed finding is gone; the unfixable one is still reported.
	if got.status != exitFindings || strings.Contains(got.stderr, "call to leak") || !strings.Contains(got.stderr, "call to unfixable") {
		t.Errorf("status %d, stderr:\n%s", got.status, got.stderr)
	}
	src, err := os.ReadFile(filepath.Join(dir, "findings/findings.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "\tfixed()\n\tunfixable()\n") {
		t.Errorf("fix not applied once and formatted:\n%s", src)
	}
}

func TestFixDiff(t *testing.T) {
	dir := copyModule(t, "testdata/driver")
	got := runDriver(t, dir, []*analysis.Analyzer{fakeAnalyzer()}, "-fix", "-diff", "./findings")
	const want = `@@ -5,6 +5,6 @@
 func unfixable() {}
 
 func F() {
-	leak()
+	fixed()
 	unfixable()
 }
`
	if got.status != exitFindings || !strings.Contains(got.stdout, want) || !strings.Contains(got.stderr, "call to unfixable") {
		t.Errorf("status %d, stdout:\n%s\nstderr:\n%s", got.status, got.stdout, got.stderr)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "findings/findings.go"))
	if !strings.Contains(string(src), "\tleak()\n") {
		t.Errorf("-diff changed the file:\n%s", src)
	}
}

func TestVetProtocol(t *testing.T) {
	for args, want := range map[string]bool{
		"-V=full":                    true,
		"-flags":                     true,
		"--flags":                    true,
		"-json -pairing=false x.cfg": true,
		"./...":                      false,
		"-json ./...":                false,
		"help pairing":               false,
		"./... -V=full":              false, // after a package pattern, not a flag
	} {
		if got := vetProtocol(strings.Fields(args)); got != want {
			t.Errorf("vetProtocol(%q) = %v, want %v", args, got, want)
		}
	}
}

// TestHelpPrintsManual checks that `refvet help <pass>` prints the pass's whole manual (its
// doc.go), led by its one-line summary, and `refvet help` the summaries.
func TestHelpPrintsManual(t *testing.T) {
	for _, a := range suite.Analyzers() {
		got := runDriver(t, ".", suite.Analyzers(), "help", a.Name)
		summary, _, _ := strings.Cut(a.Doc, "\n")
		if got.status != exitClean || !strings.HasPrefix(got.stdout, a.Name+": "+summary+"\n") ||
			!strings.Contains(got.stdout, strings.TrimSpace(a.Doc)) || !strings.Contains(got.stdout, "Bad:") || strings.Count(got.stdout, "\n") < 20 {
			t.Errorf("refvet help %s: status %d, output:\n%s", a.Name, got.status, got.stdout)
		}
		if all := runDriver(t, ".", suite.Analyzers(), "help"); !strings.Contains(all.stdout, fmt.Sprintf("%-13s %s", a.Name, summary)) {
			t.Errorf("refvet help does not list %s with its summary %q:\n%s", a.Name, summary, all.stdout)
		}
	}
}

// TestVetPasses checks that the passes a go vet invocation enables are read from its -NAME
// flags by the standalone command's rule, so that the verdict routes root causes to them.
func TestVetPasses(t *testing.T) {
	all := suite.Analyzers()
	for args, want := range map[string]string{
		"x.cfg":                            "pairing ownerparam structmember moveref",
		"-pairing=false x.cfg":             "ownerparam structmember moveref",
		"-moveref -json x.cfg":             "moveref",
		"--ownerparam=true -pairing x.cfg": "pairing ownerparam",
		"-pairing=nonsense x.cfg":          "pairing ownerparam structmember moveref",
	} {
		var got []string
		for _, a := range vetPasses(strings.Fields(args), all) {
			got = append(got, a.Name)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("vetPasses(%q) = %v, want %s", args, got, want)
		}
	}
}
