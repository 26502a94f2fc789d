package refstate

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/valuemode"
)

// LocKind says where a ref lives, which decides what the engine may conclude about it.
type LocKind uint8

const (
	Local  LocKind = iota // a ref.Ref variable or new(ref.Ref) of this function
	Member                // a ref.Ref field of a struct
	Param                 // a *ref.Ref parameter
	Free                  // a *ref.Ref captured by a closure; analysed like a parameter
	Value                 // a reference held by a counted value (value mode): see values.go
)

// A Loc is one ref the engine follows through a function.
type Loc struct {
	ID    int
	Kind  LocKind
	Root  ssa.Value  // Alloc, Parameter or FreeVar; for members, the struct pointer
	Field *types.Var // members: the ref.Ref field
	Name  string     // as the source spells it: "r", "t.mmRef"
	Index int        // Param and Free: position among parameters (receiver excluded) or free vars
	Pos   token.Pos
	// Passed: the function hands the ref to a call (a wrapper, an unknown function) or lets it
	// escape somewhere.
	Passed bool
	fresh  bool   // a member of a struct allocated in this function: starts empty, not as the caller left it
	key    locKey // how it was found: root value and field path
	value  *valueInfo
}

// Origin says how a Value Loc's value came to hold its reference; 0 for refs.
func (l *Loc) Origin() ValueOrigin {
	if l.value == nil {
		return 0
	}
	return l.value.Origin
}

// Counted is the counted type of a Value Loc's value (its family names the release method).
func (l *Loc) Counted() valuemode.Counted {
	if l.value == nil {
		return valuemode.Counted{}
	}
	return l.value.Counted
}

// From is, for a value a call returned, the function called and why its result is owned or
// borrowed.
func (l *Loc) From() (*types.Func, valuemode.Why) {
	if l.value == nil {
		return nil, 0
	}
	return l.value.From, l.value.Why
}

// locKey identifies a Loc: member refs are identified by the SSA value of their struct and the
// field path, so two FieldAddr instructions for t.mmRef are the same ref.
type locKey struct {
	root ssa.Value
	path string
}

// A Count is the counter an operation acts on.
type Count struct {
	Key  string    // which Count field, across objects: "pkg.MM.users"; "" when not a field
	Obj  ssa.Value // the object whose field it is; nil when unknown
	Name string    // as the source spells it: "m.users"
	Val  ssa.Value // a bare *ref.Count (not a field of a known object): the value itself
}

// sameCount reports whether two counts are known to be different counters. Objects are not
// compared: two loads of one variable are different SSA values, so only the field can prove it.
func differentCounts(a, b Count) bool {
	return a.Key != "" && b.Key != "" && a.Key != b.Key
}

// countOf describes the *ref.Count value v.
func countOf(v ssa.Value) Count {
	if fa, ok := v.(*ssa.FieldAddr); ok {
		st := derefStruct(fa.X.Type())
		if st != nil {
			f := st.Field(fa.Field)
			return Count{
				Key:  countKey(types.Unalias(fa.X.Type()).(*types.Pointer).Elem(), f),
				Obj:  fa.X,
				Name: valueName(fa.X) + "." + f.Name(),
			}
		}
	}
	return Count{Name: valueName(v), Val: v}
}

func derefStruct(t types.Type) *types.Struct {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return nil
	}
	s, _ := p.Elem().Underlying().(*types.Struct)
	return s
}

// valueName renders v the way its source spelled it, for messages.
func valueName(v ssa.Value) string {
	if name, ok := sourceName(v); ok {
		return name
	}
	switch v := v.(type) {
	case *ssa.Parameter, *ssa.FreeVar, *ssa.Global:
		return v.Name()
	case *ssa.Alloc:
		if v.Comment != "" && v.Comment != "complit" && !strings.HasPrefix(v.Comment, "new") {
			return v.Comment
		}
		return "new(" + types.TypeString(deref(v.Type()), sourceQualifier(pkgOf(v))) + ")"
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return valueName(v.X)
		}
	case *ssa.FieldAddr:
		if st := derefStruct(v.X.Type()); st != nil {
			return valueName(v.X) + "." + st.Field(v.Field).Name()
		}
	case *ssa.Field:
		if st, ok := v.X.Type().Underlying().(*types.Struct); ok {
			return valueName(v.X) + "." + st.Field(v.Field).Name()
		}
	case *ssa.Call:
		if f := v.Call.StaticCallee(); f != nil {
			return f.Name() + "()"
		}
	case *ssa.Extract:
		return valueName(v.Tuple)
	}
	return "the object"
}

// sourceName is the name of the local variable that v was assigned to, if any.
func sourceName(v ssa.Value) (string, bool) {
	refs := v.Referrers()
	if refs == nil {
		return "", false
	}
	for _, r := range *refs {
		if d, ok := r.(*ssa.DebugRef); ok && !d.IsAddr {
			if id, ok := ast.Unparen(d.Expr).(*ast.Ident); ok {
				return id.Name, true
			}
		}
	}
	return "", false
}

func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// sourceQualifier names other packages as source code does, by package name.
func sourceQualifier(pkg *types.Package) types.Qualifier {
	return func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return p.Name()
	}
}

func pkgOf(v ssa.Value) *types.Package {
	if fn := v.Parent(); fn != nil && fn.Pkg != nil {
		return fn.Pkg.Pkg
	}
	return nil
}

// locs interns the refs of one function.
type locs struct {
	fn    *ssa.Function
	all   []*Loc
	byKey map[locKey]*Loc
	roots map[ssa.Value][]*Loc // struct pointer → its member refs
	elems map[string]ssa.Value // element address, spelt out → its first SSA value: see sameElement
}

func newLocs(fn *ssa.Function) *locs {
	return &locs{fn: fn, byKey: map[locKey]*Loc{}, roots: map[ssa.Value][]*Loc{}}
}

// of returns the Loc that the *ref.Ref value v points to, or nil if v is not a ref the engine
// can follow (an element of a slice, a pointer loaded from the heap, ...).
func (ls *locs) of(v ssa.Value) *Loc {
	if v == nil || !IsRefPtr(v.Type()) {
		return nil
	}
	switch v := v.(type) {
	case *ssa.Alloc:
		return ls.intern(locKey{root: v}, func() *Loc {
			return &Loc{Kind: Local, Root: v, Name: valueName(v), Pos: v.Pos(), Index: -1}
		})
	case *ssa.Parameter:
		return ls.intern(locKey{root: v}, func() *Loc {
			return &Loc{Kind: Param, Root: v, Name: v.Name(), Pos: v.Pos(), Index: paramIndex(ls.fn, v)}
		})
	case *ssa.FreeVar:
		return ls.intern(locKey{root: v}, func() *Loc {
			return &Loc{Kind: Free, Root: v, Name: v.Name(), Pos: v.Pos(), Index: freeIndex(ls.fn, v)}
		})
	case *ssa.FieldAddr:
		return ls.member(v)
	}
	return nil
}

func (ls *locs) member(fa *ssa.FieldAddr) *Loc {
	return ls.sibling(fa, fa.Field, true)
}

// sibling returns the member ref at field index i of the struct that fa selects from: fa
// itself for i == fa.Field, or the ref member of the pointer field fa selects. Unless create
// is set it only finds refs already known.
func (ls *locs) sibling(fa *ssa.FieldAddr, i int, create bool) *Loc {
	key, ok := memberKey(ls.sameElement(fa.X), i)
	st := derefStruct(fa.X.Type())
	if !ok || st == nil {
		return nil
	}
	if l, ok := ls.byKey[key]; ok || !create {
		return l
	}
	return ls.intern(key, func() *Loc {
		_, alloc := key.root.(*ssa.Alloc)
		fresh := alloc && !strings.HasPrefix(key.path, "*")
		l := &Loc{Kind: Member, Root: key.root, Field: st.Field(i), Name: valueName(fa.X) + "." + st.Field(i).Name(), Pos: fa.Pos(), Index: -1, fresh: fresh}
		ls.roots[key.root] = append(ls.roots[key.root], l)
		return l
	})
}

// memberKey identifies field i of the struct x points to by x's root value and field path.
// A pointer read from a variable that SSA keeps in memory (one a closure captures) is
// identified by the variable, "*" in the path: every read of it gives the same struct until the
// variable is stored to again.
func memberKey(x ssa.Value, i int) (locKey, bool) {
	root, path := x, fmt.Sprint(i)
	for {
		inner, ok := root.(*ssa.FieldAddr)
		if !ok {
			break
		}
		root, path = inner.X, fmt.Sprint(inner.Field)+"."+path
	}
	if cell := cellOf(root); cell != nil {
		return locKey{root: cell, path: "*." + path}, true
	}
	switch root.(type) {
	case *ssa.Alloc, *ssa.Parameter, *ssa.FreeVar, *ssa.UnOp, *ssa.Call, *ssa.Extract, *ssa.Phi, *ssa.Global,
		*ssa.Lookup, *ssa.TypeAssert, *ssa.IndexAddr:
		return locKey{root: root, path: path}, true
	}
	return locKey{}, false
}

func (ls *locs) intern(k locKey, mk func() *Loc) *Loc {
	if l, ok := ls.byKey[k]; ok {
		return l
	}
	l := mk()
	l.ID, l.key = len(ls.all), k
	ls.all = append(ls.all, l)
	ls.byKey[k] = l
	return l
}

// isCell reports whether v is the address of a variable SSA keeps in memory because a closure
// captures it: a heap Alloc, or a closure's FreeVar.
func isCell(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Alloc:
		return v.Heap
	case *ssa.FreeVar:
		return true
	}
	return false
}

// cellOf returns the captured variable that v reads, or nil.
func cellOf(v ssa.Value) ssa.Value {
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL && isCell(u.X) {
		return u.X
	}
	return nil
}

// rootOf is the value member refs of the struct v points to are keyed by.
func rootOf(v ssa.Value) ssa.Value {
	if cell := cellOf(v); cell != nil {
		return cell
	}
	return v
}

// paramIndex is p's position among the signature's parameters, the receiver excluded (-1).
func paramIndex(fn *ssa.Function, p *ssa.Parameter) int {
	off := 0
	if fn.Signature.Recv() != nil {
		off = 1
	}
	for i, q := range fn.Params {
		if q == p {
			return i - off
		}
	}
	return -2
}

func freeIndex(fn *ssa.Function, v *ssa.FreeVar) int {
	for i, q := range fn.FreeVars {
		if q == v {
			return i
		}
	}
	return -1
}

// sameElement returns the value that stands for the element address v: `t.slots[i]` written
// twice is two IndexAddr values, over two loads of t.slots, but one element as long as i is the
// same SSA value. The first address seen stands for them all, so `if t.slots[i].obj != nil {
// t.slots[i].obj = nil }` tests and clears one member.
func (ls *locs) sameElement(v ssa.Value) ssa.Value {
	ia, ok := v.(*ssa.IndexAddr)
	if !ok {
		return v
	}
	key, ok := spelt(ia)
	if !ok {
		return v
	}
	if ls.elems == nil {
		ls.elems = map[string]ssa.Value{}
	}
	if first, seen := ls.elems[key]; seen {
		return first
	}
	ls.elems[key] = v
	return v
}

// spelt spells out an address made of field selections, loads and indexes from a parameter,
// a variable or a global, with index values by identity; ok is false for anything else.
func spelt(v ssa.Value) (string, bool) {
	switch v := v.(type) {
	case *ssa.Parameter, *ssa.FreeVar, *ssa.Global, *ssa.Alloc:
		return fmt.Sprintf("%p", v), true
	case *ssa.FieldAddr:
		x, ok := spelt(v.X)
		return fmt.Sprintf("%s.%d", x, v.Field), ok
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return "", false
		}
		x, ok := spelt(v.X)
		return "*(" + x + ")", ok
	case *ssa.IndexAddr:
		x, ok := spelt(v.X)
		if c, isConst := v.Index.(*ssa.Const); isConst {
			return fmt.Sprintf("%s[%s]", x, c.Value), ok
		}
		return fmt.Sprintf("%s[%p]", x, v.Index), ok
	}
	return "", false
}
