package valuemode

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Op is what a call does to a counted value.
type Op uint8

const (
	Retain  Op = iota + 1 // takes a reference: the engine's OpGet on the value's Loc
	Release               // drops one: the engine's OpPut
)

func (op Op) String() string {
	switch op {
	case Retain:
		return "Retain"
	case Release:
		return "Release"
	}
	return fmt.Sprintf("Op(%d)", op)
}

// A Call is a call that retains or releases a counted value.
type Call struct {
	Op Op
	// Value is the counted value retained or released, as the source named it: for a method
	// promoted from an embedded field (o.Release() with o embedding *Inner), the outer value o,
	// not the field SSA passes as the receiver.
	Value ssa.Value
	// Recv is the receiver the method is called with (Value itself, or a field of it).
	Recv    ssa.Value
	Method  *types.Func // the method declared (Inner's Release for a promoted one)
	Counted Counted     // Value's type
	// Embedded are the embedded fields selected from Value to reach Recv, outermost first.
	Embedded []*types.Var
}

// Op is Classify for callers that need only the operation and the value.
func (c *Catalog) Op(call *ssa.CallCommon) (Op, ssa.Value, bool) {
	cl, ok := c.Classify(call)
	return cl.Op, cl.Value, ok
}

// Classify says whether call retains or releases a counted value, and which. It understands
// static method calls, interface method calls (invoke mode, type parameters included), method
// expressions (T.Release(x): thunks), method values (f := x.Release; f(): bound-method
// closures) and methods promoted from embedded fields. It works the same for the calls of
// *ssa.Call, *ssa.Defer and *ssa.Go instructions.
func (c *Catalog) Classify(call *ssa.CallCommon) (Call, bool) {
	if c.off || call == nil {
		return Call{}, false
	}
	method, recv := methodCall(call)
	if method == nil || recv == nil {
		return Call{}, false
	}
	if sig, ok := method.Type().(*types.Signature); !ok || sig.Params().Len() != 0 {
		return Call{}, false
	}
	value, path := c.outermost(recv, method)
	ct, ok := c.Counted(value.Type())
	if !ok && value != recv {
		// The outer value is not counted (the family's other method is missing on it): the
		// call is about the field.
		value, path = recv, nil
		ct, ok = c.Counted(value.Type())
	}
	if !ok {
		return Call{}, false
	}
	name := method.Name()
	var op Op
	switch {
	case ct.IsRelease(name):
		op = Release
	case !ct.ReleaseOnly && name == ct.Family.Retain:
		op = Retain
	default:
		return Call{}, false
	}
	return Call{Op: op, Value: value, Recv: recv, Method: method, Counted: ct, Embedded: path}, true
}

// methodCall returns the method a call calls and the receiver it passes, or nils if the call
// is not a method call.
func methodCall(call *ssa.CallCommon) (*types.Func, ssa.Value) {
	if call.IsInvoke() {
		return call.Method, call.Value
	}
	switch v := call.Value.(type) {
	case *ssa.Function:
		obj, ok := v.Object().(*types.Func)
		if !ok || len(call.Args) == 0 {
			return nil, nil
		}
		if sig := obj.Type().(*types.Signature); sig.Recv() == nil {
			return nil, nil
		}
		// A method (its receiver is Args[0]), a wrapper of a promoted method, or a thunk
		// (T.Release(x), whose signature takes the receiver as its first parameter).
		return obj, call.Args[0]
	case *ssa.MakeClosure:
		fn, ok := v.Fn.(*ssa.Function)
		if !ok || len(v.Bindings) != 1 || !strings.HasPrefix(fn.Synthetic, "bound method wrapper") {
			return nil, nil
		}
		obj, ok := fn.Object().(*types.Func)
		if !ok {
			return nil, nil
		}
		return obj, v.Bindings[0]
	}
	return nil, nil
}

// outermost walks up from recv through the embedded-field selections SSA made to call a
// promoted method, as long as the outer value's method set selects the same method through
// that field. It returns the outermost such value and the fields selected, outermost first.
func (c *Catalog) outermost(recv ssa.Value, method *types.Func) (ssa.Value, []*types.Var) {
	var path []*types.Var
	v := recv
	for {
		outer, field, ok := embeddedSelection(v)
		if !ok {
			return v, path
		}
		sel := c.methodSet(types.Unalias(outer.Type())).Lookup(method.Pkg(), method.Name())
		if sel == nil || sel.Obj().(*types.Func).Origin() != method.Origin() || len(sel.Index()) < 2 || sel.Index()[0] != field.index {
			return v, path
		}
		path = append([]*types.Var{field.v}, path...)
		v = outer
	}
}

type fieldRef struct {
	v     *types.Var
	index int
}

// embeddedSelection recognises v as an embedded field of another value: &x.F (FieldAddr),
// *(&x.F) (a load of one), or x.F (Field), with F embedded. It returns x and F.
func embeddedSelection(v ssa.Value) (ssa.Value, fieldRef, bool) {
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		v = u.X
		if _, ok := v.(*ssa.FieldAddr); !ok {
			return nil, fieldRef{}, false
		}
	}
	switch v := v.(type) {
	case *ssa.FieldAddr:
		st, ok := types.Unalias(v.X.Type()).Underlying().(*types.Pointer)
		if !ok {
			return nil, fieldRef{}, false
		}
		s, ok := st.Elem().Underlying().(*types.Struct)
		if !ok || !s.Field(v.Field).Embedded() {
			return nil, fieldRef{}, false
		}
		return v.X, fieldRef{s.Field(v.Field), v.Field}, true
	case *ssa.Field:
		s, ok := v.X.Type().Underlying().(*types.Struct)
		if !ok || !s.Field(v.Field).Embedded() {
			return nil, fieldRef{}, false
		}
		return v.X, fieldRef{s.Field(v.Field), v.Field}, true
	}
	return nil, fieldRef{}, false
}
