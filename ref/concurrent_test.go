package ref_test

import (
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/refvet/refvet/ref"
	"github.com/refvet/refvet/ref/reftest"
)

// A message hands a reference from one goroutine to another: the sender
// moves its on-stack reference into the message, the receiver puts it.
type message struct {
	mm    *obj
	mmRef ref.Ref
}

func TestHandOff(t *testing.T) {
	reftest.Check(t)
	mm := new(obj)
	var anchor ref.Ref
	mm.users.Get(&anchor)

	const senders, each = 4, 200
	ch := make(chan *message)
	var lasts atomic.Int32
	var recv sync.WaitGroup
	for range 2 {
		recv.Go(func() {
			for m := range ch {
				if m.mm.users.Put(&m.mmRef) {
					lasts.Add(1)
				}
			}
		})
	}
	var send sync.WaitGroup
	for range senders {
		send.Go(func() {
			for range each {
				var r ref.Ref
				mm.users.Get(&r)
				m := &message{mm: mm}
				mm.users.Move(&m.mmRef, &r)
				ch <- m
			}
		})
	}
	send.Wait()
	close(ch)
	recv.Wait()
	if lasts.Load() != 0 {
		t.Error("a receiver's put was the last while the anchor was held")
	}
	if got := mm.users.Refs(); got != 1 {
		t.Errorf("Refs = %d, want 1", got)
	}
	if !mm.users.Put(&anchor) {
		t.Error("the anchor's put was not the last")
	}
}

// modelObj is an object of the model test with what the model knows of
// it: how many references it believes are held, and how often a Put said
// it was the last.
type modelObj struct {
	c      ref.Count
	mortal bool
	held   atomic.Int32
	lasts  atomic.Int32
}

type slot struct {
	o *modelObj
	r ref.Ref
}

type modelMsg struct {
	o *modelObj
	r ref.Ref
}

// TestModel runs goroutines doing random Get, TryGet, Put and Move,
// handing references to each other, against objects that are either kept
// alive by an anchor or left to die when their last holder puts. In
// refdebug builds any slip of the bookkeeping is also a violation, which
// fails the test through reftest.Check.
func TestModel(t *testing.T) {
	reftest.Check(t)
	const workers, slots, objects = 6, 6, 8
	ops := 3000
	if testing.Short() {
		ops = 300
	}
	seed := rand.Uint64()
	t.Logf("seed %d", seed)

	objs := make([]*modelObj, objects)
	anchors := make([]ref.Ref, objects)
	for i := range objs {
		objs[i] = &modelObj{mortal: i%2 == 1}
		objs[i].c.Get(&anchors[i])
		objs[i].held.Add(1)
	}
	inbox := make([]chan *modelMsg, workers)
	for i := range inbox {
		inbox[i] = make(chan *modelMsg, 8)
	}
	w := make([]*worker, workers)
	for i := range w {
		w[i] = &worker{t: t, rng: rand.New(rand.NewPCG(seed, uint64(i))), objs: objs, inbox: inbox, me: i}
		w[i].slots = make([]slot, slots)
		// Mortal objects start with one reference per worker and no anchor.
		for _, o := range objs {
			if o.mortal {
				w[i].take(o)
			}
		}
	}
	for i, o := range objs {
		if o.mortal {
			o.c.Put(&anchors[i])
			o.held.Add(-1)
		}
	}
	var wg sync.WaitGroup
	for _, wk := range w {
		wg.Go(func() { wk.run(ops) })
	}
	wg.Wait()

	// Quiescent: the model must agree with the counts exactly.
	for i, o := range objs {
		if got, want := o.c.Refs(), int(o.held.Load()); got != want {
			t.Errorf("object %d: Refs = %d, model says %d", i, got, want)
		}
	}
	for _, wk := range w {
		wk.drop()
	}
	for i := range inbox {
		close(inbox[i])
		for m := range inbox[i] {
			w[0].put(m.o, &m.r)
		}
	}
	for i, o := range objs {
		if !o.mortal {
			w[0].put(o, &anchors[i])
		}
		if o.c.Refs() != 0 || o.lasts.Load() != 1 {
			t.Errorf("object %d: Refs = %d, %d lasts; want 0 and 1", i, o.c.Refs(), o.lasts.Load())
		}
	}
}

type worker struct {
	t     *testing.T
	rng   *rand.Rand
	objs  []*modelObj
	slots []slot
	inbox []chan *modelMsg
	me    int
}

func (w *worker) run(ops int) {
	for range ops {
		w.receive()
		s := &w.slots[w.rng.IntN(len(w.slots))]
		if s.o == nil {
			w.acquire(s)
			continue
		}
		switch w.rng.IntN(3) {
		case 0:
			w.put(s.o, &s.r)
			s.o = nil
		case 1:
			w.move(s)
		case 2:
			w.send(s)
		}
	}
}

// acquire takes a reference into the empty slot s: Get where the object is
// known to be alive, TryGet otherwise.
func (w *worker) acquire(s *slot) {
	o := w.objs[w.rng.IntN(len(w.objs))]
	if !o.mortal || w.holds(o) {
		o.held.Add(1)
		o.c.Get(&s.r)
		s.o = o
		return
	}
	dead := o.lasts.Load() > 0
	o.held.Add(1)
	if o.c.TryGet(&s.r) {
		if dead {
			w.t.Error("TryGet succeeded on an object already dead")
		}
		s.o = o
		return
	}
	o.held.Add(-1)
}

func (w *worker) holds(o *modelObj) bool {
	for i := range w.slots {
		if w.slots[i].o == o {
			return true
		}
	}
	return false
}

func (w *worker) take(o *modelObj) {
	for i := range w.slots {
		if s := &w.slots[i]; s.o == nil {
			o.held.Add(1)
			o.c.Get(&s.r)
			s.o = o
			return
		}
	}
	w.t.Fatal("no free slot")
}

func (w *worker) put(o *modelObj, r *ref.Ref) {
	if o.c.Put(r) {
		if o.lasts.Add(1) > 1 {
			w.t.Error("two puts said they were the last")
		}
		if !o.mortal && o.held.Load() != 1 {
			w.t.Error("an anchored object died")
		}
	}
	o.held.Add(-1)
}

func (w *worker) move(s *slot) {
	d := &w.slots[w.rng.IntN(len(w.slots))]
	if d.o != nil {
		return
	}
	s.o.c.Move(&d.r, &s.r)
	d.o, s.o = s.o, nil
}

func (w *worker) send(s *slot) {
	m := &modelMsg{o: s.o}
	s.o.c.Move(&m.r, &s.r)
	select {
	case w.inbox[w.rng.IntN(len(w.inbox))] <- m:
		s.o = nil
	default:
		s.o.c.Move(&s.r, &m.r)
	}
}

func (w *worker) receive() {
	select {
	case m := <-w.inbox[w.me]:
		for i := range w.slots {
			if d := &w.slots[i]; d.o == nil {
				m.o.c.Move(&d.r, &m.r)
				d.o = m.o
				return
			}
		}
		w.put(m.o, &m.r)
	default:
	}
}

func (w *worker) drop() {
	for i := range w.slots {
		if s := &w.slots[i]; s.o != nil {
			w.put(s.o, &s.r)
			s.o = nil
		}
	}
}
