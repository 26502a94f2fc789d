package valuemode

import (
	"flag"
	"go/types"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/directive"
	"github.com/refvet/refvet/internal/valuemode/presets"
)

// Analyzer builds value mode's Catalog for each package and exports what other packages need
// of it: a PackageFact on every package that declares or uses counted types, a CountedFact on
// every type declared counted by //refvet:counted, and a FuncFact on every function whose
// results or parameters the directives, the configuration or the presets describe (the engine
// adds what it infers from bodies). Its flags are the configuration (Config); drivers expose
// them as -valuemode.counted=... etc. with RegisterFlags, and -valuemode=false turns value
// mode off.
//
// Packages that import nothing counted and declare no counted type cost one package fact
// lookup per import and a look at their own type declarations: no Catalog, no facts.
var Analyzer = &analysis.Analyzer{
	Name:       "valuemode",
	Doc:        "find the counted types of a package and export value mode's declared ownership facts (SPEC-VALUE.md)",
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{(*PackageFact)(nil), (*CountedFact)(nil), (*FuncFact)(nil)},
}

// config is the configuration the flags set, shared by the analyzer's own flags and those
// RegisterFlags gives drivers.
var config Config

func init() { config.RegisterFlags(&Analyzer.Flags, "") }

// RegisterFlags registers value mode's command-line flags on fs, bound to the configuration
// Analyzer uses: -valuemode (false turns value mode off) and -valuemode.counted,
// -valuemode.notcounted, -valuemode.owned, -valuemode.borrowed, -valuemode.consumes,
// -valuemode.borrows. A bad entry fails fs.Parse with a *FlagError's message.
func RegisterFlags(fs *flag.FlagSet) { config.RegisterFlags(fs, "valuemode.") }

// Result is the analyzer's output for one package.
type Result struct {
	// Catalog is nil when value mode is off or the package neither uses nor declares counted
	// types (the fast path): the engine has nothing to do for values there.
	Catalog *Catalog
	// Directives are the package's //refvet: directives (every kind), checked against the
	// catalog; nil with Catalog.
	Directives *Directives
	// Funcs are the facts exported for the package's functions and interface methods
	// (configuration, then directives, then presets; see Merge), and the directive facts of
	// interface methods of local types, which cannot be exported.
	Funcs map[*types.Func]*FuncFact
}

var allPresets = sync.OnceValues(presets.All)

func run(pass *analysis.Pass) (any, error) {
	res := &Result{}
	if config.Off {
		return res, nil
	}
	all, err := allPresets()
	if err != nil {
		return nil, err
	}
	var modules []string
	imported := false
	for _, imp := range pass.Pkg.Imports() {
		var pf PackageFact
		if pass.ImportPackageFact(imp, &pf) {
			imported = true
			modules = append(modules, pf.Modules...)
		}
	}
	if !imported && !mayDeclare(pass, all) {
		return res, nil
	}
	cat, err := New(pass.Pkg, Options{
		Config:  &config,
		Presets: all,
		Modules: modules,
		CountedFact: func(tn *types.TypeName) *CountedFact {
			f := new(CountedFact)
			if pass.ImportObjectFact(tn, f) {
				return f
			}
			return nil
		},
	})
	if err != nil {
		return nil, err
	}
	dirs := cat.ReadDirectives(pass.Fset, pass.Files, pass.TypesInfo)
	declared := len(cat.DeclaredCounted()) > 0
	if !imported && !declared && len(cat.Modules()) == 0 {
		return res, nil
	}
	res.Catalog, res.Directives, res.Funcs = cat, dirs, map[*types.Func]*FuncFact{}
	pass.ExportPackageFact(&PackageFact{Modules: cat.Modules(), Declares: declared})
	for tn, f := range dirs.Types {
		if tn.Parent() == pass.Pkg.Scope() {
			pass.ExportObjectFact(tn, f)
		}
	}
	for _, fn := range PackageFuncs(pass.Pkg) {
		config, preset := cat.Declared(fn)
		if f := Merge(config, dirs.Funcs[fn], preset); f != nil {
			res.Funcs[fn] = f
			pass.ExportObjectFact(fn, f)
		}
	}
	for fn, f := range dirs.Funcs {
		if res.Funcs[fn] == nil {
			res.Funcs[fn] = f // a method of a local interface type: not exportable
		}
	}
	return res, nil
}

// mayDeclare is the fast path's test for a package none of whose imports uses counted types:
// could it declare one? It does if it is under a preset's module, or a direct import is (its
// fact may be missing when the driver ran nothing on it), or the configuration counts one of
// its types, or a file has a //refvet:counted directive, or a type of its scope declares a
// method named like a family's release method (the family rule needs one).
func mayDeclare(pass *analysis.Pass, all []*presets.Preset) bool {
	paths := []string{pass.Pkg.Path()}
	for _, imp := range pass.Pkg.Imports() {
		paths = append(paths, imp.Path())
	}
	for _, p := range all {
		if p.Applies(paths) {
			return true
		}
	}
	for _, e := range config.Counted {
		if strings.HasPrefix(e.Type, pass.Pkg.Path()+".") {
			return true
		}
	}
	for _, f := range pass.Files {
		for _, g := range f.Comments {
			for _, c := range g.List {
				if strings.HasPrefix(c.Text, "//refvet:counted") {
					return true
				}
			}
		}
	}
	release := func(name string) bool {
		_, ok := familyOfRelease(name)
		return ok
	}
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok {
			continue
		}
		for i := range named.NumMethods() {
			if release(named.Method(i).Name()) {
				return true
			}
		}
		if it, ok := named.Underlying().(*types.Interface); ok {
			for i := range it.NumMethods() {
				if release(it.Method(i).Name()) {
					return true
				}
			}
		}
	}
	return false
}

// PackageFuncs lists the package-level functions, the methods of its named types and the
// methods of its named interfaces, in scope order.
func PackageFuncs(pkg *types.Package) []*types.Func {
	var out []*types.Func
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *types.Func:
			out = append(out, obj)
		case *types.TypeName:
			named, ok := obj.Type().(*types.Named)
			if !ok || obj.IsAlias() {
				continue
			}
			for i := range named.NumMethods() {
				out = append(out, named.Method(i))
			}
			if it, ok := named.Underlying().(*types.Interface); ok {
				for i := range it.NumExplicitMethods() {
					out = append(out, it.ExplicitMethod(i))
				}
			}
		}
	}
	return out
}

// DirectiveErrors returns the malformed value-mode and other directives the analyzer found, for
// the engine to report (nil on the fast path).
func (r *Result) DirectiveErrors() []directive.Error {
	if r == nil || r.Directives == nil {
		return nil
	}
	return r.Directives.Errors
}
