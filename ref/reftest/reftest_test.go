package reftest_test

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/refvet/refvet/ref"
	"github.com/refvet/refvet/ref/reftest"
)

// fakeT records what Check does to a test, so that a failure can be
// checked without failing this test.
type fakeT struct {
	testing.TB
	mu       sync.Mutex
	errs     []string
	cleanups []func()
}

func (f *fakeT) Helper() {}

func (f *fakeT) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errs = append(f.errs, fmt.Sprintf(format, args...))
}

func (f *fakeT) Logf(format string, args ...any) {}

func (f *fakeT) Cleanup(fn func()) { f.cleanups = append(f.cleanups, fn) }

func (f *fakeT) finish() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

func (f *fakeT) errors() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return strings.Join(f.errs, "\n")
}

type object struct{ c ref.Count }

//go:noinline
func doublePut(o *object, r *ref.Ref) {
	o.c.Put(r)
	o.c.Put(r)
}

func TestViolationFailsTest(t *testing.T) {
	if !ref.Debug {
		t.Skip("release builds see this double put only if the count underflows")
	}
	f := &fakeT{TB: t}
	reftest.Check(f)
	var o object
	var r, keep ref.Ref
	o.c.Get(&keep)
	o.c.Get(&r)
	doublePut(&o, &r) // no panic: reported to f
	o.c.Put(&keep)
	f.finish()
	got := f.errors()
	for _, want := range []string{"ref: PutNotHeld", "doublePut"} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
}

func TestUnderflowFailsTest(t *testing.T) {
	f := &fakeT{TB: t}
	reftest.Check(f)
	var o object
	var r ref.Ref
	o.c.Get(&r)
	doublePut(&o, &r)
	f.finish()
	want := "ref: Underflow"
	if ref.Debug {
		want = "ref: PutNotHeld"
	}
	if !strings.Contains(f.errors(), want) {
		t.Errorf("errors %q, want %q", f.errors(), want)
	}
}

//go:noinline
func leak() {
	o := new(object)
	var r ref.Ref
	o.c.Get(&r)
}

func TestLeakFailsTest(t *testing.T) {
	if !ref.Debug {
		t.Skip("leaks are only seen in refdebug builds")
	}
	f := &fakeT{TB: t}
	reftest.Check(f)
	leak()
	f.finish() // collects garbage and waits for the leak reports
	got := f.errors()
	for _, want := range []string{"ref: RefLeak", "ref: ObjectLeak", "reftest_test.leak"} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
}

// After the last Check ends, the reporter in place before is back.
func TestRestoresReporter(t *testing.T) {
	var seen []ref.Kind
	prev := ref.SetReporter(func(v *ref.Violation) { seen = append(seen, v.Kind) })
	defer func() { ref.SetReporter(prev) }()
	f := &fakeT{TB: t}
	reftest.Check(f)
	f.finish()
	var o object
	var r ref.Ref
	o.c.Put(&r)
	if len(seen) != 1 {
		t.Errorf("the previous reporter saw %v, want one violation", seen)
	}
}

// Parallel tests under Check do not interfere, and correct code fails none.
func TestParallelChecks(t *testing.T) {
	for i := range 4 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			reftest.Check(t)
			for range 100 {
				o := new(object)
				var r ref.Ref
				o.c.Get(&r)
				runtime.Gosched()
				if !o.c.Put(&r) {
					t.Error("the only put was not the last")
				}
			}
		})
	}
}
