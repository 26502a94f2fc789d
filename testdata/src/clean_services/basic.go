package clean_services

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/refvet/refvet/ref"
)

func deferPut(m *MM) int {
	var r ref.Ref
	m.users.Get(&r)
	defer m.users.Put(&r)
	return m.size()
}

func explicitPut(m *MM) int {
	var r ref.Ref
	m.users.Get(&r)
	n := m.size()
	m.users.Put(&r)
	return n
}

func earlyReturns(m *MM, a, b bool) (int, error) {
	var r ref.Ref
	m.users.Get(&r)
	if a {
		m.users.Put(&r)
		return 0, errors.New("a")
	}
	if b {
		m.users.Put(&r)
		return 1, nil
	}
	m.users.Put(&r)
	return 2, nil
}

func bothCounts(m *MM) {
	var u, c ref.Ref
	m.users.Get(&u)
	m.count.Get(&c)
	defer m.count.Put(&c)
	defer m.users.Put(&u)
	_ = m.size()
}

func tryGetIf(m *MM) bool {
	var r ref.Ref
	if !m.users.TryGet(&r) {
		return false
	}
	defer m.users.Put(&r)
	return m.size() > 0
}

func tryGetElse(m *MM) int {
	var r ref.Ref
	if m.users.TryGet(&r) {
		n := m.size()
		m.users.Put(&r)
		return n
	} else {
		return -1
	}
}

func tryGetVar(m *MM) int {
	var r ref.Ref
	ok := m.users.TryGet(&r)
	if !ok {
		return 0
	}
	n := m.size()
	m.users.Put(&r)
	return n
}

func tryGetRetry(ms []*MM) *MM {
	for _, m := range ms {
		var r ref.Ref
		if m.users.TryGet(&r) {
			m.users.Put(&r)
			return m
		}
	}
	return nil
}

// tryGetOrCreate returns an mm with the caller's reference in r.
func tryGetOrCreate(m *MM, r *ref.Ref) *MM {
	if m != nil && m.users.TryGet(r) {
		return m
	}
	return NewMM("fresh", r)
}

func constructAndDrop() int {
	var r ref.Ref
	m := NewMM("x", &r)
	defer m.Drop(&r)
	return m.size()
}

func constructAndReturn(r *ref.Ref) *MM {
	m := NewMM("y", r)
	m.pages = append(m.pages, 1)
	return m
}

func deferClosure(m *MM) (err error) {
	var r ref.Ref
	m.users.Get(&r)
	defer func() {
		m.users.Put(&r)
		if err != nil {
			err = fmt.Errorf("mm %s: %w", m.name, err)
		}
	}()
	if m.size() == 0 {
		return io.EOF
	}
	return nil
}

func closureInPlace(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	func() {
		defer m.users.Put(&r)
		_ = m.size()
	}()
}

func moveLocal(m *MM) {
	var a, b ref.Ref
	m.users.Get(&a)
	m.users.Move(&b, &a)
	m.users.Put(&b)
}

func moveBack(m *MM) {
	var a, b ref.Ref
	m.users.Get(&a)
	m.users.Move(&b, &a)
	m.users.Move(&a, &b)
	m.users.Put(&a)
}

func reuseRef(m, n *MM) {
	var r ref.Ref
	m.users.Get(&r)
	m.users.Put(&r)
	n.users.Get(&r)
	n.users.Put(&r)
}

func newRefLocal(m *MM) int {
	r := new(ref.Ref)
	m.users.Get(r)
	defer m.users.Put(r)
	return m.size()
}

func openFile(m *MM, path string) error {
	var r ref.Ref
	m.users.Get(&r)
	defer m.users.Put(&r)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open: %w", err)
	}
	defer f.Close()
	_, err = io.Copy(io.Discard, f)
	return err
}

func panicHolds(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	if m.size() < 0 {
		panic("negative size")
	}
	m.users.Put(&r)
}

func lastPutFrees(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	if last := m.users.Put(&r); last {
		m.pages = nil
	}
}

func namedResultDefer(m *MM) (n int, err error) {
	var r ref.Ref
	m.users.Get(&r)
	defer m.users.Put(&r)
	n = m.size()
	if n == 0 {
		err = io.ErrUnexpectedEOF
	}
	return
}

func refsForLog(m *MM) string {
	var r ref.Ref
	m.users.Get(&r)
	s := fmt.Sprintf("%s: %d refs", m.name, m.users.Refs())
	m.users.Put(&r)
	return s
}
