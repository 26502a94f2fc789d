package flow

import "github.com/refvet/refvet/ref"

type MM struct {
	users ref.Count
	count ref.Count
	name  string
}

func work(m *MM) bool { return m.name != "" }

func switchLeak(m *MM, k int) int {
	var r ref.Ref
	m.users.Get(&r) // want `r leaks: the reference it takes on m.users is still held at the return at line 20`
	switch k {
	case 0:
		m.users.Put(&r)
	case 1:
		return 1
	default:
		m.users.Put(&r)
	}
	return 0
}

func switchClean(m *MM, k int) int {
	var r ref.Ref
	m.users.Get(&r)
	switch k {
	case 0:
		m.users.Put(&r)
		return 1
	case 1:
		fallthrough
	default:
		m.users.Put(&r)
	}
	return 0
}

func selectLeak(m *MM, a, b chan int) {
	var r ref.Ref
	m.users.Get(&r) // want `r leaks`
	select {
	case <-a:
		m.users.Put(&r)
	case <-b:
	}
}

func selectClean(m *MM, a, b chan int) {
	var r ref.Ref
	m.users.Get(&r)
	select {
	case <-a:
	case <-b:
	}
	m.users.Put(&r)
}

func gotoClean(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	if work(m) {
		goto out
	}
	println("busy")
out:
	m.users.Put(&r)
}

func gotoLeak(m *MM) {
	var r ref.Ref
	m.users.Get(&r) // want `r leaks`
	if work(m) {
		goto out
	}
	m.users.Put(&r)
out:
}

func loopContinueLeak(ms []*MM) {
	for _, m := range ms {
		var r ref.Ref
		m.users.Get(&r) // want `r leaks`
		if work(m) {
			continue
		}
		m.users.Put(&r)
	}
}

func loopClean(ms []*MM) {
	for _, m := range ms {
		var r ref.Ref
		m.users.Get(&r)
		if work(m) {
			m.users.Put(&r)
			continue
		}
		m.users.Put(&r)
	}
}

func labeledBreak(ms [][]*MM) {
outer:
	for _, row := range ms {
		for _, m := range row {
			var r ref.Ref
			m.users.Get(&r)
			if work(m) {
				m.users.Put(&r)
				break outer
			}
			m.users.Put(&r)
		}
	}
}

func labeledBreakLeak(ms [][]*MM) {
outer:
	for _, row := range ms {
		for _, m := range row {
			var r ref.Ref
			m.users.Get(&r) // want `r leaks`
			if work(m) {
				break outer
			}
			m.users.Put(&r)
		}
	}
}

func deferInLoop(ms []*MM) {
	for _, m := range ms {
		var r ref.Ref
		m.users.Get(&r)
		defer m.users.Put(&r)
	}
}

func deferredClosure(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	defer func() {
		m.users.Put(&r)
	}()
	println("work")
}

func deferAndExplicitPut(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	defer m.users.Put(&r) // want `Put of r on m.users, but r holds nothing here: it was already put at line 156`
	m.users.Put(&r)
}

func twoCounts(m *MM) {
	var users, count ref.Ref
	m.users.Get(&users)
	m.count.Get(&count)
	m.count.Put(&count)
	m.users.Put(&users)
}

func twoCountsSwapped(m *MM) {
	var users, count ref.Ref
	m.users.Get(&users)
	m.count.Get(&count)
	m.users.Put(&count) // want `Put of count on m.users, but count holds a reference on m.count`
	m.count.Put(&users) // want `Put of users on m.count, but users holds a reference on m.users`
}

func conditionalCorrelated(m *MM, c bool) {
	var r ref.Ref
	if c {
		m.users.Get(&r)
	}
	println("work")
	if c {
		m.users.Put(&r)
	}
}

func fatalPath(m *MM, t interface{ Fatal(...any) }) {
	var r ref.Ref
	m.users.Get(&r)
	if !work(m) {
		panic("no work")
	}
	m.users.Put(&r)
}

func goroutineEscape(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	go func() {
		defer m.users.Put(&r)
	}()
}

func heapEscape(m *MM, holder *struct{ r *ref.Ref }) {
	var r ref.Ref
	m.users.Get(&r)
	holder.r = &r
}

func newRef(m *MM) {
	r := new(ref.Ref)
	m.users.Get(r) // want `r leaks`
}

func ignored(m *MM) {
	var r ref.Ref
	m.users.Get(&r) //refvet:ignore pairing handed to the C side, which puts it
}

// deferredTwice registers two deferred puts of r: the later runs first, on users, and the
// earlier then finds r empty (defers run last registered first).
func deferredTwice(m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	defer m.count.Put(&r) // want `Put of r on m.count, but r holds nothing here: it was already put at line 225`
	defer m.users.Put(&r)
}
