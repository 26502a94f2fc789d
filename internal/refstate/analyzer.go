package refstate

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"runtime/debug"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/directive"
	"github.com/refvet/refvet/internal/valuemode"
)

// Analyzer computes the reference-state dataflow of every function of a package once, for all
// of refvet's passes, and exports each function's Summary as a fact.
var Analyzer = &analysis.Analyzer{
	Name:       "refstate",
	Doc:        "compute the reference-state dataflow shared by refvet's passes",
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
	Requires:   []*analysis.Analyzer{valuemode.Analyzer},
	FactTypes:  []analysis.Fact{(*Summary)(nil), (*FieldFact)(nil), (*usesRef)(nil), (*ValueSummary)(nil), (*usesValues)(nil)},
}

// Result is the engine's output for one package.
type Result struct {
	Funcs []*Func // in source order, closures after their parent
	// Errors are functions the engine gave up on (an internal error): reported, not fatal.
	Errors []InternalError
	// Ignores are the package's //refvet:ignore directives.
	Ignores *directive.Index
	// DirectiveErrors are the malformed //refvet: directives.
	DirectiveErrors []directive.Error
	// Fields are the directives on struct fields (//refvet:borrowed, //refvet:ref).
	Fields map[*types.Var]*directive.Field
	// Values is value mode's summary of the package's functions that have a counted result or
	// parameter: what their callers see (configuration, directives, presets, then what the
	// engine inferred from the body; valuemode.Resolve). Empty when value mode is off or the
	// package uses no counted type.
	Values map[*types.Func]*valuemode.FuncFact
	// Catalog is value mode's catalog of the package's counted types; nil when value mode
	// does not apply to the package.
	Catalog *valuemode.Catalog

	imported map[*types.Var]*FieldFact // directives of other packages' fields, as read so far

	genFiles map[string]bool
}

// InternalError records an engine failure on one function.
type InternalError struct {
	Fn  *ssa.Function
	Msg string
}

// usesRef marks a package that imports the ref library, directly or through its imports.
// Packages without it cost nothing: the engine does not even build their SSA.
type usesRef struct{}

func (*usesRef) AFact()         {}
func (*usesRef) String() string { return "usesRef" }

type pkgAnalysis struct {
	pass     *analysis.Pass
	res      *Result
	funcs    map[*ssa.Function]*Func
	declared map[*types.Func]*Summary // summaries declared by directives
	calls    map[token.Pos]token.Pos  // a call's Lparen → the start of the call expression
	vres     *valuemode.Result        // value mode's catalog and declared facts
	inferred map[*types.Func]*valuemode.FuncFact
	resolved map[*types.Func]*valuemode.FuncFact // other packages' functions, as callers see them
}

// callStart is where the call whose parenthesis is at lparen starts: diagnostics about a
// call point at the call (`m.users.Get(&r)`), not at its parenthesis, as SSA does. It also
// maps a composite literal's brace to where the literal starts, `&` included (`&Data{…}`):
// where an allocation is reported.
func (p *pkgAnalysis) callStart(lparen token.Pos) token.Pos {
	if p.calls == nil {
		p.calls = map[token.Pos]token.Pos{}
		for _, f := range p.pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					p.calls[n.Lparen] = n.Pos()
				case *ast.UnaryExpr:
					if lit, ok := n.X.(*ast.CompositeLit); ok && n.Op == token.AND {
						p.calls[lit.Lbrace] = n.Pos()
					}
				case *ast.CompositeLit:
					if _, seen := p.calls[n.Lbrace]; !seen {
						p.calls[n.Lbrace] = n.Pos()
					}
				case *ast.SelectorExpr:
					p.calls[n.Sel.Pos()] = n.Pos() // a field read is reported where its selector starts
				}
				return true
			})
		}
	}
	if start, ok := p.calls[lparen]; ok {
		return start
	}
	return lparen
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{Fields: map[*types.Var]*directive.Field{}, imported: map[*types.Var]*FieldFact{}, Values: map[*types.Func]*valuemode.FuncFact{}}
	vres, _ := pass.ResultOf[valuemode.Analyzer].(*valuemode.Result)
	usesValues := vres != nil && vres.Catalog != nil
	if pass.Pkg.Path() == RefPkg || !importsRef(pass) && !usesValues {
		return res, nil
	}
	if importsRef(pass) {
		pass.ExportPackageFact(&usesRef{})
	}
	if usesValues {
		res.Catalog = vres.Catalog
	} else {
		vres = nil
	}
	res.genFiles = generatedFiles(pass)
	pkg := &pkgAnalysis{pass: pass, res: res, funcs: map[*ssa.Function]*Func{}, declared: map[*types.Func]*Summary{},
		vres: vres, inferred: map[*types.Func]*valuemode.FuncFact{}, resolved: map[*types.Func]*valuemode.FuncFact{}}
	pkg.readDirectives(res)
	for _, fn := range bottomUp(sourceFuncs(pass, buildSSA(pass))) {
		f, err := pkg.analyze(fn)
		if err != nil {
			res.Errors = append(res.Errors, *err)
			continue
		}
		res.Funcs = append(res.Funcs, f)
		pkg.export(fn, f.Summary)
		if obj, ok := fn.Object().(*types.Func); ok && f.values != nil && fn.Parent() == nil {
			pkg.inferred[obj] = f.values
		}
	}
	pkg.exportValues()
	return res, nil
}

func importsRef(pass *analysis.Pass) bool {
	for _, imp := range pass.Pkg.Imports() {
		if imp.Path() == RefPkg || pass.ImportPackageFact(imp, new(usesRef)) {
			return true
		}
	}
	return false
}

// analyze runs the engine on one function; a panic becomes an InternalError naming it, so one
// bad function never takes the whole run down.
func (p *pkgAnalysis) analyze(fn *ssa.Function) (f *Func, ierr *InternalError) {
	defer func() {
		if r := recover(); r != nil {
			ierr = &InternalError{Fn: fn, Msg: fmt.Sprintf("%v\n%s", r, debug.Stack())}
		}
	}()
	f = analyzeFunc(p, fn)
	p.funcs[fn] = f
	return f, nil
}

// export publishes a function's summary for other packages, when callers have a use for it.
func (p *pkgAnalysis) export(fn *ssa.Function, sum *Summary) {
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() != p.pass.Pkg || fn.Parent() != nil {
		return
	}
	if sum.empty() && !hasRefParam(fn.Signature) || p.declared[obj] != nil {
		return
	}
	p.pass.ExportObjectFact(obj, sum)
}

func hasRefParam(sig *types.Signature) bool {
	for i := 0; i < sig.Params().Len(); i++ {
		if IsRefPtr(sig.Params().At(i).Type()) {
			return true
		}
	}
	return false
}

// summaryOf returns what is known of the callee's effect on refs, or nil if nothing is.
func (p *pkgAnalysis) summaryOf(v callView) *Summary {
	if v.obj != nil && p.declared[v.obj] != nil {
		return p.declared[v.obj]
	}
	if v.fn != nil {
		if f := p.funcs[declared(v.fn)]; f != nil {
			return f.Summary
		}
	}
	if v.obj == nil || v.obj.Pkg() == nil || v.obj.Pkg() == p.pass.Pkg {
		return nil
	}
	sum := new(Summary)
	if p.pass.ImportObjectFact(v.obj, sum) {
		// Effect.pos is a position in the exporting package. Gob-encoded facts (go vet) drop
		// it, but the standalone checker hands facts over in memory, where it survives and
		// would move the caller's diagnostics into the callee: clear it on a copy.
		sum.Effects = append([]Effect(nil), sum.Effects...)
		for i := range sum.Effects {
			sum.Effects[i].pos = token.NoPos
		}
		return sum
	}
	return nil
}

// declared is the function whose body fn runs: an instantiation's generic origin, or the
// method a thunk (method expression) or bound-method wrapper (method value) calls.
func declared(fn *ssa.Function) *ssa.Function {
	if o := fn.Origin(); o != nil {
		return o
	}
	if fn.Synthetic != "" {
		if obj, ok := fn.Object().(*types.Func); ok {
			if m := fn.Prog.FuncValue(obj); m != nil {
				return m
			}
		}
	}
	return fn
}

// noReturn reports whether a call never returns.
func (p *pkgAnalysis) noReturn(c *ssa.CallCommon) bool {
	v := viewOf(c)
	if v.obj != nil && knownNoReturn(v.obj) {
		return true
	}
	sum := p.summaryOf(v)
	return sum != nil && sum.NoReturn
}

// buildSSA builds the package's SSA form; its imports are created from types only.
func buildSSA(pass *analysis.Pass) *ssa.Package {
	// GlobalDebug keeps the source names of values (DebugRef), so messages say "m", not "t3".
	prog := ssa.NewProgram(pass.Fset, ssa.GlobalDebug)
	// Direct imports only, as x/tools' buildssa does: go/ssa makes the functions of packages
	// it has not been given on demand. Creating every transitive import cost more than the
	// analysis itself and kept each package's copy of them alive for the whole run.
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()
	return pkg
}

// sourceFuncs lists the package's functions with bodies in source order, each followed by its
// closures.
func sourceFuncs(pass *analysis.Pass, pkg *ssa.Package) []*ssa.Function {
	var out []*ssa.Function
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		out = append(out, fn)
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			if fn := pkg.Prog.FuncValue(obj); fn != nil && fn.Blocks != nil {
				add(fn)
			}
		}
	}
	if init := pkg.Func("init"); init != nil {
		add(init)
	}
	return out
}

// Analyzed reports whether the engine looked at the package at all: a package that imports
// nothing using refs has no tracked types and costs nothing.
func (res *Result) Analyzed() bool { return res.Ignores != nil }
