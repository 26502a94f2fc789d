package ignore

import "github.com/refvet/refvet/ref"

type MM struct{ users ref.Count }

type Cache struct {
	//refvet:ignore structmember the cache is flushed before any MM dies
	last *MM
	hot  *MM //refvet:ignore structmember same as last
}

type Task struct {
	mm    *MM
	mmRef ref.Ref
}

func (t *Task) peek(m *MM) {
	t.mm = m //refvet:ignore structmember cleared by the caller before it returns
}
