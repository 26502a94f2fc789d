package analysistest_test

import (
	"fmt"
	"go/token"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	xtest "golang.org/x/tools/go/analysis/analysistest"

	"github.com/refvet/refvet/internal/suite"
	"github.com/refvet/refvet/internal/verdict"
)

// TestEverySinglePass runs the cross-pass corpus with all passes on and with each pass alone,
// and checks the promise of internal/verdict: the root causes do not depend on which passes
// run; with all passes on each cause gives one diagnostic; with one pass alone every cause
// that pass can describe is reported, once, by it; no pass reports anything that is not a
// cause routed to it.
func TestEverySinglePass(t *testing.T) {
	pkgs := corpusPackages(t)
	defer verdict.EnableAll()
	verdict.EnableAll()
	all := runProbe(t, pkgs)
	multi := 0
	for _, c := range all.causes {
		if len(passesOf(c.cause)) > 1 {
			multi++
		}
	}
	// The corpus must exercise the routing: causes that more than one pass can describe.
	if multi < 5 {
		t.Fatalf("only %d causes in the corpus have views of several passes; the test proves little", multi)
	}
	t.Logf("%d causes, %d of them describable by several passes", len(all.causes), multi)
	covered := map[string]bool{}
	for _, p := range verdict.Passes {
		verdict.Enable(p)
		alone := runProbe(t, pkgs)
		if got, want := alone.keys(), all.keys(); !reflect.DeepEqual(got, want) {
			t.Errorf("with %s alone the causes differ from those with every pass on:\n%s", p, diffLines(want, got))
		}
		for _, k := range alone.reported {
			covered[k] = true
		}
	}
	for _, c := range all.causes {
		if c.cause.Dropped() == "" && !covered[c.key] {
			t.Errorf("cause %s is reported by no single pass", c.key)
		}
	}
}

// probeRun is what one run of every pass found: the causes and, per package, the diagnostics.
type probeRun struct {
	causes   []keyedCause
	reported []string // the causes some diagnostic reported
}

type keyedCause struct {
	cause *verdict.Cause
	key   string
}

// runProbe runs every pass over pkgs, with the passes enabled as verdict says, and checks that
// the diagnostics are exactly the views the verdict routed: each routed view once, at its
// position, by its pass, and nothing else.
func runProbe(t *testing.T, pkgs []string) probeRun {
	t.Helper()
	var out probeRun
	rec := &recorder{}
	for _, r := range xtest.Run(rec, corpus, probe, pkgs...) {
		res, ok := r.Action.Result.(*verdict.Result)
		if !ok {
			continue
		}
		pkg := r.Action.Package.PkgPath
		got := map[string]int{}
		for _, dep := range r.Action.Deps {
			for _, d := range dep.Diagnostics {
				got[fmt.Sprintf("%s %s", dep.Analyzer.Name, position(r.Action.Package.Fset, d.Pos))]++
			}
		}
		for _, c := range res.Causes {
			key := causeKey(r.Action.Package.Fset, c)
			out.causes = append(out.causes, keyedCause{c, key})
			v, ok := c.Routed()
			if !ok {
				continue
			}
			k := fmt.Sprintf("%s %s", v.Pass, position(r.Action.Package.Fset, v.Pos))
			if got[k] == 0 {
				t.Errorf("%s: cause %s routed to %s is not reported", pkg, key, v.Pass)
				continue
			}
			got[k]--
			out.reported = append(out.reported, key)
		}
		for k, n := range got {
			if n > 0 {
				t.Errorf("%s: %d diagnostic(s) %s that no cause was routed to (enabled: %s)", pkg, n, k, enabledNames())
			}
		}
	}
	return out
}

// probe runs every pass and returns the verdict they reported from.
var probe = &analysis.Analyzer{
	Name:       "probe",
	Doc:        "run every refvet pass and return the verdict",
	Requires:   append([]*analysis.Analyzer{verdict.Analyzer}, suite.Analyzers()...),
	ResultType: reflect.TypeFor[*verdict.Result](),
	Run:        func(pass *analysis.Pass) (any, error) { return verdict.Of(pass), nil },
}

// recorder takes analysistest's complaints about `// want` comments, which only hold with
// every pass on: this test checks the routing instead.
type recorder struct{}

func (*recorder) Errorf(string, ...any) {}

func corpusPackages(t *testing.T) []string {
	ents, err := os.ReadDir(corpus + "/src")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if e.IsDir() && !strings.Contains(e.Name(), ".") {
			out = append(out, e.Name()+"/...")
		}
	}
	return out
}

func passesOf(c *verdict.Cause) []string {
	var out []string
	for _, v := range c.Views {
		if !slices.Contains(out, v.Pass) {
			out = append(out, v.Pass)
		}
	}
	return out
}

// causeKey identifies a cause across runs: its views' passes, positions and kinds.
func causeKey(fset *token.FileSet, c *verdict.Cause) string {
	var parts []string
	for _, v := range c.Views {
		f := "-"
		if v.Func != nil {
			f = v.Func.Fn.String()
		}
		parts = append(parts, fmt.Sprintf("%s@%s:%T:%s", v.Pass, position(fset, v.Pos), v.Detail, f))
		if _, isErr := v.Detail.(verdict.Error); isErr {
			break // an error's views differ only by pass
		}
	}
	return strings.Join(parts, " | ")
}

// keys lists the run's causes, less the unused ignores: whether an ignore suppresses anything
// can only be judged when its pass is on.
func (r probeRun) keys() []string {
	var out []string
	for _, c := range r.causes {
		if e, isErr := c.cause.Views[0].Detail.(verdict.Error); isErr && strings.Contains(e.Msg, "suppresses nothing") {
			continue
		}
		out = append(out, c.key)
	}
	slices.Sort(out)
	return out
}

func position(fset *token.FileSet, pos token.Pos) string { return fset.Position(pos).String() }

func enabledNames() string {
	var on []string
	for _, p := range verdict.Passes {
		if verdict.Enabled(p) {
			on = append(on, p)
		}
	}
	return strings.Join(on, ",")
}

func diffLines(want, got []string) string {
	var b strings.Builder
	for _, w := range want {
		if !slices.Contains(got, w) {
			fmt.Fprintf(&b, "- %s\n", w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			fmt.Fprintf(&b, "+ %s\n", g)
		}
	}
	return b.String()
}
