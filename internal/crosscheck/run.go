package crosscheck

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/refvet/refvet/internal/testmod"
)

// RunBatch generates programs first..first+n-1 of seed, builds and runs them under
// -tags refdebug (one build for the batch), analyses them (one load for the batch), and
// compares. The programs are returned for reporting.
func RunBatch(t testing.TB, root string, seed uint64, first, n int, opt Options) (*Figures, []*Prog) {
	t.Helper()
	var progs []*Prog
	for i := first; i < first+n; i++ {
		progs = append(progs, Generate(seed, i, opt))
	}
	out, findings := runBoth(t, root, progs)
	fig := compare(progs, out, findings)
	for _, p := range out.Problems {
		fig.Disagreements = append(fig.Disagreements, Disagreement{Kind: "model", Prog: -1, Detail: p})
	}
	if out.Stray != 0 {
		fig.Disagreements = append(fig.Disagreements, Disagreement{Kind: "model", Prog: -1,
			Detail: fmt.Sprintf("%d leak reports after the last function", out.Stray)})
	}
	return fig, progs
}

// runBoth writes progs as a module requiring refvet at root, runs them under refdebug and
// analyses them with the refvet suite: the two halves' outputs.
func runBoth(t testing.TB, root string, progs []*Prog) (*RunOutput, []Finding) {
	t.Helper()
	stage := t.TempDir()
	if err := writeBatch(stage, progs); err != nil {
		t.Fatal(err)
	}
	dir := testmod.New(t, root, stage, modPath)
	out, err := buildAndRun(dir)
	if err != nil {
		t.Fatal(err)
	}
	findings, err := analyze(dir, testmod.Env(), progs)
	if err != nil {
		t.Fatal(err)
	}
	return out, findings
}

func buildAndRun(dir string) (*RunOutput, error) {
	bin := filepath.Join(dir, "run.bin")
	build := exec.Command("go", "build", "-tags", "refdebug", "-o", bin, "./cmd/run")
	build.Dir, build.Env = dir, testmod.Env()
	if b, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build: %v\n%s", err, b)
	}
	run := exec.Command(bin)
	run.Dir = dir
	var stderr strings.Builder
	run.Stderr = &stderr
	b, err := run.Output()
	if err != nil {
		return nil, fmt.Errorf("runner: %v\n%s", err, stderr.String())
	}
	return parseRunOutput(string(b))
}

// FuncSource returns fn's lines of p's file, numbered, for reports.
func FuncSource(p *Prog, fn *Func) string {
	lines := strings.Split(string(p.Src), "\n")
	var b strings.Builder
	for ln := fn.FirstLine; ln <= fn.LastLine && ln <= len(lines); ln++ {
		fmt.Fprintf(&b, "%4d  %s\n", ln, lines[ln-1])
	}
	return b.String()
}
