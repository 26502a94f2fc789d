package crosscheck

import (
	"os"
	"strconv"
	"testing"

	"github.com/refvet/refvet/internal/testmod"
)

func envInt(t *testing.T, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%s=%q: %v", name, s, err)
	}
	return n
}

// TestCrossCheck runs a short seeded batch; REFVET_CROSSCHECK_N and REFVET_CROSSCHECK_SEED
// run a long one by hand (in batches of REFVET_CROSSCHECK_BATCH programs, one build each).
func TestCrossCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs generated programs")
	}
	n := envInt(t, "REFVET_CROSSCHECK_N", 40)
	seed := uint64(envInt(t, "REFVET_CROSSCHECK_SEED", 1))
	batch := envInt(t, "REFVET_CROSSCHECK_BATCH", 100)
	opt := CheckedOptions()
	root := testmod.Root(t)
	total := &Figures{}
	shown := 0
	for first := 0; first < n; first += batch {
		fig, progs := RunBatch(t, root, seed, first, min(batch, n-first), opt)
		total.add(fig)
		for _, d := range fig.Disagreements {
			if shown < envInt(t, "REFVET_CROSSCHECK_SHOW", 20) {
				shown++
				t.Errorf("seed %d: %v\n%s", seed, d, sourceOf(progs, d))
			}
		}
	}
	t.Logf("seed %d: %v", seed, total)
	if len(total.Disagreements) > shown {
		t.Errorf("%d more disagreements", len(total.Disagreements)-shown)
	}
}

func sourceOf(progs []*Prog, d Disagreement) string {
	for _, p := range progs {
		if p.Index != d.Prog {
			continue
		}
		for _, f := range p.Funcs {
			if f.Name == d.Fn {
				return FuncSource(p, f)
			}
		}
	}
	return ""
}

// TestTriage minimises disagreements of a batch, for triage by hand:
// REFVET_CROSSCHECK_TRIAGE=<how many> go test -run TestTriage -v ./internal/crosscheck
func TestTriage(t *testing.T) {
	k := envInt(t, "REFVET_CROSSCHECK_TRIAGE", 0)
	if k == 0 {
		t.Skip("set REFVET_CROSSCHECK_TRIAGE")
	}
	n := envInt(t, "REFVET_CROSSCHECK_N", 40)
	seed := uint64(envInt(t, "REFVET_CROSSCHECK_SEED", 1))
	skip := envInt(t, "REFVET_CROSSCHECK_SKIP", 0)
	root := testmod.Root(t)
	fig, progs := RunBatch(t, root, seed, 0, n, CheckedOptions())
	t.Logf("seed %d: %v", seed, fig)
	done := 0
	for i, d := range fig.Disagreements {
		if i < skip || d.Kind == "model" || d.Kind == "position" || d.Kind == "wrapper" || d.Kind == "unclassified" {
			continue
		}
		if done == k {
			break
		}
		done++
		var fn *Func
		for _, p := range progs {
			for _, f := range p.Funcs {
				if p.Index == d.Prog && f.Name == d.Fn {
					fn = f
				}
			}
		}
		p, f, md, err := Minimize(t, root, fn, d)
		if err != nil {
			t.Logf("#%d %v: %v", i, d, err)
			continue
		}
		t.Logf("#%d %v\nminimized: %v\n%s", i, d, md, FuncSource(p, f))
	}
}
