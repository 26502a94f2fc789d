package directive

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// Value mode's directives (SPEC-VALUE.md): //refvet:owned [RESULT], //refvet:borrowed
// [RESULT] and //refvet:consumes PARAM on functions and interface methods, //refvet:counted
// [RELEASES[/RETAIN]] on type declarations.

// valueFunc returns the value-mode record of o's function, creating it.
func (p *reader) valueFunc(o owner) *ValueFunc {
	if o.fn != nil {
		return getOrNew(&p.out.ValueFuncs, o.fn)
	}
	return getOrNew(&p.out.ValueMethods, o.method)
}

// existingResult returns the result directive already read for o's function, if any.
func (p *reader) existingResult(o owner) *Result {
	var fn *ValueFunc
	if o.fn != nil {
		fn = p.out.ValueFuncs[o.fn]
	} else {
		fn = p.out.ValueMethods[o.method]
	}
	if fn == nil {
		return nil
	}
	return fn.Result
}

// funcOwner returns the function or interface method a directive group is attached to: its
// name, type, receiver (nil for an interface method) and signature (nil without types).
func (p *reader) funcOwner(o owner) (name string, ft *ast.FuncType, recv *ast.FieldList, sig *types.Signature, ok bool) {
	p.local = nil
	var id *ast.Ident
	switch {
	case o.fn != nil:
		id, ft, recv = o.fn.Name, o.fn.Type, o.fn.Recv
	case o.method != nil:
		id, ft = o.method.Names[0], o.method.Type.(*ast.FuncType)
	default:
		return "", nil, nil, nil, false
	}
	if ft == nil {
		return "", nil, nil, nil, false
	}
	if p.info != nil && id != nil {
		if fn, isFn := p.info.Defs[id].(*types.Func); isFn {
			sig, _ = fn.Type().(*types.Signature)
			p.local = fn.Pkg()
		}
	}
	return identName(id), ft, recv, sig, true
}

// result handles //refvet:owned [RESULT] and //refvet:borrowed [RESULT] on a function.
func (p *reader) result(d dirComment, kw, args string) {
	fname, ft, _, sig, ok := p.funcOwner(p.owners[d.group])
	if !ok {
		p.errorf(d, "//refvet:%s must be in the doc comment of a function or an interface method", kw)
		return
	}
	arg, extra := cutField(args)
	if extra != "" {
		p.errorf(d, "//refvet:%s takes at most one argument, the result: //refvet:%s [result]", kw, kw)
		return
	}
	o := p.owners[d.group]
	if prev := p.existingResult(o); prev != nil {
		if prev.Borrowed == (kw == "borrowed") {
			p.errorf(d, "//refvet:%s: duplicate directive on %s", kw, fname)
		} else {
			p.errorf(d, "//refvet:%s: %s is already declared %s", kw, fname, ownedWord(prev.Borrowed))
		}
		return
	}
	results := fieldNames(ft.Results)
	if len(results) == 0 {
		p.errorf(d, "//refvet:%s: %s has no result", kw, fname)
		return
	}
	resultType := func(i int) types.Type {
		if sig == nil || i >= sig.Results().Len() {
			return nil
		}
		return sig.Results().At(i).Type()
	}
	index := -1
	switch {
	case arg != "":
		if n, err := strconv.Atoi(arg); err == nil {
			if n < 0 || n >= len(results) {
				p.errorf(d, "//refvet:%s: %s has no result %d (it has %d)", kw, fname, n, len(results))
				return
			}
			index = n
		} else {
			for i, id := range results {
				if id != nil && id.Name == arg && arg != "_" {
					index = i
				}
			}
			if index < 0 {
				p.errorf(d, "//refvet:%s: %q is not a result of %s", kw, arg, fname)
				return
			}
		}
		if t := resultType(index); t != nil && p.vals.Counted != nil && !p.vals.Counted(t) {
			p.errorf(d, "//refvet:%s: result %s of %s has type %s, not a counted type", kw, arg, fname, p.localTypeString(t))
			return
		}
	case sig != nil && p.vals.Counted != nil:
		var found []int
		for i := range sig.Results().Len() {
			if p.vals.Counted(resultType(i)) {
				found = append(found, i)
			}
		}
		switch len(found) {
		case 0:
			p.errorf(d, "//refvet:%s: %s has no result of a counted type", kw, fname)
			return
		case 1:
			index = found[0]
		default:
			p.errorf(d, "//refvet:%s: %s has %d counted results; name one: //refvet:%s <result>", kw, fname, len(found), kw)
			return
		}
	default:
		index = 0
	}
	p.valueFunc(o).Result = &Result{Borrowed: kw == "borrowed", Index: index, Pos: d.comment.Pos()}
}

// localTypeString writes t as the user would in the package of the directive: its own types
// unqualified, others by package name.
func (p *reader) localTypeString(t types.Type) string {
	return types.TypeString(t, func(pkg *types.Package) string {
		if pkg == p.local {
			return ""
		}
		return pkg.Name()
	})
}

func ownedWord(borrowed bool) string {
	if borrowed {
		return "borrowed"
	}
	return "owned"
}

// consumes handles //refvet:consumes PARAM.
func (p *reader) consumes(d dirComment, args string) {
	fname, ft, recv, sig, ok := p.funcOwner(p.owners[d.group])
	if !ok {
		p.errorf(d, "//refvet:consumes must be in the doc comment of a function or an interface method")
		return
	}
	name, extra := cutField(args)
	if name == "" || extra != "" {
		p.errorf(d, "//refvet:consumes needs exactly one parameter name: //refvet:consumes <param>")
		return
	}
	index := -2
	if name != "_" {
		for _, id := range fieldNames(recv) {
			if id != nil && id.Name == name {
				index = -1
			}
		}
		if i, _ := paramIndex(ft, name); i >= 0 {
			index = i
		}
	}
	if index < -1 {
		p.errorf(d, "//refvet:consumes: %q is not a parameter of %s", name, fname)
		return
	}
	if sig != nil && p.vals.Counted != nil {
		var t types.Type
		switch {
		case index == -1 && sig.Recv() != nil:
			t = sig.Recv().Type()
		case index >= 0 && index < sig.Params().Len():
			t = sig.Params().At(index).Type()
		}
		if t != nil && !p.vals.Counted(t) {
			p.errorf(d, "//refvet:consumes: parameter %s of %s has type %s, not a counted type", name, fname, p.localTypeString(t))
			return
		}
	}
	fn := p.valueFunc(p.owners[d.group])
	for _, prev := range fn.Consumes {
		if prev.Name == name {
			p.errorf(d, "//refvet:consumes %s: duplicate directive on %s", name, fname)
			return
		}
	}
	fn.Consumes = append(fn.Consumes, ValueParam{Name: name, Index: index, Pos: d.comment.Pos()})
}

// counted handles //refvet:counted [RELEASES[/RETAIN]] on a type declaration.
func (p *reader) counted(d dirComment, args string) {
	o := p.owners[d.group]
	if o.typ == nil {
		if name, _, _, _, ok := p.funcOwner(o); ok {
			p.errorf(d, "//refvet:counted must be in the doc comment of a type declaration, not on %s", name)
		} else {
			p.errorf(d, "//refvet:counted must be in the doc comment of a type declaration")
		}
		return
	}
	tname := identName(o.typ.Name)
	arg, extra := cutField(args)
	if extra != "" {
		p.errorf(d, "//refvet:counted takes at most one argument: //refvet:counted [Release[/Retain]]")
		return
	}
	if p.out.Types[o.typ] != nil {
		p.errorf(d, "//refvet:counted: duplicate directive on %s", tname)
		return
	}
	t := &Type{Pos: d.comment.Pos()}
	if arg != "" {
		var err error
		if t.Releases, t.Retain, err = ParseMethods(arg); err != nil {
			p.errorf(d, "//refvet:counted: %v (want //refvet:counted Release[/Retain], several releases joined by |)", err)
			return
		}
	}
	if p.info != nil && p.vals.CheckCounted != nil {
		if obj, ok := p.info.Defs[o.typ.Name].(*types.TypeName); ok {
			if msg := p.vals.CheckCounted(obj, t.Releases, t.Retain); msg != "" {
				p.errorf(d, "//refvet:counted: %s", msg)
				return
			}
		}
	}
	if p.out.Types == nil {
		p.out.Types = make(map[*ast.TypeSpec]*Type)
	}
	p.out.Types[o.typ] = t
}

// ParseMethods parses RELEASES[/RETAIN], the methods of //refvet:counted and of
// -valuemode.counted entries: one release method or several joined by "|", then optionally
// "/" and the retain method.
func ParseMethods(s string) (releases []string, retain string, err error) {
	rel, ret, hasRetain := strings.Cut(s, "/")
	for _, r := range strings.Split(rel, "|") {
		if !token.IsIdentifier(r) {
			return nil, "", fmt.Errorf("release method %q is not a Go identifier", r)
		}
		releases = append(releases, r)
	}
	if hasRetain {
		if !token.IsIdentifier(ret) {
			return nil, "", fmt.Errorf("retain method %q is not a Go identifier", ret)
		}
		retain = ret
	}
	return releases, retain, nil
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
