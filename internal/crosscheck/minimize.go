package crosscheck

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/refvet/refvet/internal/testmod"
)

// A checker analyses single-function programs quickly, for minimising: one module, rewritten
// for each attempt, loaded with syntax for the generated packages only (the findings are the
// same as with LoadAllSyntax: the summaries refvet needs are those of package w).
type oneChecker struct {
	dir string
}

func newOneChecker(t testing.TB, root string) *oneChecker {
	stage := t.TempDir()
	if err := writeBatch(stage, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(stage, "cmd/run/main.go")); err != nil {
		t.Fatal(err)
	}
	return &oneChecker{dir: testmod.New(t, root, stage, modPath)}
}

// single makes a program of fn alone, as F0 of p0, with body.
func single(fn *Func, body []*Stmt) (*Prog, *Func) {
	f := *fn
	f.Name, f.Body = "F0", body
	p := &Prog{Index: 0, Funcs: []*Func{&f}}
	emit(p)
	return p, &f
}

// check compares fn, with the model standing in for the runtime.
func (c *oneChecker) check(p *Prog) (*Figures, error) {
	path := filepath.Join(c.dir, "p0/p.go")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, p.Src, 0o644); err != nil {
		return nil, err
	}
	findings, err := analyzeMode(c.dir, testmod.Env(), []*Prog{p}, packages.LoadSyntax)
	if err != nil {
		return nil, err
	}
	return compare([]*Prog{p}, modelOutput(p), findings), nil
}

// modelOutput is what the runner would print for p, by the model.
func modelOutput(p *Prog) *RunOutput {
	out := &RunOutput{Violations: map[runKey][]Event{}, Leaks: map[fnKey][]Event{}, Expected: map[fnKey][2]int{}}
	for _, fn := range p.Funcs {
		for in := uint32(0); in < 1<<fn.NBits; in++ {
			for _, e := range simulate(fn, in, runtimeMode) {
				if e.Leak {
					k := fnKey{p.Index, fn.Name}
					out.Leaks[k] = append(out.Leaks[k], Event{e.Kind, e.Seen})
				} else {
					k := runKey{p.Index, fn.Name, in}
					out.Violations[k] = append(out.Violations[k], Event{e.Kind, e.Seen})
				}
			}
		}
	}
	return out
}

// Minimize reduces fn, which shows disagreement d, to a smaller function that shows a
// disagreement of the same kind about the same operation.
func Minimize(t testing.TB, root string, fn *Func, d Disagreement) (*Prog, *Func, Disagreement, error) {
	c := newOneChecker(t, root)
	fn = cloneFunc(fn)
	var target *Op
	walk(fn.Body, func(s *Stmt) {
		if s.Op != nil && s.Op.Line == d.Line {
			target = s.Op
		}
	})
	if target == nil {
		return nil, nil, d, fmt.Errorf("no operation at line %d", d.Line)
	}
	holds := func(body []*Stmt) (*Prog, *Func, Disagreement, bool) {
		p, f := single(fn, body)
		fig, err := c.check(p)
		if err != nil {
			t.Logf("minimize: %v", err)
			return nil, nil, d, false
		}
		for _, x := range fig.Disagreements {
			if x.Kind == d.Kind && x.What == d.What && x.Line == target.Line {
				return p, f, x, true
			}
		}
		return nil, nil, d, false
	}
	body := fn.Body
	bp, bf, bd, ok := holds(body)
	if !ok {
		return nil, nil, d, fmt.Errorf("%v does not reproduce on the function alone", d)
	}
	for k := 0; k < countStmts(body); {
		changed := false
		for _, action := range []int{actDelete, actHoist} {
			cand, ok := rebuild(body, k, action)
			if !ok {
				continue
			}
			if p, f, x, ok := holds(cand); ok {
				body, bp, bf, bd, changed = cand, p, f, x, true
				break
			}
		}
		if !changed {
			k++
		}
	}
	// Leave positions as in the minimized program.
	single(fn, body)
	return bp, bf, bd, nil
}

const (
	actDelete = iota
	actHoist
)

func countStmts(list []*Stmt) int {
	n := 0
	walk(list, func(*Stmt) { n++ })
	return n
}

// rebuild returns a copy of list with statement k (in walk order) deleted or replaced by its
// children; ok is false if the action does not apply.
func rebuild(list []*Stmt, k int, action int) ([]*Stmt, bool) {
	n := 0
	var rec func(list []*Stmt) ([]*Stmt, bool)
	rec = func(list []*Stmt) ([]*Stmt, bool) {
		for i, s := range list {
			if n == k {
				var repl []*Stmt
				switch {
				case s.Pinned:
					return nil, false
				case action == actDelete:
				case s.Kind == SIf || s.Kind == SClosure:
					repl = append(append(repl, s.Then...), s.Else...)
				case s.Kind == SSwitch:
					for _, c := range s.Cases {
						repl = append(repl, c...)
					}
				case s.Kind == SDefer && s.Op == nil:
					repl = s.Then
				default:
					return nil, false
				}
				out := append(append(append([]*Stmt(nil), list[:i]...), repl...), list[i+1:]...)
				return out, true
			}
			n++
			c := *s
			changed := false
			try := func(sub []*Stmt) []*Stmt {
				if changed {
					return sub
				}
				r, ok := rec(sub)
				if ok {
					changed = true
					return r
				}
				return sub
			}
			c.Then = try(s.Then)
			c.Else = try(s.Else)
			for j := range c.Cases {
				c.Cases[j] = try(s.Cases[j])
			}
			if changed {
				return append(append(append([]*Stmt(nil), list[:i]...), &c), list[i+1:]...), true
			}
		}
		return list, false
	}
	return rec(list)
}

// cloneFunc copies fn deeply, so that emitting the copy leaves fn's positions alone.
func cloneFunc(fn *Func) *Func {
	f := *fn
	f.Refs = append([]RefVar(nil), fn.Refs...)
	f.Body = cloneList(fn.Body)
	return &f
}

func cloneList(list []*Stmt) []*Stmt {
	var out []*Stmt
	for _, s := range list {
		c := *s
		if s.Op != nil {
			op := *s.Op
			c.Op = &op
		}
		c.Then, c.Else = cloneList(s.Then), cloneList(s.Else)
		for i := range c.Cases {
			c.Cases[i] = cloneList(s.Cases[i])
		}
		c.LoopLocals = append([]int(nil), s.LoopLocals...)
		out = append(out, &c)
	}
	return out
}
