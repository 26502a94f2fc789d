//go:build refdebug && amd64

package ref

import (
	"runtime"
	"slices"
	"strings"
	"testing"
)

//go:noinline
func takeHere(c *Count, r *Ref) { c.Get(r) }

func names(s *stack) []string {
	var out []string
	frames := runtime.CallersFrames(s.pcs)
	for {
		f, more := frames.Next()
		// runtime.Callers elides wrappers such as go statements' gowrapN.
		if !strings.Contains(f.Function, ".gowrap") {
			out = append(out, f.Function)
		}
		if !more {
			return out
		}
	}
}

// Frame-pointer stacks name the same functions as runtime.Callers ones.
func TestUnwindersAgree(t *testing.T) {
	defer func(old bool) { useFP = old }(useFP)
	var got [2][]string
	for i, fp := range []bool{true, false} {
		useFP = fp
		var c Count
		var r Ref
		takeHere(&c, &r)
		got[i] = names(r.st.taken)
		c.Put(&r)
	}
	if !slices.Equal(got[0], got[1]) || got[0][0] != "github.com/refvet/refvet/ref.takeHere" {
		t.Errorf("frame pointers: %q\nruntime.Callers: %q", got[0], got[1])
	}
}

// One copy of each distinct stack.
func TestDepotInterns(t *testing.T) {
	var stacks []*stack
	for range 3 {
		var c Count
		var r Ref
		takeHere(&c, &r)
		stacks = append(stacks, r.st.taken)
		c.Put(&r)
	}
	if stacks[0] != stacks[1] || stacks[1] != stacks[2] {
		t.Error("the same stack was stored more than once")
	}
}
