package valuemode

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/refvet/refvet/internal/valuemode/presets"
)

// A Catalog answers value mode's questions about types and calls for one package under
// analysis: which types are counted, which calls retain or release them, and what the
// configuration and the presets say about functions' results and parameters. It is not safe
// for concurrent use (the engine analyses one package at a time with it).
type Catalog struct {
	pkg     *types.Package
	off     bool
	presets []*presets.Preset // those that apply to pkg
	modules []string          // preset modules pkg imports, sorted

	// Counted-type entries by TypeKey, one map per source, looked up in precedence order.
	config, directive, preset map[string]typeEntry
	notCounted                map[string]string // TypeKey → origin (config, then presets)
	typeFact                  func(*types.TypeName) *CountedFact

	configFuncs, presetFuncs map[string]*rawFunc // FuncKey → entries

	msets typeutil.MethodSetCache
	memo  typeutil.Map // types.Type → *Counted (nil: not counted)
}

type typeEntry struct {
	retain   string
	releases []string // empty: the family rule's
	source   Source
	origin   string
}

// rawFunc is what the configuration or a preset says about one function, before the
// signature is known: results by index, parameters by name.
type rawFunc struct {
	results map[int]rawResult
	params  map[string]Effect
	why     Why
}

type rawResult struct {
	own  Ownership
	cond string // "", "always", "err-nil"
}

// Options configure a Catalog.
type Options struct {
	// Config is the user's configuration; nil is the default (value mode on, presets only).
	Config *Config
	// Presets are the presets to consider; nil means presets.All(). Only those that apply to
	// the package are used.
	Presets []*presets.Preset
	// Modules are import paths the package is known to import transitively, beyond what
	// walking types.Package.Imports finds (export data may not list every indirect import: the
	// engine passes the Modules of its imports' PackageFacts).
	Modules []string
	// CountedFact returns the //refvet:counted fact of a type declared in another package, if
	// any (the engine's pass.ImportObjectFact); nil: none.
	CountedFact func(*types.TypeName) *CountedFact
}

// New returns the catalog of pkg.
func New(pkg *types.Package, opts Options) (*Catalog, error) {
	c := &Catalog{
		pkg:         pkg,
		config:      map[string]typeEntry{},
		directive:   map[string]typeEntry{},
		preset:      map[string]typeEntry{},
		notCounted:  map[string]string{},
		typeFact:    opts.CountedFact,
		configFuncs: map[string]*rawFunc{},
		presetFuncs: map[string]*rawFunc{},
	}
	cfg := opts.Config
	if cfg == nil {
		cfg = new(Config)
	}
	c.off = cfg.Off
	all := opts.Presets
	if all == nil {
		var err error
		if all, err = presets.All(); err != nil {
			return nil, err
		}
	}
	imports := importClosure(pkg, opts.Modules)
	for _, p := range all {
		if !p.Applies(imports) {
			continue
		}
		c.presets = append(c.presets, p)
		for _, m := range p.Modules {
			if presetImported(imports, m) {
				c.modules = append(c.modules, m)
			}
		}
		origin := "preset " + p.Project
		for _, t := range p.Types {
			e := typeEntry{releases: t.Release, source: FromPreset, origin: origin}
			if !t.ReleaseOnly {
				e.retain = t.Retain
			}
			c.preset[t.Type] = e
		}
		for _, n := range p.NotCounted {
			c.notCounted[n.Type] = origin
		}
		for _, r := range p.Results {
			own := Owned
			switch r.Ownership {
			case presets.Borrowed:
				own = Borrowed
			case presets.Untracked:
				own = Untracked
			}
			rawFuncOf(c.presetFuncs, r.Func, ByPreset).results[r.Result] = rawResult{own: own, cond: r.When}
		}
		for _, pa := range p.Params {
			eff := Borrows
			if pa.Effect == presets.Consumes {
				eff = Consumes
			}
			rawFuncOf(c.presetFuncs, pa.Func, ByPreset).params[pa.Param] = eff
		}
	}
	slices.Sort(c.modules)
	c.modules = slices.Compact(c.modules)
	for _, e := range cfg.Counted {
		c.config[e.Type] = typeEntry{retain: e.Retain, releases: e.Releases, source: FromConfig, origin: "config -valuemode.counted=" + e.Raw}
	}
	for _, e := range cfg.NotCounted {
		c.notCounted[e.Type] = "config -valuemode.notcounted=" + e.Raw
		delete(c.preset, e.Type)
	}
	for _, e := range cfg.Owned {
		rawFuncOf(c.configFuncs, e.Func, ByConfig).results[e.Result] = rawResult{own: Owned, cond: e.Cond}
	}
	for _, e := range cfg.Borrowed {
		rawFuncOf(c.configFuncs, e.Func, ByConfig).results[e.Result] = rawResult{own: Borrowed}
	}
	for _, e := range cfg.Consumes {
		rawFuncOf(c.configFuncs, e.Func, ByConfig).params[e.Param] = Consumes
	}
	for _, e := range cfg.Borrows {
		rawFuncOf(c.configFuncs, e.Func, ByConfig).params[e.Param] = Borrows
	}
	return c, nil
}

func rawFuncOf(m map[string]*rawFunc, key string, why Why) *rawFunc {
	f := m[key]
	if f == nil {
		f = &rawFunc{results: map[int]rawResult{}, params: map[string]Effect{}, why: why}
		m[key] = f
	}
	return f
}

// importClosure lists pkg's path and the paths of everything it imports, directly or not,
// plus extra.
func importClosure(pkg *types.Package, extra []string) []string {
	seen := map[*types.Package]bool{}
	out := slices.Clone(extra)
	var walk func(p *types.Package)
	walk = func(p *types.Package) {
		if p == nil || seen[p] {
			return
		}
		seen[p] = true
		out = append(out, p.Path())
		for _, imp := range p.Imports() {
			walk(imp)
		}
	}
	walk(pkg)
	return out
}

func presetImported(imports []string, module string) bool {
	for _, imp := range imports {
		if imp == module || strings.HasPrefix(imp, module+"/") {
			return true
		}
	}
	return false
}

// Enabled reports whether value mode is on.
func (c *Catalog) Enabled() bool { return !c.off }

// Presets returns the projects of the presets that apply to the package.
func (c *Catalog) Presets() []string {
	var out []string
	for _, p := range c.presets {
		out = append(out, p.Project)
	}
	return out
}

// Modules returns the preset modules the package imports, directly or not, sorted: what its
// PackageFact records.
func (c *Catalog) Modules() []string { return c.modules }

// DeclareType records a //refvet:counted directive of the package on obj (see
// Directives.Types); it takes precedence over the presets and the family rule, not over the
// configuration.
func (c *Catalog) DeclareType(obj *types.TypeName, f *CountedFact, origin string) {
	if obj == nil || obj.Pkg() == nil || f == nil {
		return
	}
	c.directive[obj.Pkg().Path()+"."+obj.Name()] = typeEntry{retain: f.Retain, releases: f.Releases, source: FromDirective, origin: origin}
	c.memo = typeutil.Map{}
}

// Counted reports whether t is a counted type and how. Aliases are looked through.
func (c *Catalog) Counted(t types.Type) (Counted, bool) {
	if c.off || t == nil {
		return Counted{}, false
	}
	t = types.Unalias(t)
	if v := c.memo.At(t); v != nil {
		if p := v.(*Counted); p != nil {
			return *p, true
		}
		return Counted{}, false
	}
	res := c.counted(t)
	c.memo.Set(t, res)
	if res == nil {
		return Counted{}, false
	}
	return *res, true
}

func (c *Catalog) counted(t types.Type) *Counted {
	var named *types.Named
	switch u := t.(type) {
	case *types.Pointer:
		named = namedOf(u)
		if named == nil {
			return nil // *interface{...}, **T: no methods of their own
		}
	case *types.Named:
		named = u.Origin()
	case *types.Interface, *types.TypeParam:
	default:
		return nil
	}
	mset := c.methodSet(t)
	if named != nil {
		key := TypeKey(named)
		if e, ok := c.config[key]; ok {
			return c.fromEntry(t, named, mset, e)
		}
		if origin, ok := c.notCounted[key]; ok && strings.HasPrefix(origin, "config") {
			return nil
		}
		if e, ok := c.directive[key]; ok {
			return c.fromEntry(t, named, mset, e)
		}
		if c.typeFact != nil {
			if f := c.typeFact(named.Obj()); f != nil {
				return c.fromEntry(t, named, mset, typeEntry{retain: f.Retain, releases: f.Releases, source: FromDirective, origin: "directive in " + named.Obj().Pkg().Path()})
			}
		}
		if _, ok := c.notCounted[key]; ok {
			return nil
		}
		if e, ok := c.preset[key]; ok {
			return c.fromEntry(t, named, mset, e)
		}
	}
	for _, f := range Families {
		if noArgMethod(mset, nil, f.Release) != nil && noArgMethod(mset, nil, f.Retain) != nil {
			return &Counted{Type: t, Named: named, Family: f, Releases: []string{f.Release}, Source: FromMethodSet, Origin: "method set"}
		}
	}
	return nil
}

// fromEntry checks an entry against t's method set: the type counts only if a value of it can
// call a release method that takes no arguments. An entry without releases (a bare
// -valuemode.counted=T) uses the first family whose release method t has, with its retain
// method if t has it too.
func (c *Catalog) fromEntry(t types.Type, named *types.Named, mset *types.MethodSet, e typeEntry) *Counted {
	pkg := named.Obj().Pkg()
	out := &Counted{Type: t, Named: named, Source: e.source, Origin: e.origin}
	if len(e.releases) == 0 {
		for _, f := range Families {
			if noArgMethod(mset, pkg, f.Release) == nil {
				continue
			}
			out.Family, out.Releases = f, []string{f.Release}
			if noArgMethod(mset, pkg, f.Retain) == nil {
				out.Family.Retain, out.ReleaseOnly = "", true
			}
			return out
		}
		return nil
	}
	for _, r := range e.releases {
		if noArgMethod(mset, pkg, r) != nil {
			out.Releases = append(out.Releases, r)
		}
	}
	if len(out.Releases) == 0 {
		return nil
	}
	out.Family.Release = out.Releases[0]
	if e.retain != "" && noArgMethod(mset, pkg, e.retain) != nil {
		out.Family.Retain = e.retain
	} else {
		out.ReleaseOnly = true
	}
	return out
}

func (c *Catalog) methodSet(t types.Type) *types.MethodSet {
	if tp, ok := t.(*types.TypeParam); ok {
		// A type parameter's methods are its constraint's.
		return c.msets.MethodSet(tp.Constraint().Underlying())
	}
	return c.msets.MethodSet(t)
}

// DeclaredCounted lists the counted named types the package declares (by the family rule, a
// directive or the configuration), as pointer or value, in scope order: whether the package's
// PackageFact says Declares.
func (c *Catalog) DeclaredCounted() []Counted {
	if c.off || c.pkg == nil {
		return nil
	}
	var out []Counted
	scope := c.pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		if ct, ok := c.Counted(tn.Type()); ok {
			out = append(out, ct)
		} else if ct, ok := c.Counted(types.NewPointer(tn.Type())); ok {
			out = append(out, ct)
		}
	}
	return out
}

// Declared returns what the configuration (config) or the presets (preset) say about fn's
// results and parameters, resolved against its signature. Parameters the entries name but the
// signature does not have are left out (a preset written against another version).
func (c *Catalog) Declared(fn *types.Func) (config, preset *FuncFact) {
	if c.off {
		return nil, nil
	}
	key := FuncKey(fn)
	if key == "" {
		return nil, nil
	}
	sig := fn.Type().(*types.Signature)
	return resolveRaw(c.configFuncs[key], sig), resolveRaw(c.presetFuncs[key], sig)
}

func resolveRaw(r *rawFunc, sig *types.Signature) *FuncFact {
	if r == nil {
		return nil
	}
	f := new(FuncFact)
	for i, res := range r.results {
		if i >= sig.Results().Len() {
			continue
		}
		ro := ResultOwnership{Result: i, Own: res.own, CondResult: -1, Why: r.why}
		if res.own == Owned {
			switch res.cond {
			case "always":
			case "err-nil", "":
				ro.When, ro.CondResult = resultCond(sig, i)
				if res.cond == "err-nil" && ro.When != ErrNil {
					continue // err-nil on a function without an error result: nothing to apply
				}
			}
		}
		f.Results = append(f.Results, ro)
	}
	for name, eff := range r.params {
		i := ParamIndex(sig, name)
		if i < -1 {
			continue
		}
		f.Params = append(f.Params, ParamEffect{Param: i, Name: name, Effect: eff, Why: r.why})
	}
	if f.Empty() {
		return nil
	}
	f.sort()
	return f
}

// ParamIndex is the index of the parameter called name (receiver excluded), -1 for the
// receiver, -2 if there is none.
func ParamIndex(sig *types.Signature, name string) int {
	if name == "" || name == "_" {
		return -2
	}
	if r := sig.Recv(); r != nil && r.Name() == name {
		return -1
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i).Name() == name {
			return i
		}
	}
	return -2
}

// Resolve is the ownership of fn's results and parameters as callers must see it, by
// precedence: the configuration, then directives (the package's own, or the fact exported by
// fn's package), then the presets, then what the engine inferred from the body, then — only
// when fn has no body to read (hasBody false: interface methods, assembly) — the naming rule.
func (c *Catalog) Resolve(fn *types.Func, directive, inferred *FuncFact, hasBody bool) *FuncFact {
	config, preset := c.Declared(fn)
	var naming *FuncFact
	if !hasBody {
		naming = c.NamingRule(fn)
	}
	return Merge(config, directive, preset, inferred, naming)
}

// NamingRule is value mode's documented naming rule, for functions whose body cannot be read:
// a function or method named New, or New followed by an upper-case letter or a digit (New,
// NewArray, NewRecordBatch, NewSlice; not Newline or News), returns owned every result of a
// counted type, owned when its error result is nil if it has one. Nothing else is decided by
// name: accessors that look borrowed (Column, Get) are left untracked, since a wrong
// "borrowed" makes findings and a missing answer only silence.
func (c *Catalog) NamingRule(fn *types.Func) *FuncFact {
	if c.off || fn == nil || !IsNewName(fn.Name()) {
		return nil
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return nil
	}
	f := new(FuncFact)
	for i := 0; i < sig.Results().Len(); i++ {
		if _, ok := c.Counted(sig.Results().At(i).Type()); !ok {
			continue
		}
		when, cr := resultCond(sig, i)
		f.Results = append(f.Results, ResultOwnership{Result: i, Own: Owned, When: when, CondResult: cr, Why: ByNaming})
	}
	if f.Empty() {
		return nil
	}
	return f
}

// IsNewName reports whether name is New or New followed by an upper-case letter or a digit.
func IsNewName(name string) bool {
	rest, ok := strings.CutPrefix(name, "New")
	if !ok {
		return false
	}
	return rest == "" || rest[0] >= 'A' && rest[0] <= 'Z' || rest[0] >= '0' && rest[0] <= '9' || rest[0] == '_'
}

// String describes the catalog, for the summaries command and test failures.
func (c *Catalog) String() string {
	if c.off {
		return "value mode off"
	}
	return fmt.Sprintf("value mode for %s: presets %v", c.pkg.Path(), c.Presets())
}
