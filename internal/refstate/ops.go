package refstate

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/valuemode"
)

// A Site is one operation on refs in the function's code: a call of a ref primitive or of a
// summarised function, direct or deferred. One call may make several sites (a wrapper that
// acquires one parameter and releases another).
type Site struct {
	ID       int32
	Op       Op
	Pos      token.Pos       // the call, or its defer statement
	Instr    ssa.Instruction // the *ssa.Call or *ssa.Defer
	Callee   *types.Func     // the wrapper called; nil for ref's own methods
	Count    Count
	Dst, Src *Loc // Src only for moves
	When     Cond // OpTryGet: the condition on the result under which it took
	Result   int
	Deferred bool
	Field    *types.Var // OpStore: the tracked-pointer field stored to
	StoreNil bool       // OpStore: the value stored is nil
	stored   ssa.Value  // OpStore: the value stored
	condVar  ssa.Value  // a release conditional on a captured variable: the variable bound
	inner    token.Pos  // a closure called in place: the operation inside it, where it is reported
	valueOp  valuemode.Op
	consumes bool // value mode: a call that takes the caller's reference over (a consuming parameter)
	keeps    bool // consumes: by storing it, not by releasing it
}

// ValueOp is the family operation of a value-mode site (x.Retain(), x.Release()); 0 otherwise.
func (s *Site) ValueOp() valuemode.Op { return s.valueOp }

// Consumes reports whether the site hands a value to a parameter that takes its reference over.
func (s *Site) Consumes() bool { return s.consumes }

// callView lines up a call's arguments with its callee's signature, whatever the call's form:
// static function or method, interface method, bound method value, closure.
type callView struct {
	obj    *types.Func   // the callee's declaration, if known
	fn     *ssa.Function // the callee's body, if static
	recv   ssa.Value     // the receiver argument
	params []ssa.Value   // arguments in signature order, receiver excluded
	free   []ssa.Value   // closures: the values bound to the free variables
	call   *ssa.CallCommon
}

func viewOf(c *ssa.CallCommon) callView {
	v := callView{call: c}
	if c.IsInvoke() {
		v.obj, v.recv, v.params = c.Method, c.Value, c.Args
		return v
	}
	fn := c.StaticCallee()
	if fn == nil {
		return v
	}
	v.fn = fn
	v.obj, _ = fn.Object().(*types.Func)
	if fn.Origin() != nil {
		v.obj, _ = fn.Origin().Object().(*types.Func)
	}
	mc, _ := c.Value.(*ssa.MakeClosure)
	switch {
	case mc != nil && strings.HasPrefix(fn.Synthetic, "bound method wrapper"):
		v.recv, v.params = mc.Bindings[0], c.Args
	case mc != nil:
		v.params, v.free = c.Args, mc.Bindings
	case strings.HasPrefix(fn.Synthetic, "thunk") && len(c.Args) > 0:
		// A method expression, (*T).M(x, …): the thunk takes the receiver first.
		v.recv, v.params = c.Args[0], c.Args[1:]
	case fn.Signature.Recv() != nil && len(c.Args) > 0:
		v.recv, v.params = c.Args[0], c.Args[1:]
	default:
		v.params = c.Args
	}
	return v
}

// arg returns the argument for parameter i; closures number free variables after parameters.
func (v callView) arg(i int) ssa.Value {
	switch {
	case i == -1:
		return v.recv
	case i >= 0 && i < len(v.params):
		return v.params[i]
	case i >= len(v.params) && i-len(v.params) < len(v.free):
		return v.free[i-len(v.params)]
	}
	return nil
}

// primitiveKey names a method the engine knows by name.
type primitiveKey struct{ pkg, typ, name string }

// primitives are the operations the engine understands natively: ref.Count's methods, whose
// receiver is the count and whose *ref.Ref arguments are the refs. A mode that follows
// references held by values (a third party's x.Retain()/x.Release()) would add entries here
// whose ref is the receiver itself.
var primitives = map[primitiveKey]Op{
	{RefPkg, "Count", "Get"}:    OpGet,
	{RefPkg, "Count", "TryGet"}: OpTryGet,
	{RefPkg, "Count", "Put"}:    OpPut,
	{RefPkg, "Count", "Move"}:   OpMove,
}

// primitive returns the op of a call of one of the primitives.
func primitive(obj *types.Func) (Op, bool) {
	if obj == nil || obj.Pkg() == nil {
		return 0, false
	}
	sig, ok := obj.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return 0, false
	}
	n, ok := types.Unalias(deref(sig.Recv().Type())).(*types.Named)
	if !ok {
		return 0, false
	}
	op, ok := primitives[primitiveKey{obj.Pkg().Path(), n.Obj().Name(), obj.Name()}]
	return op, ok
}

// primitiveSites makes the site of a call of a ref.Count method; Refs and unknown methods
// make none.
func (a *fnAnalysis) primitiveSites(op Op, v callView) []*Site {
	s := &Site{Op: op, Count: countOf(v.recv), Dst: a.locs.of(v.arg(0)), Result: -1}
	switch op {
	case OpMove:
		s.Src = a.locs.of(v.arg(1))
	case OpTryGet:
		s.When = True
	}
	return []*Site{s}
}

// summarySites makes the sites of a call of a summarised function.
func (a *fnAnalysis) summarySites(sum *Summary, v callView, instr ssa.Instruction) []*Site {
	var out []*Site
	for _, e := range sum.Effects {
		s := &Site{Op: e.Op, Callee: v.obj, Dst: a.locs.of(v.arg(e.Param)), Result: e.Result, When: e.When}
		if v.fn != nil && v.fn.Parent() != nil {
			s.inner = e.pos // a closure: report at the operation inside it
		}
		if v.call.Signature().Results().Len() == 1 {
			s.Result = -1 // the call's value is the result itself, not a tuple
		}
		s.Count = effectCount(e, v)
		if e.CountResult >= 0 && s.Count.Obj == nil {
			if obj := resultOf(instr, e.CountResult); obj != nil {
				s.Count.Obj, s.Count.Name = obj, valueName(obj)+"."+keyField(e.Count)
			}
		}
		if e.Op == OpMove {
			s.Src = a.locs.of(v.arg(e.Src))
		}
		if e.OnVar {
			s.condVar, s.Result = v.arg(e.Result), -1
		} else if e.When != Always && e.When != Maybe && !conditionTested(instr, s.Result, e.When) {
			s.When = Always // never tested: the caller counts on it having worked
		}
		if e.Op == OpGet && s.When != Always && !e.OnVar {
			s.Op = OpTryGet
		}
		out = append(out, s)
	}
	return out
}

// resultOf finds the value of result k of call instr, if it is used.
func resultOf(instr ssa.Instruction, k int) ssa.Value {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return nil
	}
	if call.Call.Signature().Results().Len() == 1 {
		return call
	}
	for _, r := range *call.Referrers() {
		if e, ok := r.(*ssa.Extract); ok && e.Index == k {
			return e
		}
	}
	return nil
}

func effectCount(e Effect, v callView) Count {
	if e.CountArg >= -1 {
		if c := v.arg(e.CountArg); c != nil {
			return countOf(c) // the caller's own count expression: "res.refs"
		}
	}
	if e.Count == "" {
		// A summary declared by directive names a parameter, not a count: name the object
		// by its type.
		return Count{Name: trackedTypeName(v.call.Signature())}
	}
	c := Count{Key: e.Count, Name: typeAndField(e.Count)}
	if e.CountParam >= -1 {
		if obj := v.arg(e.CountParam); obj != nil {
			c.Obj = obj
			c.Name = valueName(obj) + "." + keyField(e.Count)
		}
	}
	return c
}

// trackedTypeName names the tracked type a signature hands out or takes, "a Conn", for
// messages about an operation whose count is not known; "an object" if it has none.
func trackedTypeName(sig *types.Signature) string {
	for _, tuple := range []*types.Tuple{sig.Results(), sig.Params()} {
		for i := 0; i < tuple.Len(); i++ {
			if t := tuple.At(i).Type(); IsTrackedPtr(t) {
				if n, ok := types.Unalias(deref(t)).(*types.Named); ok {
					return "a " + n.Obj().Name()
				}
			}
		}
	}
	return "an object"
}

// keyField is the field a count key names: "users" of "pkg/path.MM.users".
func keyField(key string) string { return key[strings.LastIndex(key, ".")+1:] }

// typeAndField names a count by its key's type and field, "Stream.refs", for messages about a
// count whose object the caller does not name.
func typeAndField(key string) string {
	i := strings.LastIndex(key, ".")
	if i < 0 {
		return key
	}
	if j := strings.LastIndex(key[:i], "."); j >= 0 {
		return key[j+1:]
	}
	return key
}
