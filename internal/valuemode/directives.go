package valuemode

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
)

// Value mode's directives, for the user's own declarations (SPEC-VALUE.md):
//
//	//refvet:owned [RESULT]      on a function, method or interface method: the result is owned
//	//refvet:borrowed [RESULT]   the same place: the result is borrowed
//	//refvet:consumes PARAM      the same place: the function takes over the caller's reference
//	                             passed in PARAM (the receiver may be named)
//	//refvet:counted [RELEASES[/RETAIN]]
//	                             on a type declaration: the type is counted; RELEASES alone
//	                             makes it release-only (//refvet:counted Release)
//
// RESULT names the result (by name, or by index from 0); it may be left out when exactly one
// result is of a counted type. On a function with an error result, owned means owned when the
// error is nil. //refvet:borrowed on a struct field is SPEC.md's (a tracked pointer that holds
// no reference) and is left to internal/directive, as are every other keyword.
//
// This parser is separate from internal/directive until the two are merged (see
// docs/value-mode-design.md): it reports errors only for its own keywords.

// Directives are the value-mode directives of one file.
type Directives struct {
	Funcs  []*FuncDirective // in source order
	Types  []*TypeDirective // in source order
	Errors []Error          // malformed or misplaced value-mode directives, in source order
}

// FuncDirective is what directives say about one function, method or interface method.
type FuncDirective struct {
	Name   *ast.Ident
	Decl   *ast.FuncDecl // a function or method; nil for an interface method
	Method *ast.Field    // an interface method; nil for a FuncDecl
	Result *ResultDirective
	// Consumes are the parameters named by //refvet:consumes, in directive order.
	Consumes []ParamDirective
}

// ResultDirective is //refvet:owned or //refvet:borrowed.
type ResultDirective struct {
	Own    Ownership // Owned or Borrowed
	Result int       // the result's index
	Pos    token.Pos
}

// ParamDirective is one //refvet:consumes.
type ParamDirective struct {
	Name  string
	Param int // index among the parameters, receiver excluded; -1 the receiver
	Pos   token.Pos
}

// TypeDirective is //refvet:counted on a type declaration.
type TypeDirective struct {
	Spec     *ast.TypeSpec
	Releases []string // empty: the family rule's release method
	Retain   string
	Pos      token.Pos
}

// Error is a malformed or misplaced value-mode directive.
type Error struct {
	Pos token.Pos
	Msg string
}

const dirPrefix = "//refvet:"

// ParseDirectives reads the value-mode directives of file. info may be nil; counted may be
// nil. With both, a directive is checked against the types: //refvet:owned without a result
// needs exactly one counted result, //refvet:consumes a counted parameter, //refvet:counted
// a type that has the methods it names. Without them those checks are skipped (and a bare
// //refvet:owned means result 0).
func ParseDirectives(file *ast.File, info *types.Info, counted func(types.Type) bool) *Directives {
	out := new(Directives)
	if file == nil {
		return out
	}
	r := &dirReader{info: info, counted: counted, out: out, funcs: map[ast.Node]*FuncDirective{}}
	attached := map[*ast.Comment]bool{}
	visit := func(g *ast.CommentGroup, f func(c *ast.Comment, kw, args string)) {
		if g == nil {
			return
		}
		for _, c := range g.List {
			kw, args, ok := keyword(c.Text)
			if !ok {
				continue
			}
			attached[c] = true
			f(c, kw, args)
		}
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			visit(n.Doc, func(c *ast.Comment, kw, args string) { r.onFunc(c, kw, args, n.Name, n, nil, n.Recv, n.Type) })
		case *ast.GenDecl:
			if n.Tok == token.TYPE && len(n.Specs) == 1 && n.Doc != nil {
				spec := n.Specs[0].(*ast.TypeSpec)
				visit(n.Doc, func(c *ast.Comment, kw, args string) { r.onType(c, kw, args, spec) })
			}
		case *ast.TypeSpec:
			for _, g := range []*ast.CommentGroup{n.Doc, n.Comment} {
				visit(g, func(c *ast.Comment, kw, args string) { r.onType(c, kw, args, n) })
			}
		case *ast.InterfaceType:
			for _, m := range n.Methods.List {
				ft, ok := m.Type.(*ast.FuncType)
				if !ok || len(m.Names) != 1 {
					continue
				}
				for _, g := range []*ast.CommentGroup{m.Doc, m.Comment} {
					visit(g, func(c *ast.Comment, kw, args string) { r.onFunc(c, kw, args, m.Names[0], nil, m, nil, ft) })
				}
			}
		case *ast.StructType:
			for _, f := range n.Fields.List {
				for _, g := range []*ast.CommentGroup{f.Doc, f.Comment} {
					visit(g, func(c *ast.Comment, kw, args string) { r.misplaced(c, kw) })
				}
			}
		}
		return true
	})
	for _, g := range file.Comments {
		for _, c := range g.List {
			if kw, _, ok := keyword(c.Text); ok && !attached[c] {
				r.misplaced(c, kw)
			}
		}
	}
	sort.SliceStable(out.Funcs, func(i, j int) bool { return out.Funcs[i].Name.Pos() < out.Funcs[j].Name.Pos() })
	sort.SliceStable(out.Errors, func(i, j int) bool { return out.Errors[i].Pos < out.Errors[j].Pos })
	return out
}

// keyword returns the value-mode keyword of a directive comment and its arguments.
func keyword(text string) (kw, args string, ok bool) {
	rest, ok := strings.CutPrefix(text, dirPrefix)
	if !ok {
		return "", "", false
	}
	kw, args, _ = strings.Cut(rest, " ")
	if t, _, cut := strings.Cut(kw, "\t"); cut {
		kw, args = t, rest[len(t)+1:]
	}
	switch kw {
	case "owned", "borrowed", "consumes", "counted":
		return kw, strings.TrimSpace(args), true
	}
	return "", "", false
}

type dirReader struct {
	info    *types.Info
	counted func(types.Type) bool
	out     *Directives
	funcs   map[ast.Node]*FuncDirective
}

func (r *dirReader) errorf(c *ast.Comment, format string, args ...any) {
	r.out.Errors = append(r.out.Errors, Error{Pos: c.Pos(), Msg: fmt.Sprintf(format, args...)})
}

func (r *dirReader) misplaced(c *ast.Comment, kw string) {
	switch kw {
	case "borrowed":
		return // SPEC.md's field directive, or misplaced: internal/directive's to judge
	case "counted":
		r.errorf(c, "//refvet:counted must be in the doc comment of a type declaration")
	default:
		r.errorf(c, "//refvet:%s must be in the doc comment of a function or method, or on an interface method", kw)
	}
}

func (r *dirReader) onFunc(c *ast.Comment, kw, args string, name *ast.Ident, decl *ast.FuncDecl, method *ast.Field, recv *ast.FieldList, ft *ast.FuncType) {
	if kw == "counted" {
		r.errorf(c, "//refvet:counted must be in the doc comment of a type declaration, not on %s", name.Name)
		return
	}
	key := ast.Node(decl)
	if decl == nil {
		key = method
	}
	fd := r.funcs[key]
	if fd == nil {
		fd = &FuncDirective{Name: name, Decl: decl, Method: method}
	}
	var ok bool
	switch kw {
	case "owned", "borrowed":
		ok = r.result(c, kw, args, fd, ft)
	case "consumes":
		ok = r.consumes(c, args, fd, recv, ft)
	}
	if ok && r.funcs[key] == nil {
		r.funcs[key] = fd
		r.out.Funcs = append(r.out.Funcs, fd)
	}
}

func (r *dirReader) result(c *ast.Comment, kw, args string, fd *FuncDirective, ft *ast.FuncType) bool {
	fname := fd.Name.Name
	own := Owned
	if kw == "borrowed" {
		own = Borrowed
	}
	if fd.Result != nil {
		if fd.Result.Own == own {
			r.errorf(c, "//refvet:%s: duplicate directive on %s", kw, fname)
		} else {
			r.errorf(c, "//refvet:%s: %s is already declared %s", kw, fname, fd.Result.Own)
		}
		return false
	}
	results := fieldNames(ft.Results)
	if len(results) == 0 {
		r.errorf(c, "//refvet:%s: %s has no result", kw, fname)
		return false
	}
	arg, extra, _ := strings.Cut(args, " ")
	if strings.TrimSpace(extra) != "" {
		r.errorf(c, "//refvet:%s takes at most one argument, the result: //refvet:%s [result]", kw, kw)
		return false
	}
	index := -1
	switch {
	case arg != "":
		if n, err := strconv.Atoi(arg); err == nil {
			if n < 0 || n >= len(results) {
				r.errorf(c, "//refvet:%s: %s has no result %d (it has %d)", kw, fname, n, len(results))
				return false
			}
			index = n
		} else {
			for i, id := range results {
				if id != nil && id.Name == arg {
					index = i
				}
			}
			if index < 0 {
				r.errorf(c, "//refvet:%s: %q is not a result of %s", kw, arg, fname)
				return false
			}
		}
		if t := r.fieldType(ft.Results, index); t != nil && r.counted != nil && !r.counted(t) {
			r.errorf(c, "//refvet:%s: result %s of %s has type %s, not a counted type", kw, arg, fname, typeString(t))
			return false
		}
	case r.info != nil && r.counted != nil:
		var found []int
		for i := range results {
			if t := r.fieldType(ft.Results, i); t != nil && r.counted(t) {
				found = append(found, i)
			}
		}
		switch len(found) {
		case 0:
			r.errorf(c, "//refvet:%s: %s has no result of a counted type", kw, fname)
			return false
		case 1:
			index = found[0]
		default:
			r.errorf(c, "//refvet:%s: %s has %d counted results; name one: //refvet:%s <result>", kw, fname, len(found), kw)
			return false
		}
	default:
		index = 0
	}
	fd.Result = &ResultDirective{Own: own, Result: index, Pos: c.Pos()}
	return true
}

func (r *dirReader) consumes(c *ast.Comment, args string, fd *FuncDirective, recv *ast.FieldList, ft *ast.FuncType) bool {
	fname := fd.Name.Name
	name, extra, _ := strings.Cut(args, " ")
	if name == "" || strings.TrimSpace(extra) != "" {
		r.errorf(c, "//refvet:consumes needs exactly one parameter name: //refvet:consumes <param>")
		return false
	}
	index := -2
	var list *ast.FieldList
	var at int
	if name != "_" {
		for i, id := range fieldNames(recv) {
			if id != nil && id.Name == name {
				index, list, at = -1, recv, i
			}
		}
		for i, id := range fieldNames(ft.Params) {
			if id != nil && id.Name == name {
				index, list, at = i, ft.Params, i
			}
		}
	}
	if index < -1 {
		r.errorf(c, "//refvet:consumes: %q is not a parameter of %s", name, fname)
		return false
	}
	if t := r.fieldType(list, at); t != nil && r.counted != nil && !r.counted(t) {
		r.errorf(c, "//refvet:consumes: parameter %s of %s has type %s, not a counted type", name, fname, typeString(t))
		return false
	}
	for _, p := range fd.Consumes {
		if p.Name == name {
			r.errorf(c, "//refvet:consumes %s: duplicate directive on %s", name, fname)
			return false
		}
	}
	fd.Consumes = append(fd.Consumes, ParamDirective{Name: name, Param: index, Pos: c.Pos()})
	return true
}

func (r *dirReader) onType(c *ast.Comment, kw, args string, spec *ast.TypeSpec) {
	if kw == "borrowed" {
		return // not a value-mode directive here: internal/directive reports it as misplaced
	}
	if kw != "counted" {
		r.misplaced(c, kw)
		return
	}
	for _, t := range r.out.Types {
		if t.Spec == spec {
			r.errorf(c, "//refvet:counted: duplicate directive on %s", spec.Name.Name)
			return
		}
	}
	td := &TypeDirective{Spec: spec, Pos: c.Pos()}
	if args != "" {
		if strings.ContainsAny(args, " \t") {
			r.errorf(c, "//refvet:counted takes at most one argument: //refvet:counted [Release[/Retain]]")
			return
		}
		e, err := parseTypeEntry("p.T:"+args, true)
		if err != nil {
			r.errorf(c, "//refvet:counted: %v", strings.Replace(err.Error(), "importpath.Type:", "//refvet:counted ", 1))
			return
		}
		td.Releases, td.Retain = e.Releases, e.Retain
	}
	if r.info != nil {
		if obj, ok := r.info.Defs[spec.Name].(*types.TypeName); ok {
			if msg := checkMethods(obj, td); msg != "" {
				r.errorf(c, "//refvet:counted: %s", msg)
				return
			}
		}
	}
	r.out.Types = append(r.out.Types, td)
}

// checkMethods checks that obj (or a pointer to it) has the methods td names, taking no
// arguments; with none named, a release method of a family.
func checkMethods(obj *types.TypeName, td *TypeDirective) string {
	t := obj.Type()
	ms := types.NewMethodSet(types.NewPointer(t))
	if types.IsInterface(t) {
		ms = types.NewMethodSet(t)
	}
	if len(td.Releases) == 0 {
		for _, f := range Families {
			if noArgMethod(ms, obj.Pkg(), f.Release) != nil {
				return ""
			}
		}
		return fmt.Sprintf("%s has no release method of a family (Release, Free, DecrRef, Unref) taking no arguments; name it: //refvet:counted <Release>", obj.Name())
	}
	for _, m := range append(append([]string(nil), td.Releases...), td.Retain) {
		if m != "" && noArgMethod(ms, obj.Pkg(), m) == nil {
			return fmt.Sprintf("%s has no method %s taking no arguments", obj.Name(), m)
		}
	}
	return ""
}

// fieldNames lists a field list's names, one per parameter or result (nil for unnamed ones).
func fieldNames(fl *ast.FieldList) []*ast.Ident {
	if fl == nil {
		return nil
	}
	var out []*ast.Ident
	for _, f := range fl.List {
		if len(f.Names) == 0 {
			out = append(out, nil)
			continue
		}
		out = append(out, f.Names...)
	}
	return out
}

// fieldType is the type of the i-th entry of fl, or nil without type information.
func (r *dirReader) fieldType(fl *ast.FieldList, i int) types.Type {
	if r.info == nil || fl == nil {
		return nil
	}
	n := 0
	for _, f := range fl.List {
		k := max(len(f.Names), 1)
		if i < n+k {
			return r.info.TypeOf(f.Type)
		}
		n += k
	}
	return nil
}

func typeString(t types.Type) string { return types.TypeString(t, pkgName) }

// Fact is the FuncFact the directives declare, for a function of signature sig: owned means
// owned when the error result is nil, if there is one (SPEC-VALUE); ByDirective.
func (fd *FuncDirective) Fact(sig *types.Signature) *FuncFact {
	f := new(FuncFact)
	if r := fd.Result; r != nil {
		ro := ResultOwnership{Result: r.Result, Own: r.Own, CondResult: -1, Why: ByDirective}
		if r.Own == Owned {
			ro.When, ro.CondResult = resultCond(sig, r.Result)
		}
		f.Results = append(f.Results, ro)
	}
	for _, p := range fd.Consumes {
		f.Params = append(f.Params, ParamEffect{Param: p.Param, Name: p.Name, Effect: Consumes, Why: ByDirective})
	}
	f.sort()
	return f
}

// Object is the function or interface method fd is about, or nil without type information.
func (fd *FuncDirective) Object(info *types.Info) *types.Func {
	if info == nil {
		return nil
	}
	fn, _ := info.Defs[fd.Name].(*types.Func)
	return fn
}

// Fact is the CountedFact the directive declares.
func (td *TypeDirective) Fact() *CountedFact {
	f := &CountedFact{Retain: td.Retain, Releases: td.Releases}
	if len(f.Releases) == 0 {
		f.Releases = nil // the family rule's; resolved against the type by Catalog
	}
	return f
}
