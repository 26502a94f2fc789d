// Package reftest makes misuse of references fail tests.
//
// One call at the top of a test is enough:
//
//	func TestTask(t *testing.T) {
//		reftest.Check(t)
//		...
//	}
//
// In refdebug builds (go test -tags refdebug) every violation the ref
// package detects during the test fails it, with its stacks: double puts,
// wrong-count puts, bad moves, gets on dead objects, and leaks of Refs and
// objects that became unreachable before the test ended. In release builds
// only Underflow, a put that drops a count below zero, can be detected;
// Check still catches that.
package reftest

import (
	"sync"
	"testing"
	"time"

	"github.com/refvet/refvet/ref"
	"github.com/refvet/refvet/ref/internal/settle"
)

// settleTimeout bounds the wait for leak reports at the end of a test.
const settleTimeout = 10 * time.Second

// Check makes every violation reported while t runs fail t, through
// t.Errorf, instead of panicking; the offending operation is then skipped
// (see ref.SetReporter) and the test goes on. When t ends, Check collects
// garbage and waits until every cleanup the runtime queued has run, so a
// Ref or object that is unreachable by then and still holds a reference
// fails t too. That wait is skipped in release builds, which cannot see
// leaks.
//
// The reporter is global to the process, and a violation carries no
// trace of the test that caused it, so Check does not guess: while
// several tests under Check run at once (t.Parallel), each violation is
// reported to all of them, saying so. Run a test that leaks alone to know
// it is the culprit. Leaks found after the last checked test ended, and
// violations when none runs, go to the reporter that was in place before
// the first Check, by default ref.DefaultReporter. Check is safe to call
// from parallel tests.
func Check(t testing.TB) {
	t.Helper()
	active.add(t)
	t.Cleanup(func() {
		if ref.Debug && !settle.Settle(settleTimeout) {
			t.Logf("reftest: cleanups still running after %v: leak reports may be missing", settleTimeout)
		}
		active.remove(t)
	})
}

// active routes violations to the tests running under Check.
var active router

type router struct {
	mu    sync.Mutex
	tests []testing.TB
	prev  func(*ref.Violation)
}

func (rt *router) add(t testing.TB) {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	if len(rt.tests) == 0 {
		rt.prev = ref.SetReporter(rt.report)
	}
	rt.tests = append(rt.tests, t)
}

func (rt *router) remove(t testing.TB) {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	for i, x := range rt.tests {
		if x == t {
			rt.tests = append(rt.tests[:i], rt.tests[i+1:]...)
			break
		}
	}
	if len(rt.tests) == 0 {
		ref.SetReporter(rt.prev)
		rt.prev = nil
	}
}

// report holds the lock while it calls Errorf, so that no test gets a
// report after its Cleanup removed it, when Errorf would panic.
func (rt *router) report(v *ref.Violation) {
	rt.mu.Lock()
	if len(rt.tests) == 0 {
		// Swapped out but still called by a violation already under way.
		rt.mu.Unlock()
		ref.DefaultReporter(v)
		return
	}
	defer rt.mu.Unlock()
	note := ""
	if len(rt.tests) > 1 {
		note = "\n(reftest: reported to each of the tests running under Check at once; it may be another's)"
	}
	for _, t := range rt.tests {
		t.Errorf("%v%s", v, note)
	}
}
