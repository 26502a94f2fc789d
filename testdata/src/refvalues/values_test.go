package refvalues

import (
	"testing"

	"github.com/refvet/refvet/ref"
)

// TestOpen uses t.Fatal with a held ref: t.Fatal does not return, so that is no leak.
func TestOpen(t *testing.T) {
	o := &Obj{name: "x"}
	var r ref.Ref
	o.refs.Get(&r)
	h := open(o)
	if h.nameOf() != "x" {
		t.Fatalf("name = %q", h.nameOf())
	}
	h.closeH()
	o.refs.Put(&r)
}

// TestLeak forgets to put r when the name check passes early. Bug.
func TestLeak(t *testing.T) {
	o := &Obj{name: "x"}
	var r ref.Ref
	o.refs.Get(&r) // want `r leaks: the reference it takes on o.refs is still held at the return at line 29`
	if o.name == "x" {
		t.Log("ok")
		return
	}
	o.refs.Put(&r)
}

// TestHelper: a test helper that fails fatally. Correct.
func requireName(t testing.TB, o *Obj, want string) {
	t.Helper()
	if o.name != want {
		t.Fatal("bad name")
	}
}

func TestHelper(t *testing.T) {
	o := &Obj{name: "x"}
	var r ref.Ref
	o.refs.Get(&r)
	defer o.refs.Put(&r)
	requireName(t, o, "x")
}

// TestSubtests runs subtests that each take and put. Correct.
func TestSubtests(t *testing.T) {
	o := &Obj{name: "x"}
	for _, n := range []string{"a", "b"} {
		t.Run(n, func(t *testing.T) {
			var r ref.Ref
			o.refs.Get(&r)
			defer o.refs.Put(&r)
			if o.name == "" {
				t.Fatal("empty")
			}
		})
	}
}
