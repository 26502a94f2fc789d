package verdict

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/refstate"
	"github.com/refvet/refvet/internal/valuemode"
)

// UnreleasedField (structmember): a counted type whose release method never touches a counted
// field that its constructor stores an owned reference in: that reference leaks with every
// object.
type UnreleasedField struct {
	Object  *types.Named
	Field   *types.Var
	Release *types.Func
	Store   token.Pos // the constructor's store
	Ctor    *refstate.Func
}

func (UnreleasedField) isDetail() {}

// releaseMethods adds the fields that constructors fill with owned references and that their
// type's release method (and every function it calls in the package) never reads: it cannot
// release them. A release method that reads the field at all is trusted, however it does it.
func (c *collector) releaseMethods() {
	if c.res.Catalog == nil {
		return
	}
	funcs := map[*ssa.Function]*refstate.Func{}
	for _, f := range c.res.Funcs {
		funcs[f.Fn] = f
	}
	seen := map[*types.Var]bool{}
	for _, f := range c.res.Funcs {
		for _, fs := range f.FieldStores() {
			if seen[fs.Field] {
				continue
			}
			seen[fs.Field] = true
			counted, ok := c.res.Catalog.Counted(types.NewPointer(fs.Object))
			if !ok {
				continue
			}
			release := releaseMethod(fs.Object, counted.Family.Release)
			fn := f.Fn.Prog.FuncValue(release)
			if release == nil || fn == nil || funcs[fn] == nil || readsField(fn, fs.Field, map[*ssa.Function]bool{}) {
				continue
			}
			c.add(View{Pass: Structmember, Pos: fs.Field.Pos(), Detail: UnreleasedField{Object: fs.Object, Field: fs.Field, Release: release, Store: fs.Pos, Ctor: f}})
		}
	}
}

// releaseMethod is named's method called name, declared in its package.
func releaseMethod(named *types.Named, name string) *types.Func {
	for i := range named.NumMethods() {
		if m := named.Method(i); m.Name() == name {
			return m
		}
	}
	return nil
}

// readsField reports whether fn, or a function of its package it calls or whose closure it
// makes, selects field.
func readsField(fn *ssa.Function, field *types.Var, seen map[*ssa.Function]bool) bool {
	if fn == nil || seen[fn] || fn.Blocks == nil {
		return false
	}
	seen[fn] = true
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch in := instr.(type) {
			case *ssa.FieldAddr:
				if st := structOf(in.X.Type()); st != nil && st.Field(in.Field) == field {
					return true
				}
			case *ssa.Field:
				if st, ok := in.X.Type().Underlying().(*types.Struct); ok && st.Field(in.Field) == field {
					return true
				}
			case ssa.CallInstruction:
				callee := in.Common().StaticCallee()
				if callee != nil && callee.Pkg == fn.Pkg && readsField(callee, field, seen) {
					return true
				}
			case *ssa.MakeClosure:
				if readsField(in.Fn.(*ssa.Function), field, seen) {
					return true
				}
			}
		}
	}
	return false
}

func structOf(t types.Type) *types.Struct {
	if p, ok := types.Unalias(t).Underlying().(*types.Pointer); ok {
		st, _ := p.Elem().Underlying().(*types.Struct)
		return st
	}
	return nil
}

// ValueOverwrite (structmember): a store of a counted value over a field known to hold one,
// whose old value the function neither releases nor hands over, in a type whose release
// method releases that field (so the field owns what it holds).
type ValueOverwrite struct {
	refstate.FieldOverwrite
	Release *types.Func
}

func (ValueOverwrite) isDetail() {}

// valueOverwrites adds the stores over owning fields known to be full.
func (fc *funcCauses) valueOverwrites() {
	cat := fc.res.Catalog
	for _, ow := range fc.f.FieldOverwrites(cat) {
		named, ok := types.Unalias(derefType(ow.Store.Addr.(*ssa.FieldAddr).X.Type())).(*types.Named)
		if !ok {
			continue
		}
		counted, ok := cat.Counted(types.NewPointer(named))
		if !ok {
			continue
		}
		release := releaseMethod(named, counted.Family.Release)
		fn := fc.f.Fn.Prog.FuncValue(release)
		if release == nil || fn == nil || !releasesField(cat, fn, ow.Field, map[*ssa.Function]bool{}) {
			continue // not known to own what it holds
		}
		fc.add(fc.view(Structmember, assignedAt(fc.pass, ow.Store.Pos(), ow.Field), ValueOverwrite{FieldOverwrite: ow, Release: release}))
	}
}

func derefType(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// releasesField reports whether fn, or a function of its package it calls, releases what
// field holds: a release-family call on a read of the field.
func releasesField(cat interface {
	Classify(*ssa.CallCommon) (valuemode.Call, bool)
}, fn *ssa.Function, field *types.Var, seen map[*ssa.Function]bool) bool {
	if fn == nil || seen[fn] || fn.Blocks == nil {
		return false
	}
	seen[fn] = true
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if cl, ok := cat.Classify(call.Common()); ok && cl.Op == valuemode.Release && readOf(cl.Value, field) {
				return true
			}
			if callee := call.Common().StaticCallee(); callee != nil && callee.Pkg == fn.Pkg && releasesField(cat, callee, field, seen) {
				return true
			}
		}
	}
	return false
}

// readOf reports whether v is a read of field.
func readOf(v ssa.Value, field *types.Var) bool {
	u, ok := v.(*ssa.UnOp)
	if !ok {
		return false
	}
	fa, ok := u.X.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	st := structOf(fa.X.Type())
	return st != nil && st.Field(fa.Field) == field
}

// assignedAt is where the assignment at pos names field on its left: `c.cur = x` is reported at
// `c.cur`, as structmember reports stores; pos itself if there is no such assignment.
func assignedAt(pass *analysis.Pass, pos token.Pos, field *types.Var) token.Pos {
	file := fileOf(pass, pos)
	if file == nil {
		return pos
	}
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	for _, n := range path {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			continue
		}
		for _, lhs := range as.Lhs {
			if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && pass.TypesInfo.Uses[sel.Sel] == field {
				return lhs.Pos()
			}
		}
		break
	}
	return pos
}
