package generic

import "github.com/refvet/refvet/ref"

type MM struct{ users ref.Count }

type Pool[T any] struct{ items []T }

func (p *Pool[T]) Add(x T) { p.items = append(p.items, x) }

func Use[T any](m *MM, x T) T {
	var r ref.Ref
	m.users.Get(&r) // want `r leaks`
	return x
}

func UseClean[T any](m *MM, x T) T {
	var r ref.Ref
	m.users.Get(&r)
	defer m.users.Put(&r)
	return x
}

func pool(m *MM) {
	var p Pool[*MM]
	p.Add(m)
	_ = Use(m, 1)
}
