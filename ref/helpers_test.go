package ref_test

import (
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/refvet/refvet/ref"
)

// obj is a shared object with two counts, like the kernel's mm_struct.
type obj struct {
	users ref.Count
	count ref.Count
}

// collector replaces the reporter for one test, to look at violations
// instead of panicking.
type collector struct {
	mu sync.Mutex
	vs []*ref.Violation
}

func collect(t *testing.T) *collector {
	c := new(collector)
	prev := ref.SetReporter(c.add)
	t.Cleanup(func() { ref.SetReporter(prev) })
	return c
}

func (c *collector) add(v *ref.Violation) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.vs = append(c.vs, v)
}

func (c *collector) all() []*ref.Violation {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*ref.Violation(nil), c.vs...)
}

// only returns the single violation reported so far, failing unless
// there is exactly one and it is of kind k.
func (c *collector) only(t *testing.T, k ref.Kind) *ref.Violation {
	t.Helper()
	vs := c.all()
	if len(vs) != 1 || vs[0].Kind != k {
		t.Fatalf("want one %v violation, got %d: %v", k, len(vs), vs)
	}
	return vs[0]
}

// find returns the violation of kind k whose stacks name fn, so that leak
// tests are not confused by leaks from elsewhere in the process.
func (c *collector) find(k ref.Kind, fn string) *ref.Violation {
	for _, v := range c.all() {
		if v.Kind != k {
			continue
		}
		for _, s := range v.Stacks {
			if strings.HasSuffix(innermost(s), "."+fn) {
				return v
			}
		}
	}
	return nil
}

// innermost names the function at the top of s.
func innermost(s ref.Stack) string {
	f, _ := runtime.CallersFrames(s.PCs).Next()
	return f.Function
}

// wantTop checks that v's stack i starts in function fn.
func wantTop(t *testing.T, v *ref.Violation, i int, fn string) {
	t.Helper()
	if i >= len(v.Stacks) {
		t.Fatalf("%v: want stack %d in %s, have %d stacks", v.Kind, i, fn, len(v.Stacks))
	}
	if got := innermost(v.Stacks[i]); !strings.HasSuffix(got, "."+fn) {
		t.Errorf("%v: stack %d (%q) starts in %s, want %s\n%v", v.Kind, i, v.Stacks[i].Label, got, fn, v)
	}
}
