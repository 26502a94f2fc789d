package verdict

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/refvet/refvet/internal/refstate"
)

// UnreleasedField (structmember): a counted type whose release method never touches a counted
// field that its constructor stores an owned reference in: that reference leaks with every
// object.
type UnreleasedField struct {
	refstate.UnreleasedField
	Ctor *refstate.Func
}

// ValueOverwrite (structmember): a store of a counted value over a field known to hold one,
// whose old value the function neither releases nor hands over, in a type whose release
// method releases that field (so the field owns what it holds).
type ValueOverwrite struct{ refstate.FieldOverwrite }

func (UnreleasedField) isDetail() {}
func (ValueOverwrite) isDetail()  {}

// releaseMethods adds, once per field, the counted fields that a constructor fills with an
// owned reference and that the type's release method never touches.
func (c *collector) releaseMethods() {
	if c.res.Catalog == nil {
		return
	}
	seen := map[*types.Var]bool{}
	for _, f := range c.res.Funcs {
		for _, u := range f.UnreleasedFields(c.res.Catalog) {
			if !seen[u.Field] {
				seen[u.Field] = true
				c.add(View{Pass: Structmember, Pos: u.Field.Pos(), Detail: UnreleasedField{UnreleasedField: u, Ctor: f}})
			}
		}
	}
}

// valueOverwrites adds the stores over owning fields known to be full.
func (fc *funcCauses) valueOverwrites() {
	for _, ow := range fc.f.FieldOverwrites(fc.res.Catalog) {
		fc.add(fc.view(Structmember, assignedAt(fc.pass, ow.Store.Pos(), ow.Field), ValueOverwrite{FieldOverwrite: ow}))
	}
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
