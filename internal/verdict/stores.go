package verdict

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/refvet/refvet/internal/refstate"
)

// unbacked adds the stores of a non-nil tracked pointer whose member gets no reference on some
// path to a return. A local ref that leaks at that return with a reference on the stored type
// took the reference meant for the member, and an idle *ref.Ref parameter is the one that
// should have been moved in: those are the same mistake, which pairing and ownerparam describe
// first.
func (fc *funcCauses) unbacked() {
	for _, u := range fc.f.UnbackedStores() {
		st := describeStore(fc.pass, u.Store)
		v := fc.view(Structmember, st.At, Unbacked{Store: st, Return: u.Return})
		switch c := fc.leakFeeding(u); {
		case c != nil:
			c.Views = append(c.Views, v)
		case fc.idleAt(u.Return):
			// idleParams made a cause of the function's own, or of its idle parameter.
			fc.owner[0].Views = append(fc.owner[0].Views, v)
		default:
			fc.add(v)
		}
	}
}

// leakFeeding returns the cause of a local ref that, at the return through which store u goes
// unbacked, still holds a reference on an object of the stored field's type.
func (fc *funcCauses) leakFeeding(u refstate.Unbacked) *Cause {
	elem := u.Store.Field.Type()
	if p, ok := types.Unalias(elem).(*types.Pointer); ok {
		elem = p.Elem()
	}
	for _, lk := range fc.leakList {
		if lk.Return == u.Return && refstate.CountOn(lk.Take.Count, elem) {
			if c := fc.byLeak[[2]int32{int32(lk.Loc.ID), lk.Take.ID}]; c != nil {
				return c
			}
		}
	}
	return nil
}

// orphans adds the stores into a field known to hold a pointer whose reference the member
// still holds, when the member is not put or moved out on that path: that reference is lost.
// A second take into the member while it still holds that reference is the same mistake,
// described first at the take by pairing (a double get) or moveref (a move into a full ref)
// when the reference was taken in this function, and at the store by structmember when it is
// the one the struct kept.
func (fc *funcCauses) orphans() {
	for _, s := range fc.f.OrphanedStores() {
		e, ok := fc.f.EventOf(s)
		if !ok || !e.DstBefore.May(refstate.Held) && fc.storedBefore(s) {
			// The member holds what the caller left, but the pointer is one this function
			// stored without a reference: the mistake, if any, was that earlier store.
			continue
		}
		st := describeStore(fc.pass, s)
		v := fc.view(Structmember, st.At, Orphan{Store: st, Event: e})
		refill, ok := fc.refill(e)
		switch {
		case !ok:
			fc.add(v)
		case fc.byEvent[refill] != nil && e.DstBefore.MayHold():
			// The member holds a reference this function took: the second take into it is
			// the mistake the reader sees first (a Get the loop comes back to, a Get or Move
			// that should have been a put).
			c := fc.byEvent[refill]
			c.Views = append(c.Views, v)
		case fc.byEvent[refill] != nil:
			// The member holds what its struct kept: the overwrite is where it was lost.
			c := fc.byEvent[refill]
			c.Views = append([]View{v}, c.Views...)
		}
	}
}

// refill returns the Get, TryGet or Move into the stored member that takes while the member
// still holds the reference it held at store event e (taken at the same site, or the one its
// struct kept on entry).
func (fc *funcCauses) refill(e refstate.Event) (*refstate.Site, bool) {
	take := e.DstBefore.Take
	if !e.DstBefore.MayBeFull() {
		return nil, false
	}
	for _, o := range fc.f.Ran() {
		s := o.Site
		if s.Dst != e.Site.Dst || s.Deferred || !o.DstBefore.MayBeFull() || o.DstBefore.Take != take {
			continue
		}
		if s.Op == refstate.OpGet || s.Op == refstate.OpTryGet || s.Op == refstate.OpMove {
			return s, true
		}
	}
	return nil, false
}

// storedBefore reports whether the function stores into s's field before s on every path to
// it (an earlier store that dominates it).
func (fc *funcCauses) storedBefore(s *refstate.Site) bool {
	for _, o := range fc.f.AllSites() {
		if o != s && o.Op == refstate.OpStore && o.Dst == s.Dst && o.Precedes(s) {
			return true
		}
	}
	return false
}

// A Store is how a diagnostic shows one store into a field with a member.
type Store struct {
	Site   *refstate.Site
	At     token.Pos // where it is reported: the `field: value` of a literal, the assigned operand
	End    token.Pos
	Text   string // the store as written: "t.mm = m", "Task{mm: m}"
	Field  string // the field stored into: "t.mm"
	Member string // its member ref: "t.mmRef"
}

// describeStore finds store s in the source: in a composite literal, the `field: value`
// element (SSA places the store at its colon); in an assignment, the left-hand side for s's
// field.
func describeStore(pass *analysis.Pass, s *refstate.Site) Store {
	member := s.Dst.Name
	base := strings.TrimSuffix(member, "."+s.Dst.Field.Name())
	out := Store{Site: s, At: s.Pos, Field: base + "." + s.Field.Name(), Member: member}
	out.Text = out.Field + " = the value"
	file := fileOf(pass, s.Pos)
	if file == nil {
		return out
	}
	path, _ := astutil.PathEnclosingInterval(file, s.Pos, s.Pos)
	for i, n := range path {
		switch n := n.(type) {
		case *ast.KeyValueExpr:
			if lit, ok := path[i+1].(*ast.CompositeLit); ok {
				typ := render(lit.Type)
				out.At, out.End = n.Pos(), n.End()
				out.Text = typ + "{" + render(n.Key) + ": " + render(n.Value) + "}"
				if strings.HasPrefix(base, "new(") { // a literal not assigned to a variable
					out.Field, out.Member = typ+"."+s.Field.Name(), typ+"."+s.Dst.Field.Name()
				}
			}
			return out
		case *ast.AssignStmt:
			out.assignment(pass, n)
			return out
		case ast.Stmt:
			return out
		}
	}
	return out
}

// assignment picks, in an assignment, the left-hand side that stores into the field, and
// shows it with the value assigned to it.
func (st *Store) assignment(pass *analysis.Pass, as *ast.AssignStmt) {
	st.At, st.End = as.Pos(), as.End()
	for i, lhs := range as.Lhs {
		sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
		if !ok || pass.TypesInfo.Uses[sel.Sel] != st.Site.Field {
			continue
		}
		val := "the value"
		switch {
		case len(as.Rhs) == len(as.Lhs):
			val = render(as.Rhs[i])
			st.End = as.Rhs[i].End()
		case len(as.Rhs) == 1:
			// `e.blk, err = d.Read(n, &e.blkRef)`: result i of the call.
			val = fmt.Sprintf("result %d of %s", i+1, render(as.Rhs[0]))
			st.End = as.Rhs[0].End()
		default:
			st.End = lhs.End()
		}
		st.At, st.Text = lhs.Pos(), render(lhs)+" = "+val
		return
	}
}

func fileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// render is e as the source spells it, shortened for a message.
func render(e ast.Expr) string {
	if e == nil {
		return "the literal"
	}
	s := types.ExprString(e)
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return s
}
