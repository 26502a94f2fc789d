package refstate

import (
	"fmt"
	"hash/fnv"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/testmod"
)

// The dataflow must reach the same fixpoint whatever order it visits the blocks in: join is a
// lattice join and the transfer functions are monotone, so round-robin iteration in any order
// that starts from the entry ends at the least fixpoint. TestOrderIndependence checks it on
// every function of every testdata corpus: the engine's full result (every event's states,
// every return's states, every summary, every internal error) is the same in reverse
// postorder (the default), in postorder (its reverse: every forward edge goes backwards, so a
// block is usually visited before its predecessors settle) and in seeded random orders.

// corpora are the GOPATH-style testdata trees of the repository.
func corpora(t *testing.T) []string {
	t.Helper()
	dirs := []string{filepath.Join("..", "..", "testdata")}
	passes, err := filepath.Glob(filepath.Join("..", "..", "passes", "*", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, passes...)
	dirs = append(dirs, "testdata")
	var out []string
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "src")); err == nil {
			abs, err := filepath.Abs(d)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, abs)
		}
	}
	return out
}

// analyzeCorpus runs refstate over pkgs with the blocks visited in the given order (nil: the
// default) and renders the result of every function.
func analyzeCorpus(t *testing.T, pkgs []*packages.Package, order func(*ssa.Function, []*ssa.BasicBlock) []*ssa.BasicBlock) map[string]string {
	t.Helper()
	visitOrder = order
	defer func() { visitOrder = nil }()
	res, err := checker.Analyze([]*analysis.Analyzer{Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for act := range res.All() {
		if act.Analyzer != Analyzer {
			continue
		}
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		r, ok := act.Result.(*Result)
		if !ok {
			continue // a dependency outside the corpus, run for its facts only
		}
		for _, f := range r.Funcs {
			out[f.Fn.String()] = dumpFunc(f)
		}
		for _, e := range r.Errors {
			out[e.Fn.String()] = "internal error: " + strings.SplitN(e.Msg, "\n", 2)[0]
		}
	}
	return out
}

// dumpFunc renders everything the engine computed for f, with no pointers in it.
func dumpFunc(f *Func) string {
	var b strings.Builder
	for _, e := range f.Ran() {
		fmt.Fprintf(&b, "site %d %v: dst %s src %s\n", e.Site.ID, e.Site.Op, dumpState(e.DstBefore), dumpState(e.SrcBefore))
	}
	for _, rs := range f.Returns {
		fmt.Fprintf(&b, "return in block %d:", rs.Return.Block().Index)
		for id, s := range rs.Locs {
			if s != (State{}) {
				fmt.Fprintf(&b, " %d=%s", id, dumpState(s))
			}
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "summary %v\n", f.Summary)
	return b.String()
}

func dumpState(s State) string {
	if s == (State{}) {
		return "-"
	}
	if s.Unknown {
		return "unknown"
	}
	g := "none"
	if s.Guard.set() {
		g = fmt.Sprintf("%s#%d/%d/%b/%s/%v", s.Guard.call.Name(), s.Guard.idx, s.Guard.when, s.Guard.otherwise, valName(s.Guard.cell), s.Guard.release)
	}
	return fmt.Sprintf("{cases %06b take %d gone %d pend %d guard %s ptr %03b unbacked %v orphan %v}",
		s.Cases, s.Take, s.Gone, s.Pend, g, s.Ptr, slices.Collect(s.UnbackedStores()), slices.Collect(s.OrphanStores()))
}

func valName(v ssa.Value) string {
	if v == nil {
		return ""
	}
	return v.Name()
}

// postorder visits every block after its successors (but the back edges' ones).
func postorder(_ *ssa.Function, rpo []*ssa.BasicBlock) []*ssa.BasicBlock {
	out := slices.Clone(rpo)
	slices.Reverse(out)
	return out
}

// shuffled returns an order that is a permutation of rpo drawn from seed and the function's
// name, so that it does not depend on which goroutine analyses which package first.
func shuffled(seed uint64) func(*ssa.Function, []*ssa.BasicBlock) []*ssa.BasicBlock {
	return func(fn *ssa.Function, rpo []*ssa.BasicBlock) []*ssa.BasicBlock {
		h := fnv.New64a()
		h.Write([]byte(fn.String()))
		r := rand.New(rand.NewPCG(seed, h.Sum64()))
		out := slices.Clone(rpo)
		r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		return out
	}
}

func TestOrderIndependence(t *testing.T) {
	if testing.Short() {
		t.Skip("loads every corpus")
	}
	orders := []struct {
		name  string
		order func(*ssa.Function, []*ssa.BasicBlock) []*ssa.BasicBlock
	}{
		{"postorder", postorder},
		{"random1", shuffled(1)},
		{"random2", shuffled(2)},
		{"random3", shuffled(3)},
	}
	for _, dir := range corpora(t) {
		t.Run(filepath.Base(filepath.Dir(dir))+"/"+filepath.Base(dir), func(t *testing.T) {
			pkgs := testmod.LoadGOPATH(t, dir)
			want := analyzeCorpus(t, pkgs, nil)
			if len(want) == 0 {
				t.Fatal("no functions analysed")
			}
			for _, o := range orders {
				got := analyzeCorpus(t, pkgs, o.order)
				diffs := 0
				for _, fn := range slices.Sorted(maps.Keys(want)) {
					if got[fn] != want[fn] && diffs < 10 {
						diffs++
						t.Errorf("%s: %s differs from reverse postorder:\n%s", o.name, fn, lineDiff(want[fn], got[fn]))
					}
				}
				if len(got) != len(want) {
					t.Errorf("%s: %d functions, reverse postorder %d", o.name, len(got), len(want))
				}
			}
			t.Logf("%d functions, %d orders", len(want), len(orders)+1)
		})
	}
}

// lineDiff shows the lines of want and got that differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := range max(len(w), len(g)) {
		var x, y string
		if i < len(w) {
			x = w[i]
		}
		if i < len(g) {
			y = g[i]
		}
		if x != y {
			fmt.Fprintf(&b, "  rpo:   %s\n  other: %s\n", x, y)
		}
	}
	return b.String()
}
