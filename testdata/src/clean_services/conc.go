package clean_services

import (
	"context"
	"sync"

	"github.com/refvet/refvet/ref"
)

// goroutineOwnRef: each goroutine takes and puts its own reference.
func goroutineOwnRef(m *MM, n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var r ref.Ref
			m.users.Get(&r)
			defer m.users.Put(&r)
			_ = m.size()
		}()
	}
	wg.Wait()
}

// goroutineHandOff: the parent takes, the goroutine puts.
func goroutineHandOff(m *MM, done chan<- struct{}) {
	var r ref.Ref
	m.users.Get(&r)
	go func() {
		defer close(done)
		_ = m.size()
		m.users.Put(&r)
	}()
}

// msg carries a reference to another goroutine.
type msg struct {
	mm    *MM
	mmRef ref.Ref
}

func send(ch chan<- *msg, m *MM, r *ref.Ref) {
	x := &msg{mm: m}
	m.users.Move(&x.mmRef, r)
	ch <- x
}

func receive(ch <-chan *msg) int {
	x := <-ch
	n := x.mm.size()
	x.mm.users.Put(&x.mmRef)
	return n
}

func sendFresh(ch chan<- *msg, m *MM) {
	var r ref.Ref
	m.users.Get(&r)
	send(ch, m, &r)
}

func worker(ctx context.Context, in <-chan *msg, out chan<- int) {
	for {
		select {
		case <-ctx.Done():
			return
		case x, ok := <-in:
			if !ok {
				return
			}
			out <- x.mm.size()
			x.mm.users.Put(&x.mmRef)
		}
	}
}

func errgroupish(ms []*MM) []int {
	res := make([]int, len(ms))
	var wg sync.WaitGroup
	for i, m := range ms {
		var r ref.Ref
		m.users.Get(&r)
		wg.Add(1)
		go func(i int, r *ref.Ref) {
			defer wg.Done()
			res[i] = m.size()
			m.users.Put(r)
		}(i, &r)
	}
	wg.Wait()
	return res
}

func onceInit(once *sync.Once, m *MM, t *Task) {
	once.Do(func() {
		m.users.Get(&t.mmRef)
		t.mm = m
	})
}

func lockedPut(mu *sync.Mutex, m *MM) {
	var r ref.Ref
	mu.Lock()
	m.users.Get(&r)
	mu.Unlock()
	defer m.users.Put(&r)
	_ = m.size()
}
