package crosscheck

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// wrappersSrc is package w of a batch: the object type, a holder of member refs, and wrappers
// whose summaries refvet reads from facts: always, on error, on a bool, on a non-nil result.
const wrappersSrc = `package w

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

// Obj is a tracked type with two counts.
type Obj struct {
	Users ref.Count
	Cnt   ref.Count
}

// Holder holds member refs.
type Holder struct {
	M0, M1 ref.Ref
}

// ErrFail is AcquireErr's failure.
var ErrFail = errors.New("w: failed")

func Acquire(o *Obj, r *ref.Ref)    { o.Users.Get(r) }
func AcquireCnt(o *Obj, r *ref.Ref) { o.Cnt.Get(r) }
func Release(o *Obj, r *ref.Ref)    { o.Users.Put(r) }
func ReleaseCnt(o *Obj, r *ref.Ref) { o.Cnt.Put(r) }

func MoveRef(o *Obj, dst, src *ref.Ref) { o.Users.Move(dst, src) }

func AcquireErr(o *Obj, r *ref.Ref, fail bool) error {
	if fail {
		return ErrFail
	}
	o.Users.Get(r)
	return nil
}

func AcquireOK(o *Obj, r *ref.Ref, ok bool) bool {
	if !ok {
		return false
	}
	o.Users.Get(r)
	return true
}

func AcquirePtr(o *Obj, r *ref.Ref, ok bool) *Obj {
	if !ok {
		return nil
	}
	o.Users.Get(r)
	return o
}
`

// runnerSrc is the main package of a batch, built with -tags refdebug. %s: imports, the
// function table. It runs every function on every input, records each violation with the
// generated file:line of its offending call (for leaks, where the ref took its reference),
// and after each function waits for the leak reports of the refs it left holding.
const runnerSrc = `package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/refvet/refvet/ref"

	"crosscheck.test/w"
%s)

type fn struct {
	prog  int
	name  string
	f     func(uint32, *w.Obj, *w.Obj, *w.Obj, *w.Holder)
	bits  int
	alive [3]int
}

var funcs = []fn{
%s}

var (
	mu          sync.Mutex
	quiet       bool
	cur         string
	out         = bufio.NewWriter(os.Stdout)
	leaks       []string
	objectLeaks int
)

// where finds the frame of s in a generated file pN/p.go.
func where(s ref.Stack) string {
	frames := runtime.CallersFrames(s.PCs)
	for {
		f, more := frames.Next()
		dir, base := filepath.Split(f.File)
		pkg := filepath.Base(dir)
		if base == "p.go" && strings.HasPrefix(pkg, "p") {
			if n, err := strconv.Atoi(pkg[1:]); err == nil {
				return fmt.Sprintf("%%d %%d", n, f.Line)
			}
		}
		if !more {
			return "-1 0"
		}
	}
}

func report(v *ref.Violation) {
	mu.Lock()
	defer mu.Unlock()
	switch v.Kind {
	case ref.ObjectLeak:
		objectLeaks++
		return
	case ref.RefLeak:
		// The reference was taken at Stacks[0]; if it was moved into this Ref, Stacks[1] is
		// the move, where SPEC reports the leak.
		s := v.Stacks[0]
		if len(v.Stacks) > 1 && strings.HasPrefix(v.Stacks[1].Label, "and moved") {
			s = v.Stacks[1]
		}
		leaks = append(leaks, where(s))
		return
	}
	if quiet {
		return
	}
	fmt.Fprintf(out, "V %%s %%v %%s\n", cur, v.Kind, where(v.Stacks[0]))
}

func main() {
	ref.SetReporter(report)
	for _, f := range funcs {
		expected := 0
		for in := uint32(0); in < 1<<f.bits; in++ {
			mu.Lock()
			cur = fmt.Sprintf("%%d %%s %%d", f.prog, f.name, in)
			mu.Unlock()
			expected += run(f, in)
		}
		deadline := time.Now().Add(20 * time.Second)
		for {
			runtime.GC()
			mu.Lock()
			n := len(leaks)
			mu.Unlock()
			if n >= expected || time.Now().After(deadline) {
				break
			}
			time.Sleep(time.Millisecond)
		}
		mu.Lock()
		for _, l := range leaks {
			fmt.Fprintf(out, "L %%d %%s %%s\n", f.prog, f.name, l)
		}
		fmt.Fprintf(out, "F %%d %%s %%d %%d\n", f.prog, f.name, expected, len(leaks))
		leaks = leaks[:0]
		mu.Unlock()
	}
	runtime.GC()
	time.Sleep(10 * time.Millisecond)
	mu.Lock()
	fmt.Fprintf(out, "Z %%d\n", len(leaks))
	out.Flush()
	mu.Unlock()
}

// run runs f on input in and returns how many references the function left held in refs
// that are gone: the leaks the collector will report.
func run(f fn, in uint32) int {
	o := new(w.Obj)
	var ou, oc ref.Ref
	o.Users.Get(&ou)
	o.Cnt.Get(&oc)
	var ts [3]*w.Obj
	var tu, tc [3]ref.Ref
	var alive [3]bool
	for j := 1; j < 3; j++ {
		ts[j] = new(w.Obj)
		if f.alive[j] >= 0 && in>>f.alive[j]&1 != 0 {
			alive[j] = true
			ts[j].Users.Get(&tu[j])
			ts[j].Cnt.Get(&tc[j])
		}
	}
	h := new(w.Holder)
	f.f(in, o, ts[1], ts[2], h)
	// Member refs belong to the holder, not to the function: drop what they hold, quietly.
	mu.Lock()
	quiet = true
	mu.Unlock()
	for _, m := range []*ref.Ref{&h.M0, &h.M1} {
		o.Users.Put(m)
		o.Cnt.Put(m)
	}
	mu.Lock()
	quiet = false
	mu.Unlock()
	n := o.Users.Refs() - 1 + o.Cnt.Refs() - 1
	o.Users.Put(&ou)
	o.Cnt.Put(&oc)
	for j := 1; j < 3; j++ {
		n += ts[j].Users.Refs() + ts[j].Cnt.Refs()
		if alive[j] {
			n -= 2
			ts[j].Users.Put(&tu[j])
			ts[j].Cnt.Put(&tc[j])
		}
	}
	return n
}
`

// writeBatch writes the generated packages, package w and the runner into dir.
func writeBatch(dir string, progs []*Prog) error {
	files := map[string][]byte{"w/w.go": []byte(wrappersSrc)}
	var imports, table strings.Builder
	for _, p := range progs {
		pkg := fmt.Sprintf("p%d", p.Index)
		files[pkg+"/p.go"] = p.Src
		fmt.Fprintf(&imports, "\t%s %q\n", pkg, modPath+"/"+pkg)
		for _, f := range p.Funcs {
			fmt.Fprintf(&table, "\t{%d, %q, %s.%s, %d, [3]int{-1, %d, %d}},\n",
				p.Index, f.Name, pkg, f.Name, f.NBits, f.AliveBit[objT1], f.AliveBit[objT2])
		}
	}
	files["cmd/run/main.go"] = fmt.Appendf(nil, runnerSrc, imports.String(), table.String())
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Event is one violation, at run time or predicted by the model: its ref.Kind name and the
// line in its program's file.
type Event struct {
	Kind string
	Line int
}

// runKey names one run: a function of a program on one input.
type runKey struct {
	Prog int
	Fn   string
	In   uint32
}

type fnKey struct {
	Prog int
	Fn   string
}

// RunOutput is what the runner printed.
type RunOutput struct {
	Violations map[runKey][]Event // in order
	Leaks      map[fnKey][]Event
	Expected   map[fnKey][2]int // leaks expected from the counts, leaks received
	Stray      int              // leak reports after the last function
	Problems   []string         // events outside the generated files, malformed lines
}

func parseRunOutput(data string) (*RunOutput, error) {
	out := &RunOutput{Violations: map[runKey][]Event{}, Leaks: map[fnKey][]Event{}, Expected: map[fnKey][2]int{}}
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	atoi := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil {
			out.Problems = append(out.Problems, "bad number "+s)
		}
		return n
	}
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		switch {
		case f[0] == "V" && len(f) == 7:
			// V prog fn in kind evprog line
			k := runKey{atoi(f[1]), f[2], uint32(atoi(f[3]))}
			if atoi(f[5]) != k.Prog {
				out.Problems = append(out.Problems, "violation outside its program: "+sc.Text())
			}
			out.Violations[k] = append(out.Violations[k], Event{f[4], atoi(f[6])})
		case f[0] == "L" && len(f) == 5:
			// L prog fn evprog line
			k := fnKey{atoi(f[1]), f[2]}
			if atoi(f[3]) != k.Prog {
				out.Problems = append(out.Problems, "leak outside its program: "+sc.Text())
			}
			out.Leaks[k] = append(out.Leaks[k], Event{"RefLeak", atoi(f[4])})
		case f[0] == "F" && len(f) == 5:
			out.Expected[fnKey{atoi(f[1]), f[2]}] = [2]int{atoi(f[3]), atoi(f[4])}
		case f[0] == "Z" && len(f) == 2:
			out.Stray = atoi(f[1])
		default:
			out.Problems = append(out.Problems, "unexpected line: "+sc.Text())
		}
	}
	return out, sc.Err()
}
