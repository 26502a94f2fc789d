//go:build refdebug && (amd64 || arm64)

package ref

import (
	"fmt"
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
			out = append(out, fmt.Sprintf("%s %s:%d", f.Function, f.File, f.Line))
		}
		if !more {
			return out
		}
	}
}

// Frame-pointer stacks name the same functions, files and lines as
// runtime.Callers ones.
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
	if !slices.Equal(got[0], got[1]) || !strings.HasPrefix(got[0][0], "github.com/refvet/refvet/ref.takeHere ") {
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

//go:noinline
func nest(n int, f func()) {
	if n == 0 {
		f()
		return
	}
	nest(n-1, f)
}

// The same on a stack deeper than maxDepth, with a closure, an inlined
// helper and a goroutine, so that the walk's end is checked too.
func TestUnwindersAgreeDeep(t *testing.T) {
	defer func(old bool) { useFP = old }(useFP)
	var got [2][]string
	for i, fp := range []bool{true, false} {
		useFP = fp
		done := make(chan struct{})
		go func() {
			defer close(done)
			nest(maxDepth+5, func() {
				var c Count
				var r Ref
				takeHere(&c, &r)
				got[i] = names(r.st.taken)
				c.Put(&r)
			})
		}()
		<-done
	}
	if !slices.Equal(got[0], got[1]) || len(got[0]) < maxDepth {
		t.Errorf("frame pointers: %q\nruntime.Callers: %q", got[0], got[1])
	}
}
