// Package controlflow exercises unusual control flow: defers in loops, backwards goto, labeled
// continue out of nested loops, helpers that panic always or only sometimes, os.Exit helpers.
package controlflow

import (
	"fmt"
	"os"

	"github.com/refvet/refvet/ref"
)

type Page struct {
	refs ref.Count
	n    int
}

// must panics only when err != nil: it returns normally otherwise. Not a noreturn.
func must(err error) {
	if err != nil {
		panic(err)
	}
}

// fail always panics: a noreturn.
func fail(msg string) { panic("ctrl: " + msg) }

// die always exits.
func die(code int) {
	fmt.Fprintln(os.Stderr, "fatal")
	os.Exit(code)
}

// dief wraps die: noreturn through two levels.
func dief(format string, args ...any) { die(2) }

// sumDeferred takes a ref per iteration and puts it with a defer (runs at return). Correct
// for pairing: every ref is put at return. (Each iteration's r is a fresh variable.)
func sumDeferred(pages []*Page) int {
	s := 0
	for i := 0; i < len(pages); i++ {
		var r ref.Ref
		pages[i].refs.Get(&r)
		defer pages[i].refs.Put(&r)
		s += pages[i].n
	}
	return s
}

// gotoRetry retries with a backwards goto; the ref is put before each retry. Correct.
func gotoRetry(p *Page, tries int) bool {
	var r ref.Ref
retry:
	if !p.refs.TryGet(&r) {
		return false
	}
	if p.n < 0 && tries > 0 {
		tries--
		p.refs.Put(&r)
		goto retry
	}
	p.refs.Put(&r)
	return true
}

// gotoRetryBug forgets the put before retrying: the second TryGet finds r holding. Bug.
func gotoRetryBug(p *Page, tries int) bool {
	var r ref.Ref
retry:
	if !p.refs.TryGet(&r) { // want `r already holds a reference on p.refs`
		return false
	}
	if p.n < 0 && tries > 0 {
		tries--
		goto retry
	}
	p.refs.Put(&r)
	return true
}

// findPair uses a labeled continue out of the inner loop, putting first. Correct.
func findPair(rows [][]*Page, want int) int {
	found := 0
outer:
	for _, row := range rows {
		for _, p := range row {
			var r ref.Ref
			p.refs.Get(&r)
			if p.n == want {
				p.refs.Put(&r)
				found++
				continue outer
			}
			p.refs.Put(&r)
		}
	}
	return found
}

// findPairBug continues the outer loop while still holding. The ref is per-iteration: the
// next Get into it is into a fresh variable... but the leak at return is the reference not
// put. Bug: reported at the Get.
func findPairBug(rows [][]*Page, want int) int {
	found := 0
outer:
	for _, row := range rows {
		var r ref.Ref
		for _, p := range row {
			p.refs.Get(&r) // want `r leaks: the reference it takes on p.refs is still held at the return at line 116`
			if p.n == want {
				found++
				continue outer
			}
			p.refs.Put(&r)
		}
	}
	return found
}

// mustUse: a ref held where must may return normally is still held afterwards. Correct use.
func mustUse(p *Page, err error) int {
	var r ref.Ref
	p.refs.Get(&r)
	must(err)
	n := p.n
	p.refs.Put(&r)
	return n
}

// mustLeak: must returns normally when err == nil, so the ref leaks at the return. Bug.
func mustLeak(p *Page, err error) int {
	var r ref.Ref
	p.refs.Get(&r) // want `r leaks: the reference it takes on p.refs is still held at the return at line 135`
	if p.n < 0 {
		must(err)
		return 0
	}
	p.refs.Put(&r)
	return p.n
}

// failHolds: fail never returns, so holding r there is no leak. Correct.
func failHolds(p *Page) int {
	var r ref.Ref
	p.refs.Get(&r)
	if p.n < 0 {
		fail("negative")
	}
	defer p.refs.Put(&r)
	return p.n
}

// dieHolds: os.Exit in a helper, two levels deep. Correct.
func dieHolds(p *Page) int {
	var r ref.Ref
	p.refs.Get(&r)
	if p.n < 0 {
		dief("negative %d", p.n)
	}
	n := p.n
	p.refs.Put(&r)
	return n
}

// switchFallthrough puts once whichever case runs. Correct.
func switchFallthrough(p *Page, k int) int {
	var r ref.Ref
	p.refs.Get(&r)
	switch k {
	case 0:
		k++
		fallthrough
	case 1:
		k++
	default:
		k--
	}
	p.refs.Put(&r)
	return k
}

// loopBreak holds across a loop with break. Correct.
func loopBreak(p *Page, xs []int) int {
	var r ref.Ref
	p.refs.Get(&r)
	defer p.refs.Put(&r)
	s := 0
	for _, x := range xs {
		if x < 0 {
			break
		}
		s += x
	}
	return s
}

// rangeFunc iterates a range-over-func iterator with a ref held around it. Correct.
func rangeFunc(p *Page, seq func(func(int) bool)) int {
	var r ref.Ref
	p.refs.Get(&r)
	s := 0
	for x := range seq {
		if x < 0 {
			break
		}
		s += x
	}
	p.refs.Put(&r)
	return s
}

// rangeFuncEarly returns from inside a range-over-func loop while holding. Bug.
func rangeFuncEarly(p *Page, seq func(func(int) bool)) int {
	var r ref.Ref
	p.refs.Get(&r) // want `r leaks: the reference it takes on p.refs is still held at the return at line 217`
	for x := range seq {
		if x < 0 {
			return x
		}
	}
	p.refs.Put(&r)
	return 0
}

// recovered: a deferred recover; the ref is put by a defer registered before. Correct.
func recovered(p *Page, f func()) (err error) {
	var r ref.Ref
	p.refs.Get(&r)
	defer p.refs.Put(&r)
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("recovered: %v", v)
		}
	}()
	f()
	return nil
}
