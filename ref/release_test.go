//go:build !refdebug

package ref_test

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/refvet/refvet/ref"
)

func TestReleaseSizes(t *testing.T) {
	if s := unsafe.Sizeof(ref.Ref{}); s != 0 {
		t.Errorf("Sizeof(Ref) = %d, want 0", s)
	}
	if s := unsafe.Sizeof(ref.Count{}); s != 4 {
		t.Errorf("Sizeof(Count) = %d, want 4", s)
	}
	if ref.Debug {
		t.Error("Debug in a release build")
	}
}

//go:noinline
func putTooMany(c *ref.Count, r *ref.Ref) { c.Put(r) }

func TestUnderflow(t *testing.T) {
	col := collect(t)
	var o obj
	var r ref.Ref
	o.users.Get(&r)
	o.users.Put(&r)
	putTooMany(&o.users, &r)
	v := col.only(t, ref.Underflow)
	wantTop(t, v, 0, "putTooMany")
	if o.users.Refs() != 0 {
		t.Errorf("Refs = %d after an underflow, want it restored to 0", o.users.Refs())
	}
}

func TestUnderflowPanicsByDefault(t *testing.T) {
	prev := ref.SetReporter(nil)
	defer func() { ref.SetReporter(prev) }()
	defer func() {
		v, ok := recover().(*ref.Violation)
		if !ok || v.Kind != ref.Underflow || !strings.Contains(v.Error(), "TestUnderflowPanicsByDefault") {
			t.Fatalf("want a panic with an Underflow naming this test, got %v", v)
		}
	}()
	var o obj
	var r ref.Ref
	o.users.Put(&r)
}
