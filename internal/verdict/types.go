package verdict

import (
	"go/ast"
	"go/types"

	"github.com/refvet/refvet/internal/refstate"
)

// types adds the tracked-pointer fields of the package's declared struct types (and of struct
// types nested in their declarations) that have no ref.Ref member. Anonymous struct types
// elsewhere (test tables, one-off values) are left alone: they are views, not owners.
func (c *collector) types() {
	for _, file := range c.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			if spec, ok := n.(*ast.TypeSpec); ok {
				c.typeSpec(spec)
				return false
			}
			return true
		})
	}
}

// typeSpec checks every struct type in one type declaration.
func (c *collector) typeSpec(spec *ast.TypeSpec) {
	ast.Inspect(spec.Type, func(n ast.Node) bool {
		if sx, ok := n.(*ast.StructType); ok {
			owner := "this struct"
			if sx == spec.Type {
				owner = spec.Name.Name
			}
			c.structType(owner, sx)
		}
		return true
	})
}

func (c *collector) structType(owner string, sx *ast.StructType) {
	st, ok := c.pass.TypesInfo.TypeOf(sx).(*types.Struct)
	if !ok {
		return
	}
	i := 0
	for _, field := range sx.Fields.List {
		for _, at := range fieldNodes(field) {
			if m, borrowed := c.res.MemberOf(st, i); m < 0 && !borrowed && refstate.IsTrackedPtr(st.Field(i).Type()) {
				d := NoMember{Owner: owner, Field: st.Field(i), Unclaimed: unclaimedRefs(c.res, st)}
				c.add(View{Pass: Structmember, Pos: at.Pos(), Detail: d})
			}
			i++
		}
	}
}

// fieldNodes returns the node to report each field of one declaration line at: its name, or
// the type of an embedded field.
func fieldNodes(field *ast.Field) []ast.Node {
	if len(field.Names) == 0 {
		return []ast.Node{field.Type}
	}
	out := make([]ast.Node, len(field.Names))
	for i, id := range field.Names {
		out[i] = id
	}
	return out
}

// unclaimedRefs lists the ref.Ref fields of st that no tracked pointer pairs with: the user
// may have meant one of them.
func unclaimedRefs(res *refstate.Result, st *types.Struct) []string {
	claimed := map[int]bool{}
	for i := 0; i < st.NumFields(); i++ {
		if m, _ := res.MemberOf(st, i); m >= 0 {
			claimed[m] = true
		}
	}
	var out []string
	for j := 0; j < st.NumFields(); j++ {
		f := st.Field(j)
		if d := res.Fields[f]; refstate.IsRef(f.Type()) && !claimed[j] && (d == nil || d.Ref == "") {
			out = append(out, f.Name())
		}
	}
	return out
}
