package refstate

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/valuemode"
)

// This file answers what value mode's structmember rules ask of a counted type's release
// method: does it (or a function of its package it calls) read a field, release it.

// releaseMethod returns the release method of the counted type *named and its body, when the
// package under analysis has it.
func (f *Func) releaseMethod(cat *valuemode.Catalog, named *types.Named) (*types.Func, *ssa.Function) {
	counted, ok := cat.Counted(types.NewPointer(named))
	if !ok {
		return nil, nil
	}
	for i := range named.NumMethods() {
		if m := named.Method(i); m.Name() == counted.Family.Release {
			if fn := f.Fn.Prog.FuncValue(m); fn != nil && fn.Blocks != nil {
				return m, fn
			}
		}
	}
	return nil, nil
}

// anyReached reports whether fn, or a function of its package that it calls or whose closure
// it makes, has an instruction that match accepts.
func anyReached(fn *ssa.Function, match func(ssa.Instruction) bool, seen map[*ssa.Function]bool) bool {
	if fn == nil || seen[fn] || fn.Blocks == nil {
		return false
	}
	seen[fn] = true
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if match(instr) {
				return true
			}
			var next *ssa.Function
			switch in := instr.(type) {
			case ssa.CallInstruction:
				if callee := in.Common().StaticCallee(); callee != nil && callee.Pkg == fn.Pkg {
					next = callee
				}
			case *ssa.MakeClosure:
				next, _ = in.Fn.(*ssa.Function)
			}
			if next != nil && anyReached(next, match, seen) {
				return true
			}
		}
	}
	return false
}

// selects reports whether instr selects field (reads or writes it).
func selects(instr ssa.Instruction, field *types.Var) bool {
	switch in := instr.(type) {
	case *ssa.FieldAddr:
		st := derefStruct(in.X.Type())
		return st != nil && st.Field(in.Field) == field
	case *ssa.Field:
		st, ok := in.X.Type().Underlying().(*types.Struct)
		return ok && st.Field(in.Field) == field
	}
	return false
}

// releases reports whether instr releases what field holds: a release-family call on a read
// of the field.
func releases(cat *valuemode.Catalog, instr ssa.Instruction, field *types.Var) bool {
	call, ok := instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	cl, ok := cat.Classify(call.Common())
	if !ok || cl.Op != valuemode.Release {
		return false
	}
	u, ok := cl.Value.(*ssa.UnOp)
	return ok && u.Op == token.MUL && selects(asInstr(u.X), field)
}

// asInstr is v as an instruction, nil if it is not one.
func asInstr(v ssa.Value) ssa.Instruction {
	instr, _ := v.(ssa.Instruction)
	return instr
}

// An UnreleasedField is a constructor storing an owned value into a counted field of the
// object it makes and returns, which the object's release method never touches.
type UnreleasedField struct {
	Object  *types.Named // the constructor's type
	Field   *types.Var
	Release *types.Func // the type's release method
	Pos     token.Pos   // the constructor's store
}

// UnreleasedFields lists the stores of owned values into fields of the objects f allocates and
// returns (FromAlloc values), when nothing else in f releases or hands the value over, and the
// object's release method (and what it calls in its package) never selects the field: it
// cannot release them. A release method that touches the field at all is trusted.
func (f *Func) UnreleasedFields(cat *valuemode.Catalog) []UnreleasedField {
	var out []UnreleasedField
	byRoot := map[ssa.Value]*Loc{}
	for _, l := range f.Locs {
		if l.Kind == Value {
			byRoot[l.Root] = l
		}
	}
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			st, ok := instr.(*ssa.Store)
			if !ok {
				continue
			}
			fa, ok := st.Addr.(*ssa.FieldAddr)
			if !ok {
				continue
			}
			obj, val := byRoot[fa.X], byRoot[st.Val]
			if obj == nil || val == nil || obj.Origin() != FromAlloc || val.Origin() != FromOwned || f.touched(val) {
				continue
			}
			named, ok := types.Unalias(deref(fa.X.Type())).(*types.Named)
			if !ok {
				continue
			}
			field := derefStruct(fa.X.Type()).Field(fa.Field)
			release, body := f.releaseMethod(cat, named)
			if release == nil || anyReached(body, func(i ssa.Instruction) bool { return selects(i, field) }, map[*ssa.Function]bool{}) {
				continue
			}
			out = append(out, UnreleasedField{Object: named, Field: field, Release: release, Pos: st.Pos()})
		}
	}
	return out
}
