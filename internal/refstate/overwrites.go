package refstate

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/valuemode"
)

// A FieldOverwrite is a store of a counted value into a field that is known, on that path, to
// hold one already (value mode's structmember rule): the code is inside `if s.f != nil`, or an
// earlier store into the same field dominates it.
type FieldOverwrite struct {
	Field   *types.Var
	Store   *ssa.Store
	Known   token.Pos   // the nil test or the earlier store that says the field holds a value
	Name    string      // the field as the source spells it: "r.cur"
	Release *types.Func // the release method of the field's struct, which releases the field
}

// FieldOverwrites lists the stores of counted values over fields known to hold one, in a
// function that does nothing else with the old value: it never reads the field other than to
// compare it with nil, so it neither releases nor hands over what the field held. Only fields
// that their struct's release method releases are judged: they own what they hold.
func (f *Func) FieldOverwrites(cat *valuemode.Catalog) []FieldOverwrite {
	if cat == nil {
		return nil
	}
	type place struct {
		stores []*ssa.Store
		tests  []*ssa.BinOp // s.f != nil (or == nil)
		used   bool         // read for anything but a nil test
	}
	places := map[string]*place{}
	at := func(addr ssa.Value) *place {
		fa, ok := addr.(*ssa.FieldAddr)
		if !ok {
			return nil
		}
		if _, counted := cat.Counted(deref(fa.Type())); !counted {
			return nil
		}
		key, ok := spelt(fa)
		if !ok {
			return nil
		}
		if places[key] == nil {
			places[key] = &place{}
		}
		return places[key]
	}
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			switch in := instr.(type) {
			case *ssa.Store:
				if p := at(in.Addr); p != nil && !isNilConst(in.Val) {
					p.stores = append(p.stores, in)
				}
			case *ssa.UnOp:
				if in.Op != token.MUL {
					continue
				}
				if p := at(in.X); p != nil {
					for _, r := range *in.Referrers() {
						if cmp, ok := r.(*ssa.BinOp); ok && (isNilConst(cmp.X) || isNilConst(cmp.Y)) {
							p.tests = append(p.tests, cmp)
						} else if _, dbg := r.(*ssa.DebugRef); !dbg {
							p.used = true
						}
					}
				}
			}
		}
	}
	var out []FieldOverwrite
	for _, p := range places {
		if p.used {
			continue
		}
		for _, st := range p.stores {
			known, ok := knownFull(st, p.stores, p.tests)
			if !ok {
				continue
			}
			fa := st.Addr.(*ssa.FieldAddr)
			field := derefStruct(fa.X.Type()).Field(fa.Field)
			if release := f.owningField(cat, fa, field); release != nil {
				out = append(out, FieldOverwrite{Field: field, Store: st, Known: known, Name: valueName(fa), Release: release})
			}
		}
	}
	return out
}

// knownFull reports whether the field st stores into holds a value on every path to st: an
// earlier store into it dominates st, or st is reached only through the non-nil edge of a test
// of it.
func knownFull(st *ssa.Store, stores []*ssa.Store, tests []*ssa.BinOp) (token.Pos, bool) {
	b := st.Block()
	for _, prev := range stores {
		if prev != st && prev.Block() != b && prev.Block().Dominates(b) {
			return prev.Pos(), true
		}
	}
	for _, cmp := range tests {
		for _, r := range *cmp.Referrers() {
			ifi, ok := r.(*ssa.If)
			if !ok {
				continue
			}
			nonNil := ifi.Block().Succs[0] // the true edge of s.f != nil
			if cmp.Op == token.EQL {
				nonNil = ifi.Block().Succs[1]
			}
			if len(nonNil.Preds) == 1 && nonNil.Dominates(b) {
				return cmp.Pos(), true
			}
		}
	}
	return token.NoPos, false
}

// owningField returns the release method of the struct fa selects from, when it releases field.
func (f *Func) owningField(cat *valuemode.Catalog, fa *ssa.FieldAddr, field *types.Var) *types.Func {
	named, ok := types.Unalias(deref(fa.X.Type())).(*types.Named)
	if !ok {
		return nil
	}
	release, body := f.releaseMethod(cat, named)
	if release == nil || !anyReached(body, func(i ssa.Instruction) bool { return releases(cat, i, field) }, map[*ssa.Function]bool{}) {
		return nil
	}
	return release
}
