package refstate

import (
	"go/ast"
	"go/types"

	"github.com/refvet/refvet/internal/directive"
)

// readDirectives parses the package's //refvet: directives once for every pass: the ignores
// for suppression, the declared summaries for functions and interface methods, and the field
// directives for structmember.
func (p *pkgAnalysis) readDirectives(res *Result) {
	pass := p.pass
	var files []*directive.File
	for _, f := range pass.Files {
		df := directive.Parse(pass.Fset, f, pass.TypesInfo)
		files = append(files, df)
		res.DirectiveErrors = append(res.DirectiveErrors, df.Errors...)
		for decl, fd := range df.Funcs {
			p.declare(pass.TypesInfo.Defs[decl.Name], fd)
		}
		for field, fd := range df.Methods {
			for _, name := range field.Names {
				p.declare(pass.TypesInfo.Defs[name], fd)
			}
		}
		for field, d := range df.Fields {
			for _, name := range fieldNames(field) {
				if v, ok := pass.TypesInfo.Defs[name].(*types.Var); ok {
					res.Fields[v] = d
					p.exportFieldFact(v, d)
				}
			}
		}
	}
	res.Ignores = directive.NewIndex(pass.Fset, files)
}

// declare records the summary a directive declares for obj and exports it, so that callers in
// other packages see it too.
func (p *pkgAnalysis) declare(obj types.Object, fd *directive.Func) {
	fn, ok := obj.(*types.Func)
	if !ok {
		return
	}
	sig := fn.Type().(*types.Signature)
	cond, result := resultCond(sig)
	sum := &Summary{}
	add := func(op Op, params []directive.Param) {
		for _, prm := range params {
			e := Effect{Op: op, Param: prm.Index, Src: -1, CountParam: -2, CountResult: -1, CountArg: -2, When: cond, Result: result}
			if cond == Always {
				e.Result = -1
			}
			sum.Effects = append(sum.Effects, e)
		}
	}
	add(OpGet, fd.Acquires)
	add(OpPut, fd.Releases)
	p.declared[fn] = sum
	p.pass.ExportObjectFact(fn, sum)
}

// fieldNames returns the identifiers that define field's variables: its names, or for an
// embedded field the type name that go/types records as its definition.
func fieldNames(field *ast.Field) []*ast.Ident {
	if len(field.Names) > 0 {
		return field.Names
	}
	t := field.Type
	if star, ok := t.(*ast.StarExpr); ok {
		t = star.X
	}
	switch t := t.(type) {
	case *ast.Ident:
		return []*ast.Ident{t}
	case *ast.SelectorExpr:
		return []*ast.Ident{t.Sel}
	case *ast.IndexExpr:
		return fieldNames(&ast.Field{Type: t.X})
	case *ast.IndexListExpr:
		return fieldNames(&ast.Field{Type: t.X})
	}
	return nil
}
