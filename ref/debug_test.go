//go:build refdebug

package ref_test

import (
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/refvet/refvet/ref"
	"github.com/refvet/refvet/ref/internal/settle"
)

// The helpers are named so that each stack can be checked to start in the
// right function; most are small enough to be inlined, which checks that
// inlined callers are still named.

func getIt(c *ref.Count, r *ref.Ref)                { c.Get(r) }
func firstPut(c *ref.Count, r *ref.Ref)             { c.Put(r) }
func secondPut(c *ref.Count, r *ref.Ref) bool       { return c.Put(r) }
func secondGet(c *ref.Count, r *ref.Ref)            { c.Get(r) }
func moveIt(c *ref.Count, dst, src *ref.Ref)        { c.Move(dst, src) }
func badMove(c *ref.Count, dst, src *ref.Ref)       { c.Move(dst, src) }
func wrongPut(c *ref.Count, r *ref.Ref) (last bool) { return c.Put(r) }

func TestPutNotHeld(t *testing.T) {
	col := collect(t)
	o := new(obj)
	var r, keep ref.Ref
	o.users.Get(&keep)
	getIt(&o.users, &r)
	firstPut(&o.users, &r)
	if secondPut(&o.users, &r) {
		t.Error("a reported Put returned last")
	}
	v := col.only(t, ref.PutNotHeld)
	wantTop(t, v, 0, "secondPut")
	wantTop(t, v, 1, "firstPut")
	wantTop(t, v, 2, "getIt")
	if got := o.users.Refs(); got != 1 {
		t.Errorf("Refs = %d after a reported put, want 1: it must be skipped", got)
	}
	o.users.Put(&keep)
}

// A double put long after the first, with much else in between, is still
// explained by the first.
func TestPutNotHeldLongAfter(t *testing.T) {
	col := collect(t)
	o := new(obj)
	var r ref.Ref
	getIt(&o.users, &r)
	firstPut(&o.users, &r)
	for range 10000 {
		other := new(obj)
		var x ref.Ref
		other.users.Get(&x)
		other.users.Put(&x)
	}
	secondPut(&o.users, &r)
	v := col.only(t, ref.PutNotHeld)
	wantTop(t, v, 1, "firstPut")
}

func TestPutNeverHeld(t *testing.T) {
	col := collect(t)
	o := new(obj)
	var r ref.Ref
	secondPut(&o.users, &r)
	v := col.only(t, ref.PutNotHeld)
	wantTop(t, v, 0, "secondPut")
	if len(v.Stacks) != 1 {
		t.Errorf("a Ref that never held has no history, got %d stacks", len(v.Stacks))
	}
}

func TestPutWrongCount(t *testing.T) {
	col := collect(t)
	o := new(obj)
	var r ref.Ref
	getIt(&o.users, &r)
	wrongPut(&o.count, &r)
	v := col.only(t, ref.PutWrongCount)
	wantTop(t, v, 0, "wrongPut")
	wantTop(t, v, 1, "getIt")
	if !o.users.Put(&r) {
		t.Error("the reference on users should have survived the wrong put")
	}
}

func TestDoubleGet(t *testing.T) {
	col := collect(t)
	o := new(obj)
	var r ref.Ref
	getIt(&o.users, &r)
	secondGet(&o.users, &r)
	v := col.only(t, ref.DoubleGet)
	wantTop(t, v, 0, "secondGet")
	wantTop(t, v, 1, "getIt")
	if got := o.users.Refs(); got != 1 {
		t.Errorf("Refs = %d after a reported get, want 1", got)
	}
	o.users.Put(&r)
}

func TestTryGetIntoFull(t *testing.T) {
	col := collect(t)
	o := new(obj)
	var r ref.Ref
	getIt(&o.users, &r)
	if o.users.TryGet(&r) {
		t.Error("TryGet into a full Ref succeeded")
	}
	wantTop(t, col.only(t, ref.DoubleGet), 0, "TestTryGetIntoFull")
	o.users.Put(&r)
}

func TestMoveFromEmpty(t *testing.T) {
	col := collect(t)
	o := new(obj)
	var a, b ref.Ref
	getIt(&o.users, &a)
	moveIt(&o.users, &b, &a)
	badMove(&o.users, &b, &a)
	v := col.only(t, ref.MoveFromEmpty)
	wantTop(t, v, 0, "badMove")
	wantTop(t, v, 1, "moveIt") // the source was moved out there
	wantTop(t, v, 2, "getIt")
	o.users.Put(&b)
}

func TestMoveIntoFull(t *testing.T) {
	col := collect(t)
	o := new(obj)
	var a, b ref.Ref
	getIt(&o.users, &a)
	o.users.Get(&b)
	badMove(&o.users, &b, &a)
	v := col.only(t, ref.MoveIntoFull)
	wantTop(t, v, 0, "badMove")
	wantTop(t, v, 1, "TestMoveIntoFull")
	o.users.Put(&a)
	o.users.Put(&b)
}

func TestMoveWrongCount(t *testing.T) {
	col := collect(t)
	o := new(obj)
	var a, b ref.Ref
	getIt(&o.count, &a)
	badMove(&o.users, &b, &a)
	v := col.only(t, ref.MoveWrongCount)
	wantTop(t, v, 0, "badMove")
	wantTop(t, v, 1, "getIt")
	o.count.Put(&a)
}

func TestGetOnDead(t *testing.T) {
	col := collect(t)
	o := new(obj)
	var r ref.Ref
	getIt(&o.users, &r)
	if !secondPut(&o.users, &r) {
		t.Fatal("the only reference's put was not the last")
	}
	if o.users.TryGet(&r) {
		t.Error("TryGet on a dead count succeeded")
	}
	secondGet(&o.users, &r)
	v := col.only(t, ref.GetOnDead)
	wantTop(t, v, 0, "secondGet")
	wantTop(t, v, 1, "secondPut")
	wantTop(t, v, 2, "getIt")
	if got := o.users.Refs(); got != 0 {
		t.Errorf("Refs = %d on a dead count", got)
	}
}

func TestTryGetNeverStarted(t *testing.T) {
	col := collect(t)
	o := new(obj)
	var r ref.Ref
	if o.users.TryGet(&r) {
		t.Error("TryGet brought an object to life")
	}
	o.users.Get(&r) // still allowed: the object was not dead, only unborn
	o.users.Put(&r)
	if vs := col.all(); len(vs) != 0 {
		t.Errorf("unexpected violations: %v", vs)
	}
}

//go:noinline
func leakLocalRef(c *ref.Count) {
	var r ref.Ref
	c.Get(&r)
}

//go:noinline
func newLeakedObject() {
	leakLocalRef(&new(obj).users)
}

// A local Ref that still holds at return, on an object that dies with it:
// both leaks are reported, the object's naming its holder as unreachable.
func TestRefLeak(t *testing.T) {
	col := collect(t)
	newLeakedObject()
	settleOrFail(t)
	v := col.find(ref.RefLeak, "leakLocalRef")
	if v == nil {
		t.Fatalf("no RefLeak taken in leakLocalRef; got %v", col.all())
	}
	o := col.find(ref.ObjectLeak, "leakLocalRef")
	if o == nil {
		t.Fatalf("no ObjectLeak held by leakLocalRef; got %v", col.all())
	}
}

type task struct {
	mm    *obj
	mmRef ref.Ref
}

//go:noinline
func newTask() *task {
	t := &task{mm: new(obj)}
	t.mm.users.Get(&t.mmRef)
	return t
}

//go:noinline
func forgetMM(t *task) { t.mm = nil }

// A holder that drops its pointer without putting: the object leaks while
// its Ref is alive, then the Ref leaks when the holder dies.
func TestObjectLeak(t *testing.T) {
	col := collect(t)
	tk := newTask()
	forgetMM(tk)
	settleOrFail(t)
	v := col.find(ref.ObjectLeak, "newTask")
	if v == nil {
		t.Fatalf("no ObjectLeak held by newTask; got %v", col.all())
	}
	if !strings.Contains(v.Msg, "1 reference(s)") || strings.Contains(v.Stacks[0].Label, "unreachable") {
		t.Errorf("the listing should show one holder, still reachable:\n%v", v)
	}
	if col.find(ref.RefLeak, "newTask") != nil {
		t.Fatal("RefLeak while the task is alive")
	}
	runtime.KeepAlive(tk)
	settleOrFail(t)
	if col.find(ref.RefLeak, "newTask") == nil {
		t.Fatalf("no RefLeak once the task died; got %v", col.all())
	}
}

// Correct use leaks nothing, including through Move.
func TestNoLeak(t *testing.T) {
	col := collect(t)
	func() {
		tk := &task{}
		var r ref.Ref
		tk.mm = new(obj)
		tk.mm.users.Get(&r)
		tk.mm.users.Move(&tk.mmRef, &r)
		tk.mm.users.Put(&tk.mmRef)
	}()
	settleOrFail(t)
	if vs := col.all(); len(vs) != 0 {
		t.Errorf("unexpected violations: %v", vs)
	}
}

func settleOrFail(t *testing.T) {
	t.Helper()
	if !settle.Settle(10 * time.Second) {
		t.Fatal("cleanups did not finish")
	}
}

func TestDefaultReporterPanics(t *testing.T) {
	prev := ref.SetReporter(nil)
	defer func() { ref.SetReporter(prev) }()
	o := new(obj)
	var r ref.Ref
	defer func() {
		var v *ref.Violation
		if err, ok := recover().(error); !ok || !errors.As(err, &v) || v.Kind != ref.PutNotHeld {
			t.Fatalf("want a panic with a PutNotHeld *Violation, got %v", err)
		}
		for _, want := range []string{"ref: PutNotHeld: ", "put here:", "TestDefaultReporterPanics"} {
			if !strings.Contains(v.Error(), want) {
				t.Errorf("message lacks %q:\n%v", want, v)
			}
		}
	}()
	o.users.Put(&r)
}

var (
	globalObj obj
	globalRef ref.Ref
)

// Refs and Counts outside the heap get no cleanup, and must still work.
func TestGlobals(t *testing.T) {
	col := collect(t)
	globalObj.users.Get(&globalRef)
	if !globalObj.users.Put(&globalRef) {
		t.Error("the only put was not the last")
	}
	if vs := col.all(); len(vs) != 0 {
		t.Errorf("unexpected violations: %v", vs)
	}
}
