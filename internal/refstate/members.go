package refstate

import (
	"go/types"

	"github.com/refvet/refvet/internal/directive"
)

// FieldFact carries a struct field's directive to other packages, so that stores into another
// package's structs follow that package's //refvet:borrowed and //refvet:ref.
type FieldFact struct {
	Borrowed bool
	RefFor   string // on a ref.Ref field: the tracked-pointer field it belongs to
}

func (*FieldFact) AFact() {}

func (f *FieldFact) String() string {
	if f.Borrowed {
		return "borrowed"
	}
	return "ref for " + f.RefFor
}

// fieldDirective returns the directive of field v, from this package's source or from the fact
// its package exported.
func (res *Result) fieldDirective(v *types.Var) *FieldFact {
	if d, ok := res.Fields[v]; ok {
		return &FieldFact{Borrowed: d.Borrowed, RefFor: d.Ref}
	}
	if f, ok := res.imported[v]; ok {
		return f
	}
	return nil
}

// MemberOf returns the index of the ref.Ref field that holds the reference for field i of st, a
// tracked-pointer field; -1 if there is none. borrowed reports a //refvet:borrowed field,
// which holds no reference and needs no member. The pairing rules, in order: a ref.Ref field
// with `//refvet:ref NAME`; the field named NAME+"Ref"; a struct with exactly one tracked
// pointer and exactly one ref.Ref pairs them whatever their names.
func (res *Result) MemberOf(st *types.Struct, i int) (member int, borrowed bool) {
	f := st.Field(i)
	if !IsTrackedPtr(f.Type()) {
		return -1, false
	}
	if d := res.fieldDirective(f); d != nil && d.Borrowed {
		return -1, true
	}
	var refs, ptrs []int
	for j := 0; j < st.NumFields(); j++ {
		g := st.Field(j)
		switch {
		case IsRef(g.Type()):
			if d := res.fieldDirective(g); d != nil && d.RefFor != "" {
				if d.RefFor == f.Name() {
					return j, false
				}
				continue // explicitly another field's
			}
			if g.Name() == f.Name()+"Ref" {
				return j, false
			}
			refs = append(refs, j)
		case IsTrackedPtr(g.Type()):
			if d := res.fieldDirective(g); d == nil || !d.Borrowed {
				ptrs = append(ptrs, j)
			}
		}
	}
	if len(refs) == 1 && len(ptrs) == 1 && ptrs[0] == i && !namedForOther(st, refs[0], i) {
		return refs[0], false
	}
	return -1, false
}

// namedForOther reports whether ref field j's name pairs it by name with a field other than i.
func namedForOther(st *types.Struct, j, i int) bool {
	name := st.Field(j).Name()
	for k := 0; k < st.NumFields(); k++ {
		if k != i && st.Field(k).Name()+"Ref" == name {
			return true
		}
	}
	return false
}

// importFieldFacts reads the directives of another package's struct fields before stores
// into them are judged.
func (p *pkgAnalysis) importFieldFact(res *Result, v *types.Var) {
	if v.Pkg() == nil || v.Pkg() == p.pass.Pkg {
		return
	}
	if _, seen := res.imported[v]; seen {
		return
	}
	f := new(FieldFact)
	if !p.pass.ImportObjectFact(v, f) {
		f = nil
	}
	res.imported[v] = f
}

// exportFieldFact publishes a field directive for other packages.
func (p *pkgAnalysis) exportFieldFact(v *types.Var, d *directive.Field) {
	p.pass.ExportObjectFact(v, &FieldFact{Borrowed: d.Borrowed, RefFor: d.Ref})
}
