package clean_services

import (
	"context"
	"errors"
	"time"

	"github.com/refvet/refvet/ref"
)

func switchPut(m *MM, op int) int {
	var r ref.Ref
	m.users.Get(&r)
	switch op {
	case 0:
		m.users.Put(&r)
		return 0
	case 1, 2:
		n := m.size()
		m.users.Put(&r)
		return n
	default:
	}
	m.users.Put(&r)
	return -1
}

func switchFallthrough(m *MM, op int) int {
	var r ref.Ref
	m.users.Get(&r)
	n := 0
	switch op {
	case 0:
		n++
		fallthrough
	case 1:
		n += m.size()
	}
	m.users.Put(&r)
	return n
}

func typeSwitch(v any, m *MM) string {
	var r ref.Ref
	m.users.Get(&r)
	defer m.users.Put(&r)
	switch x := v.(type) {
	case string:
		return x
	case error:
		return x.Error()
	case nil:
		return ""
	default:
		return m.name
	}
}

func selectPut(ctx context.Context, m *MM, ch <-chan int) (int, error) {
	var r ref.Ref
	m.users.Get(&r)
	select {
	case <-ctx.Done():
		m.users.Put(&r)
		return 0, ctx.Err()
	case v := <-ch:
		m.users.Put(&r)
		return v, nil
	case <-time.After(time.Second):
	}
	m.users.Put(&r)
	return 0, errors.New("timeout")
}

func labeledLoop(grid [][]*MM) int {
	total := 0
outer:
	for _, row := range grid {
		for _, m := range row {
			if m == nil {
				continue outer
			}
			var r ref.Ref
			if !m.users.TryGet(&r) {
				break outer
			}
			total += m.size()
			m.users.Put(&r)
		}
	}
	return total
}

func loopDeferClosure(ms []*MM) int {
	total := 0
	for _, m := range ms {
		func() {
			var r ref.Ref
			m.users.Get(&r)
			defer m.users.Put(&r)
			total += m.size()
		}()
	}
	return total
}

func loopGetThenPutAll(ms []*MM) int {
	refs := make([]ref.Ref, len(ms))
	for i, m := range ms {
		m.users.Get(&refs[i])
	}
	n := 0
	for i, m := range ms {
		n += m.size()
		m.users.Put(&refs[i])
	}
	return n
}

func gotoCleanup(m *MM, a, b bool) error {
	var r ref.Ref
	var err error
	m.users.Get(&r)
	if a {
		err = errors.New("a")
		goto out
	}
	if b {
		err = errors.New("b")
		goto out
	}
	_ = m.size()
out:
	m.users.Put(&r)
	return err
}

func condGetCondPut(m *MM, need bool) int {
	var r ref.Ref
	if need {
		m.users.Get(&r)
	}
	n := m.size()
	if need {
		m.users.Put(&r)
	}
	return n
}

func heldFlag(m *MM) int {
	var r ref.Ref
	held := m.users.TryGet(&r)
	n := 0
	if held {
		n = m.size()
	}
	if held {
		m.users.Put(&r)
	}
	return n
}

func forRetry(m *MM, tries int) bool {
	for i := 0; i < tries; i++ {
		var r ref.Ref
		if m.users.TryGet(&r) {
			m.users.Put(&r)
			return true
		}
		time.Sleep(time.Millisecond)
	}
	return false
}

func whileHeld(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	for m.size() > 10 {
		m.pages = m.pages[1:]
	}
	m.users.Put(&r)
}

func errorCheckChain(m *MM, steps []func() error) error {
	var r ref.Ref
	m.users.Get(&r)
	defer m.users.Put(&r)
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	return nil
}

func recoverPut(m *MM, f func()) (err error) {
	var r ref.Ref
	m.users.Get(&r)
	defer func() {
		if p := recover(); p != nil {
			err = errors.New("panicked")
		}
		m.users.Put(&r)
	}()
	f()
	return nil
}
