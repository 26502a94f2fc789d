package refstate

import (
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
			for _, name := range field.Names {
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
			e := Effect{Op: op, Param: prm.Index, Src: -1, CountParam: -2, CountResult: -1, When: cond, Result: result}
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
