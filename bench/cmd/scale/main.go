// Command scale measures how refvet's engine grows with the size of one function. It writes a
// module with one generated package holding one function of a chosen shape and size, loads it
// with go/packages, runs refvet's passes over it with the go/analysis checker, and reports the
// time and memory spent analysing that package (loading and type-checking are not counted:
// they are the go/packages and go/types cost, measured separately as "load").
//
//	scale -kind branches -n 1000,3000,10000,30000,100000
//
// Each size runs in a child process of its own, so its peak RSS (from getrusage) is its own.
// At the end it fits time = a·blocks^k by least squares on the logs and prints k.
//
// Shapes (-kind):
//
//	branches  one ref held across n sequential ifs, each if taking and putting a second ref
//	          (2^n paths, 2n+2 blocks, 2 refs)
//	refs      n refs, each taken, held across an if, and put (2n+1 blocks, n refs)
//	loops     one ref held across n sequential loops, each taking and putting a second ref
//	switch    n sequential switches of 4 cases, with a ref taken in one case and put after
//	defers    n refs each taken and released by defer in its own closure called in place
package main

import (
	"github.com/refvet/refvet/internal/scalegen"

	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/suite"
)

type result struct {
	Kind      string  `json:"kind"`
	N         int     `json:"n"`
	Blocks    int     `json:"blocks"`
	LoadSec   float64 `json:"load_sec"`
	AnalSec   float64 `json:"analysis_sec"`
	SSASec    float64 `json:"ssa_sec"`      // building the package's SSA alone, as the engine does (x/tools go/ssa)
	AnalCPU   float64 `json:"analysis_cpu"` // process CPU time (user+sys, GC included) while analysing
	SSACPU    float64 `json:"ssa_cpu"`
	AllocMB   float64 `json:"alloc_mb"`  // bytes allocated while analysing the generated package
	MaxRSSMB  float64 `json:"maxrss_mb"` // peak RSS of the whole child process
	Diags     int     `json:"diags"`     // diagnostics on the generated package
	Internals int     `json:"internals"` // "internal error" diagnostics and analysis errors
	Error     string  `json:"error,omitempty"`
}

func main() {
	kind := flag.String("kind", "branches", "function shape: branches, refs, loops, switch, defers")
	ns := flag.String("n", "1000,3000,10000,30000,100000", "comma-separated sizes, in blocks (approximately)")
	child := flag.Bool("child", false, "internal: measure one size in this process")
	cpuprof := flag.String("cpuprofile", "", "child: write a CPU profile of the analysis")
	timeout := flag.Duration("timeout", 10*time.Minute, "give up on one size after this long")
	flag.Parse()
	log.SetFlags(0)
	if *child {
		n, _ := strconv.Atoi(*ns)
		r := measure(*kind, n, *cpuprof)
		json.NewEncoder(os.Stdout).Encode(r)
		return
	}
	var rs []result
	fmt.Printf("%-9s %7s %7s %8s %9s %8s %8s %9s %9s %9s %6s %4s\n", "kind", "n", "blocks", "load(s)", "wall(s)", "cpu(s)", "ssa.cpu", "rest.cpu", "alloc(MB)", "RSS(MB)", "diags", "ierr")
	for _, f := range strings.Split(*ns, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			log.Fatal(err)
		}
		args := []string{"-child", "-kind", *kind, "-n", strconv.Itoa(n)}
		if *cpuprof != "" {
			args = append(args, "-cpuprofile", fmt.Sprintf("%s.%s.%d", *cpuprof, *kind, n))
		}
		cmd := exec.Command(os.Args[0], args...)
		cmd.Stderr = os.Stderr
		var out bytes.Buffer
		cmd.Stdout = &out
		if err := cmd.Start(); err != nil {
			log.Fatal(err)
		}
		timer := time.AfterFunc(*timeout, func() { cmd.Process.Kill() })
		err = cmd.Wait()
		timer.Stop()
		var r result
		if err != nil {
			r = result{Kind: *kind, N: n, Error: err.Error()}
		} else if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			log.Fatalf("child output %q: %v", out.String(), err)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.MaxRSSMB = float64(ru.Maxrss) / 1024
		}
		fmt.Printf("%-9s %7d %7d %8.2f %9.3f %8.3f %8.3f %9.3f %9.1f %9.1f %6d %4d %s\n", r.Kind, r.N, r.Blocks, r.LoadSec, r.AnalSec, r.AnalCPU, r.SSACPU, r.AnalCPU-r.SSACPU, r.AllocMB, r.MaxRSSMB, r.Diags, r.Internals, r.Error)
		if r.Error != "" {
			break // bigger sizes will not do better
		}
		rs = append(rs, r)
	}
	if len(rs) >= 2 {
		var xs, ts, ss, es, ms, rss []float64
		for _, r := range rs {
			xs = append(xs, float64(r.Blocks))
			ts = append(ts, r.AnalCPU)
			ss = append(ss, r.SSACPU)
			es = append(es, max(r.AnalCPU-r.SSACPU, 1e-3))
			ms = append(ms, r.AllocMB)
			rss = append(rss, r.MaxRSSMB)
		}
		var local []string
		for i := 1; i < len(rs); i++ {
			local = append(local, fmt.Sprintf("%.2f", slope(xs[i-1:i+1], ts[i-1:i+1])))
		}
		fmt.Printf("local k of analysis CPU between successive sizes: %s\n", strings.Join(local, " "))
		fmt.Printf("fit %s (%d sizes, %d..%d blocks): CPU time ~ blocks^k with k = %.3f (analysis), %.3f (go/ssa alone), %.3f (analysis minus go/ssa); allocation k = %.3f; peak RSS k = %.3f\n",
			*kind, len(rs), rs[0].Blocks, rs[len(rs)-1].Blocks, slope(xs, ts), slope(xs, ss), slope(xs, es), slope(xs, ms), slope(xs, rss))
	}
}

// slope is the least-squares slope of log(y) against log(x).
func slope(xs, ys []float64) float64 {
	var sx, sy, sxx, sxy float64
	for i := range xs {
		x, y := math.Log(xs[i]), math.Log(ys[i])
		sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
	}
	n := float64(len(xs))
	return (n*sxy - sx*sy) / (n*sxx - sx*sx)
}

func measure(kind string, n int, cpuprof string) result {
	r := result{Kind: kind, N: n}
	dir, err := os.MkdirTemp("", "refvet-scale-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	src, blocks, ok := scalegen.Source("scale", kind, n)
	if !ok {
		log.Fatalf("unknown -kind %q", kind)
	}
	r.Blocks = blocks
	root := refvetRoot()
	write(filepath.Join(dir, "go.mod"), fmt.Sprintf("module example.com/scale\n\ngo 1.26.0\n\nrequire github.com/refvet/refvet v0.0.0\n\nreplace github.com/refvet/refvet => %s\n", root))
	if sum, err := os.ReadFile(filepath.Join(root, "go.sum")); err == nil {
		write(filepath.Join(dir, "go.sum"), string(sum))
	}
	write(filepath.Join(dir, "big.go"), src)

	t0 := time.Now()
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: dir}, "example.com/scale")
	if err != nil {
		log.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		log.Fatal("generated package does not load")
	}
	r.LoadSec = time.Since(t0).Seconds()

	// The SSA construction alone, built the way the engine builds it, to separate the cost of
	// x/tools' go/ssa (lifting in particular) from refvet's own dataflow.
	t1, c1 := time.Now(), cpuTime()
	buildSSA(pkgs[0])
	r.SSASec, r.SSACPU = time.Since(t1).Seconds(), cpuTime()-c1
	runtime.GC()

	// Time only the generated package's passes: the checker also runs them over the
	// dependencies (the ref library and the standard library, which the fast path skips).
	var spent time.Duration
	var spentCPU float64
	var alloc uint64
	var stop func()
	var analyzers []*analysis.Analyzer
	seen := map[*analysis.Analyzer]bool{}
	var wrap func(a *analysis.Analyzer)
	wrap = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, req := range a.Requires {
			wrap(req)
		}
		run := a.Run
		a.Run = func(pass *analysis.Pass) (any, error) {
			if pass.Pkg.Path() != "example.com/scale" {
				return run(pass)
			}
			if cpuprof != "" && stop == nil {
				f, err := os.Create(cpuprof)
				if err != nil {
					log.Fatal(err)
				}
				pprof.StartCPUProfile(f)
				stop = func() { pprof.StopCPUProfile(); f.Close() }
			}
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			t, c := time.Now(), cpuTime()
			res, err := run(pass)
			spent += time.Since(t)
			spentCPU += cpuTime() - c
			runtime.ReadMemStats(&m1)
			alloc += m1.TotalAlloc - m0.TotalAlloc
			return res, err
		}
	}
	for _, a := range suite.Analyzers() {
		wrap(a)
		analyzers = append(analyzers, a)
	}
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if stop != nil {
		stop()
	}
	if err != nil {
		r.Error = err.Error()
		return r
	}
	for act := range graph.All() {
		if act.Package.PkgPath != "example.com/scale" {
			continue
		}
		if act.Err != nil {
			r.Internals++
			r.Error = act.Err.Error()
		}
		for _, d := range act.Diagnostics {
			r.Diags++
			if strings.Contains(d.Message, "internal error") {
				r.Internals++
			}
		}
	}
	r.AnalSec, r.AnalCPU = spent.Seconds(), spentCPU
	r.AllocMB = float64(alloc) / (1 << 20)
	return r
}

// buildSSA mirrors refstate's buildSSA: GlobalDebug, the direct imports created from types.
func buildSSA(p *packages.Package) {
	prog := ssa.NewProgram(p.Fset, ssa.GlobalDebug)
	for _, q := range p.Types.Imports() {
		prog.CreatePackage(q, nil, nil, true)
	}
	prog.CreatePackage(p.Types, p.Syntax, p.TypesInfo, false).Build()
}

// cpuTime is the CPU time (user+sys) this process has used, in seconds.
func cpuTime() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

func write(name, data string) {
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		log.Fatal(err)
	}
}

// refvetRoot is the refvet checkout: the parent of this bench module.
func refvetRoot() string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/refvet/refvet").Output()
	if err != nil {
		log.Fatalf("go list -m github.com/refvet/refvet (run from the bench module): %v", err)
	}
	return strings.TrimSpace(string(out))
}
