package ownerparam

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/refstate"
)

// heldMember is a member ref, of an object that does not come from the function's parameters,
// holding a reference on an object the function returns.
type heldMember struct {
	loc   *refstate.Loc
	take  *refstate.Site
	ret   *ssa.Return
	owner string
}

// heldMembers lists the member refs that hold a reference on a returned object at a return,
// each with its first such return in source order. Members of parameters (and of what they
// lead to) are the caller's refs; members of objects obtained from calls are not judged, since
// they may well belong to a parameter too.
func heldMembers(fn function) []heldMember {
	var out []heldMember
	seen := map[*refstate.Loc]int{}
	for _, rs := range fn.Returns {
		for _, l := range fn.Locs {
			st := rs.Locs[l.ID]
			if l.Kind != refstate.Member || !st.MayHold() || st.Take == 0 {
				continue
			}
			take := fn.Sites[st.Take]
			owner := ownerOf(l.Root)
			if owner == "" || !returns(rs.Return, take.Count.Obj) {
				continue
			}
			h := heldMember{loc: l, take: take, ret: rs.Return, owner: owner}
			if i, ok := seen[l]; ok {
				if refstate.ReturnPos(rs.Return) < refstate.ReturnPos(out[i].ret) {
					out[i] = h
				}
				continue
			}
			seen[l] = len(out)
			out = append(out, h)
		}
	}
	return out
}

func returns(ret *ssa.Return, obj ssa.Value) bool {
	for _, r := range ret.Results {
		if obj != nil && r == obj {
			return true
		}
	}
	return false
}

// ownerOf describes the object at the root of a member ref when it certainly does not come
// from the function's parameters: "a package-level variable" or "an object made here". It
// returns "" when the object is, or may be, reached from a parameter.
func ownerOf(root ssa.Value) string {
	for {
		switch v := root.(type) {
		case *ssa.Global:
			return "a package-level variable"
		case *ssa.Alloc:
			return "an object made here"
		case *ssa.FieldAddr:
			root = v.X
		case *ssa.IndexAddr:
			root = v.X
		case *ssa.UnOp:
			if v.Op != token.MUL {
				return ""
			}
			root = v.X
		default:
			return "" // a parameter, a captured variable, a call's result, a phi: maybe the caller's
		}
	}
}
