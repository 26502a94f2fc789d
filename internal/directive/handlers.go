package directive

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"
)

// directive interprets one directive comment.
func (p *reader) directive(d dirComment) {
	text := d.comment.Text[len(prefix):]
	kw, args := cutField(text)
	if !strings.HasPrefix(text, kw) {
		kw = "" // "//refvet: acquires r": the keyword must follow the colon
	}
	switch kw {
	case "acquires", "releases":
		p.funcDirective(d, kw, args)
	case "borrowed":
		if o := p.owners[d.group]; o.fn != nil || o.method != nil {
			p.result(d, kw, args)
		} else {
			p.borrowed(d, args)
		}
	case "owned":
		p.result(d, kw, args)
	case "consumes":
		p.consumes(d, args)
	case "counted":
		p.counted(d, args)
	case "ref":
		p.ref(d, args)
	case "ignore":
		p.ignore(d, args)
	case "":
		p.errorf(d, "//refvet: directive without a keyword; want one of %s", keywords)
	default:
		p.errorf(d, "//refvet:%s is not a refvet directive; want one of %s", kw, keywords)
	}
}

const keywords = "acquires, releases, borrowed, ref, ignore, owned, consumes, counted"

func (p *reader) errorf(d dirComment, format string, args ...any) {
	p.out.Errors = append(p.out.Errors, Error{Pos: d.comment.Pos(), Msg: fmt.Sprintf(format, args...)})
}

// funcDirective handles //refvet:acquires NAME and //refvet:releases NAME.
func (p *reader) funcDirective(d dirComment, kw, args string) {
	name, extra := cutField(args)
	if name == "" || extra != "" {
		p.errorf(d, "//refvet:%s needs exactly one parameter name: //refvet:%s <param>", kw, kw)
		return
	}
	o := p.owners[d.group]
	var ft *ast.FuncType
	var fname string
	switch {
	case o.fn != nil:
		ft, fname = o.fn.Type, identName(o.fn.Name)
	case o.method != nil:
		ft, fname = o.method.Type.(*ast.FuncType), identName(o.method.Names[0])
	default:
		p.errorf(d, "//refvet:%s must be in the doc comment of a function or an interface method", kw)
		return
	}
	index, id := paramIndex(ft, name)
	if index < 0 {
		p.errorf(d, "//refvet:%s: %q is not a parameter of %s", kw, name, fname)
		return
	}
	if t := p.typeOf(id); t != nil && !isRefPtr(t) {
		p.errorf(d, "//refvet:%s: parameter %s of %s has type %s, want *ref.Ref", kw, name, fname, typeString(t))
		return
	}
	fn := p.funcFor(o)
	list := &fn.Acquires
	if kw == "releases" {
		list = &fn.Releases
	}
	for _, prev := range *list {
		if prev.Name == name {
			p.errorf(d, "//refvet:%s %s: duplicate directive on %s", kw, name, fname)
			return
		}
	}
	*list = append(*list, Param{Name: name, Index: index, Pos: d.comment.Pos()})
}

// funcFor returns the summary of o's function, creating it.
func (p *reader) funcFor(o owner) *Func {
	if o.fn != nil {
		return getOrNew(&p.out.Funcs, o.fn)
	}
	return getOrNew(&p.out.Methods, o.method)
}

func getOrNew[K comparable, V any](m *map[K]*V, k K) *V {
	if *m == nil {
		*m = make(map[K]*V)
	}
	v, ok := (*m)[k]
	if !ok {
		v = new(V)
		(*m)[k] = v
	}
	return v
}

// identName is id's name, tolerating the nil a hand-built AST may hold.
func identName(id *ast.Ident) string {
	if id == nil {
		return "_"
	}
	return id.Name
}

// paramIndex returns the index of the parameter called name in ft and its
// identifier, or -1. Blank parameters cannot be named.
func paramIndex(ft *ast.FuncType, name string) (int, *ast.Ident) {
	if ft == nil || ft.Params == nil || name == "_" {
		return -1, nil
	}
	i := 0
	for _, f := range ft.Params.List {
		if len(f.Names) == 0 {
			i++
			continue
		}
		for _, id := range f.Names {
			if id != nil && id.Name == name {
				return i, id
			}
			i++
		}
	}
	return -1, nil
}

// typeOf returns the type of the object defined by id, or nil when type
// information is absent; with none we cannot check and stay quiet.
func (p *reader) typeOf(id *ast.Ident) types.Type {
	if p.info == nil || id == nil {
		return nil
	}
	if obj := p.info.Defs[id]; obj != nil {
		return obj.Type()
	}
	return nil
}

// typeString writes t with package names, as the user wrote it (ref.Ref,
// not github.com/refvet/refvet/ref.Ref).
func typeString(t types.Type) string {
	return types.TypeString(t, func(pkg *types.Package) string { return pkg.Name() })
}

func isRefPtr(t types.Type) bool {
	ptr, ok := types.Unalias(t).(*types.Pointer)
	return ok && isRef(ptr.Elem())
}

func isRef(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := named.Obj()
	return obj.Name() == "Ref" && obj.Pkg() != nil && obj.Pkg().Path() == refPkgPath
}

// borrowed handles //refvet:borrowed. Text after the keyword is the author's note on why the
// pointer holds no reference ("parent outlives its children"); it is kept out of the way.
func (p *reader) borrowed(d dirComment, _ string) {
	o := p.owners[d.group]
	if o.field == nil {
		p.errorf(d, "//refvet:borrowed must be on a struct field (on the line above it or at the end of its line), or in the doc comment of a function or an interface method (its result is borrowed)")
		return
	}
	f := p.fieldFor(o.field, d)
	switch {
	case f.Borrowed:
		p.errorf(d, "//refvet:borrowed: duplicate directive on field %s", fieldName(o.field))
	case f.Ref != "":
		p.errorf(d, "//refvet:borrowed: field %s is a ref.Ref (it has //refvet:ref); borrowed belongs on a tracked pointer", fieldName(o.field))
	default:
		f.Borrowed = true
	}
}

// ref handles //refvet:ref NAME.
func (p *reader) ref(d dirComment, args string) {
	name, extra := cutField(args)
	if name == "" || extra != "" {
		p.errorf(d, "//refvet:ref needs exactly one field name: //refvet:ref <field>")
		return
	}
	o := p.owners[d.group]
	if o.field == nil {
		p.errorf(d, "//refvet:ref must be on a ref.Ref struct field (on the line above it or at the end of its line)")
		return
	}
	if msg := p.checkRef(o, name); msg != "" {
		p.errorf(d, "//refvet:ref: %s", msg)
		return
	}
	f := p.fieldFor(o.field, d)
	switch {
	case f.Ref != "":
		p.errorf(d, "//refvet:ref: field %s already belongs to %s", fieldName(o.field), f.Ref)
	case f.Borrowed:
		p.errorf(d, "//refvet:ref: field %s is //refvet:borrowed; ref belongs on its ref.Ref member", fieldName(o.field))
	default:
		f.Ref = name
	}
}

// checkRef explains why "//refvet:ref name" cannot stand on o.field, or
// returns "".
func (p *reader) checkRef(o owner, name string) string {
	if len(o.field.Names) != 1 {
		return "must be on a single named field, alone on its declaration"
	}
	self := o.field.Names[0]
	if name == self.Name {
		return fmt.Sprintf("field %s names itself", name)
	}
	if !hasField(o.strct, name) {
		return fmt.Sprintf("%q is not a field of this struct", name)
	}
	if t := p.typeOf(self); t != nil && !isRef(t) {
		return fmt.Sprintf("field %s has type %s, want ref.Ref", self.Name, typeString(t))
	}
	return ""
}

func hasField(st *ast.StructType, name string) bool {
	if st == nil || st.Fields == nil {
		return false
	}
	for _, f := range st.Fields.List {
		for _, id := range f.Names {
			if id.Name == name {
				return true
			}
		}
	}
	return false
}

// fieldFor returns the directives record of f, creating it with the
// position of d, its first directive.
func (p *reader) fieldFor(f *ast.Field, d dirComment) *Field {
	rec := getOrNew(&p.out.Fields, f)
	if !rec.Pos.IsValid() {
		rec.Pos = d.comment.Pos()
	}
	return rec
}

func fieldName(f *ast.Field) string {
	if len(f.Names) == 0 {
		return types.ExprString(f.Type)
	}
	names := make([]string, len(f.Names))
	for i, id := range f.Names {
		names[i] = id.Name
	}
	return strings.Join(names, ", ")
}

// ignore handles //refvet:ignore PASS REASON.
func (p *reader) ignore(d dirComment, args string) {
	pass, reason := cutField(args)
	switch {
	case pass == "":
		p.errorf(d, "//refvet:ignore needs a pass and a reason: //refvet:ignore <pass> <reason>")
	case !IsPass(pass):
		p.errorf(d, "//refvet:ignore: unknown pass %q; want one of %s", pass, strings.Join(passes, ", "))
	case reason == "":
		p.errorf(d, "//refvet:ignore needs a reason: //refvet:ignore %s <reason>", pass)
	default:
		p.out.Ignores = append(p.out.Ignores, &Ignore{
			Pass:   pass,
			Reason: reason,
			Pos:    d.comment.Pos(),
			Line:   p.target(d),
		})
	}
}

// sortErrors puts errs in source order. Directives are visited in the
// order of File.Comments, which the parser keeps sorted; a hand-built AST
// may not.
func sortErrors(errs []Error) {
	slices.SortStableFunc(errs, func(a, b Error) int { return cmp.Compare(a.Pos, b.Pos) })
}
