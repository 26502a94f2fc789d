// Package tricky holds correct code that looks suspicious: pairing must stay silent on all of
// it, except where a want comment says otherwise.
package tricky

import (
	"errors"
	"io"
	"log"
	"os"
	"sync"

	"github.com/refvet/refvet/ref"
)

type MM struct {
	users ref.Count
	mu    sync.Mutex
	ok    bool
}

func open(m *MM, r *ref.Ref) error {
	if !m.ok {
		return io.EOF
	}
	m.users.Get(r)
	return nil
}

func retryUntilTaken(m *MM) {
	var r ref.Ref
	for !m.users.TryGet(&r) {
		println("retry")
	}
	m.users.Put(&r)
}

func switchOnErr(m *MM) error {
	var r ref.Ref
	err := open(m, &r)
	switch {
	case errors.Is(err, io.EOF):
		return nil
	case err != nil:
		return err
	}
	defer m.users.Put(&r)
	return nil
}

func lastPut(m *MM) bool {
	var r ref.Ref
	m.users.Get(&r)
	last := m.users.Put(&r)
	return last
}

func recoverDefer(m *MM) (err error) {
	var r ref.Ref
	m.users.Get(&r)
	defer m.users.Put(&r)
	defer func() {
		if v := recover(); v != nil {
			err = errors.New("recovered")
		}
	}()
	println("work")
	return nil
}

func exits(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	if !m.ok {
		log.Fatal("no mm")
	}
	if m.users.Refs() > 10 {
		os.Exit(2)
	}
	m.users.Put(&r)
}

func lockedSection(m *MM) {
	var r ref.Ref
	m.mu.Lock()
	m.users.Get(&r)
	m.mu.Unlock()
	defer m.users.Put(&r)
}

func closureVar(m *MM) {
	var r ref.Ref
	get := func() { m.users.Get(&r) }
	put := func() { m.users.Put(&r) }
	get()
	put()
}

func twoRefsOneCount(m *MM) {
	var a, b ref.Ref
	m.users.Get(&a)
	m.users.Get(&b)
	m.users.Put(&b)
	m.users.Put(&a)
}

type holder struct {
	r ref.Ref
}

func localStructRef(m *MM) {
	var h holder
	m.users.Get(&h.r)
	m.users.Put(&h.r)
}

func refsInSlice(m *MM, rs []ref.Ref) {
	for i := range rs {
		m.users.Get(&rs[i])
	}
}

func conditionalOnEarlierTest(m *MM, verbose bool) {
	var r ref.Ref
	if verbose {
		m.users.Get(&r)
		println("pinned for logging")
	}
	println("work")
	if verbose {
		m.users.Put(&r)
	}
}

func selectLoop(m *MM, done, tick chan struct{}) {
	for {
		var r ref.Ref
		m.users.Get(&r)
		select {
		case <-done:
			m.users.Put(&r)
			return
		case <-tick:
		}
		m.users.Put(&r)
	}
}

func selectLoopLeak(m *MM, done, tick chan struct{}) {
	for {
		var r ref.Ref
		m.users.Get(&r) // want `r leaks: the reference it takes on m.users is still held at the return at line 154`
		select {
		case <-done:
			return
		case <-tick:
		}
		m.users.Put(&r)
	}
}

type entry struct {
	obj    *MM
	objRef ref.Ref
}

func putEachMember(es map[string]*entry) {
	for _, e := range es {
		if e.obj != nil {
			e.obj.users.Put(&e.objRef)
			e.obj = nil
		}
	}
}

func refOutsideLoop(ms []*MM) int {
	var r ref.Ref
	n := 0
	for _, m := range ms {
		if !m.users.TryGet(&r) { // want `r already holds a reference on m.users`
			continue
		}
		if m.ok {
			continue
		}
		n++
		m.users.Put(&r)
	}
	return n
}
