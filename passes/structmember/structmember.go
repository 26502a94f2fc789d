package structmember

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

// Analyzer reports struct fields holding tracked pointers without a ref member, and stores
// into such fields that no reference backs or whose old reference is dropped on the floor.
var Analyzer = &analysis.Analyzer{
	Name:     "structmember",
	Doc:      "check that structs holding a tracked pointer hold a reference on it in a ref.Ref member",
	URL:      "https://pkg.go.dev/github.com/refvet/refvet/passes/structmember",
	Requires: []*analysis.Analyzer{refstate.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	rep := refstate.NewReporter(pass, "structmember")
	if !rep.Res.Analyzed() {
		return nil, nil // nothing here can hold a tracked pointer
	}
	checkTypes(rep)
	for _, f := range rep.Res.Funcs {
		checkUnbacked(rep, f)
		checkOverwrites(rep, f)
	}
	return nil, nil
}

// checkTypes reports the tracked-pointer fields of the package's declared struct types (and
// of struct types nested in their declarations) that have no ref.Ref member. Anonymous struct
// types elsewhere (test tables, one-off values) are left alone: they are views, not owners.
func checkTypes(rep *refstate.Reporter) {
	for _, file := range rep.Pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			if spec, ok := n.(*ast.TypeSpec); ok {
				checkSpec(rep, spec)
				return false
			}
			return true
		})
	}
}

// checkSpec checks every struct type in one type declaration.
func checkSpec(rep *refstate.Reporter, spec *ast.TypeSpec) {
	ast.Inspect(spec.Type, func(n ast.Node) bool {
		if sx, ok := n.(*ast.StructType); ok {
			owner := "this struct"
			if sx == spec.Type {
				owner = spec.Name.Name
			}
			checkStruct(rep, owner, sx)
		}
		return true
	})
}

func checkStruct(rep *refstate.Reporter, owner string, sx *ast.StructType) {
	st, ok := rep.Pass.TypesInfo.TypeOf(sx).(*types.Struct)
	if !ok {
		return
	}
	i := 0
	for _, field := range sx.Fields.List {
		for _, at := range fieldIdents(field) {
			if m, borrowed := rep.Res.MemberOf(st, i); m < 0 && !borrowed && refstate.IsTrackedPtr(st.Field(i).Type()) {
				reportNoMember(rep, owner, st, i, at)
			}
			i++
		}
	}
}

// fieldIdents returns the node to report each field of one declaration line at: its name, or
// the type of an embedded field.
func fieldIdents(field *ast.Field) []ast.Node {
	if len(field.Names) == 0 {
		return []ast.Node{field.Type}
	}
	out := make([]ast.Node, len(field.Names))
	for i, id := range field.Names {
		out[i] = id
	}
	return out
}

func reportNoMember(rep *refstate.Reporter, owner string, st *types.Struct, i int, at ast.Node) {
	f := st.Field(i)
	typ := types.TypeString(f.Type(), types.RelativeTo(rep.Pass.Pkg))
	msg := fmt.Sprintf("field %s of %s holds a %s with no ref.Ref member for its reference: add `%sRef ref.Ref` or mark it //refvet:borrowed",
		f.Name(), owner, typ, f.Name())
	if free := unclaimedRefs(rep.Res, st); len(free) > 0 {
		msg += fmt.Sprintf(" (or put `//refvet:ref %s` on %s)", f.Name(), strings.Join(free, " or "))
	}
	rep.Reportf(at.Pos(), nil, "%s", msg)
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
		if refstate.IsRef(st.Field(j).Type()) && !claimed[j] && !hasRefDirective(res, st.Field(j)) {
			out = append(out, st.Field(j).Name())
		}
	}
	return out
}

func hasRefDirective(res *refstate.Result, v *types.Var) bool {
	d := res.Fields[v]
	return d != nil && d.Ref != ""
}

// checkUnbacked reports stores of a non-nil tracked pointer whose member gets no reference on
// some path to a return. A local ref that leaks at that return with a reference on the same
// type is the reference meant for the member, and an idle *ref.Ref parameter is the one that
// should have been moved in: pairing and ownerparam report those, and this is the same mistake.
func checkUnbacked(rep *refstate.Reporter, f *refstate.Func) {
	for _, u := range f.UnbackedStoresFirst() {
		if f.LeakFeeds(u) || f.RefParamIdleAt(u.Return) {
			continue
		}
		st := describe(rep, u.Store)
		ret := refstate.ReturnPos(u.Return)
		rep.Reportf(st.at, refstate.Related(ret, fmt.Sprintf("%s holds no reference for %s here", st.member, st.field)),
			"%s stores a tracked pointer with no reference behind it: %s holds none at the return at line %d (Get, TryGet or Move one into it)",
			st.text, st.member, rep.Line(ret))
	}
}

// checkOverwrites reports stores into a field that is known to hold a pointer whose reference
// the member still holds, when the member is not put or moved out afterwards on that path:
// that reference is lost. Where what the field held is unknown, the store is not judged.
func checkOverwrites(rep *refstate.Reporter, f *refstate.Func) {
	for _, s := range f.OrphanedStores() {
		e := f.Events[s.ID]
		before := e.DstBefore
		if !before.May(refstate.Held) && storedBefore(f, s) {
			// The member holds what the caller left, but the pointer is one this function
			// stored without a reference: the mistake, if any, was that earlier store.
			continue
		}
		if f.RefilledWhileHeld(e) {
			continue // pairing or moveref reports the second take into the member
		}
		reportOverwrite(rep, f, e)
	}
}

// storedBefore reports whether the function stores into s's field earlier in the source.
func storedBefore(f *refstate.Func, s *refstate.Site) bool {
	for _, o := range f.Sites {
		if o != nil && o != s && o.Op == refstate.OpStore && o.Dst == s.Dst && o.Pos < s.Pos {
			return true
		}
	}
	return false
}

func reportOverwrite(rep *refstate.Reporter, f *refstate.Func, e refstate.Event) {
	st := describe(rep, e.Site)
	what := "overwrites the pointer"
	if e.Site.StoreNil {
		what = "clears the pointer"
	}
	var related []analysis.RelatedInformation
	held := "holds the reference on the old one"
	if e.DstBefore.May(refstate.Held) && e.DstBefore.Take != 0 {
		take := f.Sites[e.DstBefore.Take]
		related = refstate.Related(take.Pos, fmt.Sprintf("%s took its reference here", st.member))
		held = fmt.Sprintf("holds the reference on the old one (taken at line %d)", rep.Line(take.Pos))
	}
	rep.Reportf(st.at, related, "%s %s while %s still %s: Put it or Move it out first", st.text, what, st.member, held)
}

// A store is how a message shows one store into a field with a member.
type store struct {
	at     token.Pos // where it is reported
	text   string    // the store as written: "t.mm = m", "Task{mm: m}"
	field  string    // the field stored into: "t.mm"
	member string    // its member ref: "t.mmRef"
}

// describe finds store s in the source: in a composite literal, the `field: value` element
// (ssa places the store at its colon); in an assignment, the left-hand side for s's field.
func describe(rep *refstate.Reporter, s *refstate.Site) store {
	member := s.Dst.Name
	base := strings.TrimSuffix(member, "."+s.Dst.Field.Name())
	out := store{at: s.Pos, field: base + "." + s.Field.Name(), member: member}
	out.text = out.field + " = the value"
	file := fileOf(rep.Pass, s.Pos)
	if file == nil {
		return out
	}
	path, _ := astutil.PathEnclosingInterval(file, s.Pos, s.Pos)
	for i, n := range path {
		switch n := n.(type) {
		case *ast.KeyValueExpr:
			if lit, ok := path[i+1].(*ast.CompositeLit); ok {
				typ := render(lit.Type)
				out.at, out.text = n.Pos(), fmt.Sprintf("%s{%s: %s}", typ, render(n.Key), render(n.Value))
				if strings.HasPrefix(base, "new(") { // a literal not assigned to a variable
					out.field, out.member = typ+"."+s.Field.Name(), typ+"."+s.Dst.Field.Name()
				}
			}
			return out
		case *ast.AssignStmt:
			out.at, out.text = assignment(rep, n, s, out.field)
			return out
		case ast.Stmt:
			return out
		}
	}
	return out
}

// assignment picks, in an assignment, the left-hand side that stores into s's field, and
// shows it with the value assigned to it.
func assignment(rep *refstate.Reporter, as *ast.AssignStmt, s *refstate.Site, field string) (token.Pos, string) {
	for i, lhs := range as.Lhs {
		sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
		if !ok || rep.Pass.TypesInfo.Uses[sel.Sel] != s.Field {
			continue
		}
		val := "the value"
		if len(as.Rhs) == len(as.Lhs) {
			val = render(as.Rhs[i])
		}
		return lhs.Pos(), render(lhs) + " = " + val
	}
	return as.Pos(), field + " = the value"
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
