package main

import (
	"cmp"
	"flag"
	"fmt"
	"go/ast"
	"go/types"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/refvet/refvet/internal/refstate"
	"github.com/refvet/refvet/internal/valuemode"
	"github.com/refvet/refvet/internal/valuemode/presets"
)

// refvet summaries prints what value mode concluded about the packages named on the command
// line: their counted types, and for each function with a counted result or parameter what
// its callers see of it (docs/summaries.md). It is how a maintainer checks a preset or a
// directive, and how a reviewer reads why a finding was made.

const summariesUsage = `usage: refvet summaries [-json] [-all] [-tags=...] [-valuemode.*=...] packages

Summaries prints, for each package named (not its dependencies), the counted types it declares
or uses and, for each exported function and method with a counted result or parameter, what
refvet concluded: each counted result owned, borrowed or mixed (and on which condition), each
counted parameter consumed or borrowed, and why (inferred from its body, a preset, a
directive, the configuration, the naming rule). Functions that nothing decides are listed as
not tracked. See docs/summaries.md for the formats.

Exit status: 0, or 1 when a package does not load, type-check or analyse.

Flags:
`

// summariesOptions are the subcommand's settings.
type summariesOptions struct {
	json bool // -json: the documented JSON schema instead of text
	all  bool // -all: unexported functions and methods too
	load options
}

// summaries implements "refvet summaries"; preset carries the directory and environment of the
// go command for tests (nil: this process's). It returns the exit status.
func summaries(preset *options, args []string, stdout, stderr io.Writer) int {
	opts := &summariesOptions{}
	fs := flag.NewFlagSet("refvet summaries", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&opts.json, "json", false, "print JSON (schema in docs/summaries.md)")
	fs.BoolVar(&opts.all, "all", false, "list unexported functions and methods too")
	fs.StringVar(&opts.load.tags, "tags", "", "comma-separated list of build `tags` to use when loading packages")
	valuemode.RegisterFlags(fs)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			printSummariesUsage(stdout, fs)
			return exitClean
		}
		fmt.Fprintf(stderr, "refvet summaries: %v\nRun 'refvet help summaries' for usage.\n", err)
		return exitErrors
	}
	if fs.NArg() == 0 {
		printSummariesUsage(stderr, fs)
		return exitErrors
	}
	if preset != nil {
		opts.load.dir, opts.load.env = preset.dir, preset.env
	}
	valueModeOff := fs.Lookup("valuemode").Value.String() == "false"

	roots, status := analyzeRoots(&opts.load, fs.Args(), stderr)
	out := &summaryOutput{Version: summariesVersion, Packages: []*pkgSummary{}}
	for _, r := range roots {
		out.Packages = append(out.Packages, summarize(r.pkg, r.vm, r.rs, opts.all, valueModeOff))
	}
	var err error
	if opts.json {
		err = writeSummariesJSON(stdout, out)
	} else {
		err = writeSummariesText(stdout, out)
	}
	if err != nil {
		fmt.Fprintf(stderr, "refvet summaries: %v\n", err)
		return exitErrors
	}
	return status
}

// A root is a package named on the command line, with its analyzers' results (nil where one
// failed).
type root struct {
	pkg *packages.Package
	vm  *valuemode.Result
	rs  *refstate.Result
}

// analyzeRoots loads the packages as the standalone driver does and runs the engine on them;
// it returns the root packages that loaded and type-checked (sorted by ID), and the exit
// status: exitErrors if a package did not load, type-check or analyse (reported on stderr,
// each error naming its package).
func analyzeRoots(opts *options, patterns []string, stderr io.Writer) ([]root, int) {
	analyzers := []*analysis.Analyzer{refstate.Analyzer, valuemode.Analyzer}
	guardSummaries.Do(func() { guardPanics(analyzers) })
	pkgs, err := load(opts, patterns, analyzers)
	if err != nil {
		fmt.Fprintf(stderr, "refvet summaries: %v\n", err)
		return nil, exitErrors
	}
	status := exitClean
	broken := map[*packages.Package]bool{}
	for _, msg := range loadErrors(pkgs, broken) {
		fmt.Fprintf(stderr, "refvet summaries: %s\n", msg)
		status = exitErrors
	}
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		fmt.Fprintf(stderr, "refvet summaries: %v\n", err)
		return nil, exitErrors
	}
	byPkg := map[*packages.Package]map[*analysis.Analyzer]*checker.Action{}
	for _, act := range graph.Roots {
		if byPkg[act.Package] == nil {
			byPkg[act.Package] = map[*analysis.Analyzer]*checker.Action{}
		}
		byPkg[act.Package][act.Analyzer] = act
	}
	sorted := slices.Clone(pkgs)
	slices.SortFunc(sorted, func(a, b *packages.Package) int { return cmp.Compare(a.ID, b.ID) })
	var roots []root
	for _, p := range sorted {
		if broken[p] || p.Types == nil {
			continue
		}
		r := root{pkg: p}
		for _, act := range byPkg[p] {
			if act.Err != nil && failedDep(act) {
				continue // the prerequisite's error is reported
			}
			if act.Err != nil {
				fmt.Fprintf(stderr, "refvet summaries: package %s: %s: %v\n", p.PkgPath, act.Analyzer.Name, act.Err)
				status = exitErrors
				continue
			}
			switch res := act.Result.(type) {
			case *valuemode.Result:
				r.vm = res
			case *refstate.Result:
				r.rs = res
			}
		}
		roots = append(roots, r)
	}
	return roots, status
}

// guardSummaries makes panics in the analyzers errors once per process (summaries may run more
// than once in tests).
var guardSummaries sync.Once

func printSummariesUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, summariesUsage)
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// summariesHelp prints the subcommand's usage, for "refvet help summaries".
func summariesHelp(w io.Writer) {
	fs := flag.NewFlagSet("refvet summaries", flag.ContinueOnError)
	fs.Bool("json", false, "print JSON (schema in docs/summaries.md)")
	fs.Bool("all", false, "list unexported functions and methods too")
	fs.String("tags", "", "comma-separated list of build `tags` to use when loading packages")
	valuemode.RegisterFlags(fs)
	printSummariesUsage(w, fs)
}

// loadErrors returns the errors of the loaded packages, dependencies included, each naming its
// package, and marks in broken the root packages that cannot be summarized (errors of their
// own or of a dependency: the analysis is skipped on them).
func loadErrors(pkgs []*packages.Package, broken map[*packages.Package]bool) []string {
	var errs []string
	seen := map[string]bool{}
	bad := map[*packages.Package]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			msg := e.Msg
			if e.Pos != "" && e.Pos != "-" {
				msg = shortPath(e.Pos) + ": " + msg
			}
			msg = "package " + cmp.Or(p.PkgPath, p.ID) + ": " + msg
			if !seen[msg] {
				seen[msg] = true
				errs = append(errs, msg)
			}
		}
		if len(p.Errors) > 0 || p.IllTyped {
			bad[p] = true
		}
		for _, imp := range p.Imports {
			if bad[imp] {
				bad[p] = true
			}
		}
	})
	for _, p := range pkgs {
		if bad[p] {
			broken[p] = true
		}
	}
	return errs
}

// The output, text or JSON. The JSON schema is documented in docs/summaries.md; fields are
// only ever added to it (Version changes if one is removed or changes meaning).
const summariesVersion = 1

type summaryOutput struct {
	Version  int           `json:"version"`
	Packages []*pkgSummary `json:"packages"`
}

type pkgSummary struct {
	Path string `json:"package"`
	// ValueMode: "on", "off" (-valuemode=false), "unused" (the package neither declares nor
	// uses a counted type: value mode's fast path) or "failed" (the analysis failed: the error
	// is on stderr and the status is 1).
	ValueMode string   `json:"value_mode"`
	Presets   []string `json:"presets"` // the presets that apply to the package
	// Engine is whether the engine (refstate) gave summaries for the package's functions; when
	// false, what is shown is only what is declared (configuration, directives, presets) and
	// the naming rule.
	Engine bool           `json:"engine"`
	Types  []*typeSummary `json:"types"`
	Funcs  []*funcSummary `json:"funcs"`
}

type typeSummary struct {
	Type        string   `json:"type"` // as Go writes it, package-qualified by name: "*table.Table"
	Key         string   `json:"key"`  // importpath.Name, as presets and -valuemode flags name it
	Declared    bool     `json:"declared"`
	Retain      string   `json:"retain"`   // "" for a release-only type
	Releases    []string `json:"releases"` // the main release method first
	ReleaseOnly bool     `json:"release_only"`
	Source      string   `json:"source"` // "method set", "preset", "directive" or "config"
	Origin      string   `json:"origin"` // "method set", "preset pebble", "directive at f.go:12", "config -valuemode.counted=..."
}

type funcSummary struct {
	Name      string `json:"name"`      // "OpenTable", "(*Table).ID", "Allocator.Allocate"
	Signature string `json:"signature"` // "func (*Table) ID() uint64"
	// Source is where the summary comes from: "engine" (what the engine resolved: inference
	// layered under configuration, directives and presets), "declared" (configuration,
	// directives, presets and, for functions without a body, the naming rule; the engine gave
	// nothing) or "none" (not tracked: nothing decides).
	Source  string           `json:"source"`
	Results []*resultSummary `json:"results"`
	Params  []*paramSummary  `json:"params"`
}

type resultSummary struct {
	Index     int    `json:"index"`
	Name      string `json:"name,omitempty"`
	Type      string `json:"type"`
	Ownership string `json:"ownership"` // owned, borrowed, mixed, untracked
	// Condition of an owned result: "when err == nil" (the name of the error result), "when ok
	// is true", "when non-nil", "always" (a reference is held whatever the other results say),
	// or "" (unconditional, the function has no other result; or not owned).
	Condition string `json:"condition"`
	Why       string `json:"why"`            // inferred, preset, directive, config, naming, none
	Origin    string `json:"origin"`         // readable: "preset pebble", "directive at f.go:12", ...
	Note      string `json:"note,omitempty"` // a preset entry's source note
}

type paramSummary struct {
	Index  int    `json:"index"` // -1: the receiver
	Name   string `json:"name"`
	Type   string `json:"type"`
	Effect string `json:"effect"` // consumes, borrows, consumes on some paths
	Why    string `json:"why"`    // inferred, preset, directive, config, default
	Origin string `json:"origin"`
	Note   string `json:"note,omitempty"`
}

// summarize builds the summary of one root package from its analyzers' results (either may be
// nil: the analyzer failed).
func summarize(p *packages.Package, vres *valuemode.Result, rres *refstate.Result, all, off bool) *pkgSummary {
	ps := &pkgSummary{Path: p.PkgPath, Presets: []string{}, Types: []*typeSummary{}, Funcs: []*funcSummary{}}
	var cat *valuemode.Catalog
	if vres != nil {
		cat = vres.Catalog
	}
	if cat == nil && rres != nil {
		cat = rres.Catalog
	}
	switch {
	case off:
		ps.ValueMode = "off"
		return ps
	case vres == nil && rres == nil:
		ps.ValueMode = "failed" // reported on stderr
		return ps
	case cat == nil:
		ps.ValueMode = "unused"
		return ps
	}
	ps.ValueMode = "on"
	ps.Presets = append(ps.Presets, cat.Presets()...)
	s := &summarizer{pkg: p.Types, cat: cat, dirs: directivePositions(p), notes: presetNotes(cat)}
	ps.Engine = rres != nil && len(rres.Values) > 0

	declared := map[string]bool{}
	for _, c := range cat.DeclaredCounted() {
		ts := s.typeSummary(c, true)
		declared[ts.Key] = true
		if all || c.Named == nil || c.Named.Obj().Exported() {
			ps.Types = append(ps.Types, ts)
		}
	}
	used := map[string]*typeSummary{}
	var funcs []*funcSummary
	for _, fn := range valuemode.PackageFuncs(p.Types) {
		if !all && !fn.Exported() {
			continue
		}
		var inferred *valuemode.FuncFact
		if rres != nil {
			inferred = rres.Values[fn]
		}
		var decl *valuemode.FuncFact
		if vres != nil {
			decl = vres.Funcs[fn]
		}
		if inferred == nil && !s.hasBody(p, fn) {
			decl = valuemode.Merge(decl, cat.NamingRule(fn))
		}
		fs, types := s.funcSummary(fn, inferred, decl)
		if fs == nil {
			continue
		}
		funcs = append(funcs, fs)
		for _, c := range types {
			key := valuemode.TypeKey(c.Type)
			if key != "" && !declared[key] && used[key] == nil {
				used[key] = s.typeSummary(c, false)
			}
		}
	}
	usedList := make([]*typeSummary, 0, len(used))
	for _, ts := range used {
		usedList = append(usedList, ts)
	}
	slices.SortFunc(usedList, func(a, b *typeSummary) int { return cmp.Compare(a.Key, b.Key) })
	ps.Types = append(ps.Types, usedList...)
	ps.Funcs = append(ps.Funcs, funcs...)
	return ps
}

type summarizer struct {
	pkg   *types.Package
	cat   *valuemode.Catalog
	dirs  map[*types.Func]map[string]string // function → directive kind or "consumes NAME" → "file.go:line"
	notes func(fn *types.Func, result int, param string) (project, note string)
	body  map[*types.Func]bool
}

// qualifier writes other packages by name, the package itself not at all.
func (s *summarizer) qualifier(p *types.Package) string {
	if p == s.pkg {
		return ""
	}
	return p.Name()
}

func (s *summarizer) typeSummary(c valuemode.Counted, declared bool) *typeSummary {
	ts := &typeSummary{
		Type:        types.TypeString(c.Type, func(p *types.Package) string { return p.Name() }),
		Key:         valuemode.TypeKey(c.Type),
		Declared:    declared,
		Retain:      c.Family.Retain,
		Releases:    slices.Clone(c.Releases),
		ReleaseOnly: c.ReleaseOnly,
		Source:      c.Source.String(),
		Origin:      shortOrigin(c.Origin),
	}
	if ts.Releases == nil {
		ts.Releases = []string{}
	}
	if ts.Key == "" {
		ts.Key = ts.Type
	}
	return ts
}

// shortOrigin rewrites "directive at /abs/dir/file.go:12:5" as "directive at file.go:12", so
// that the output does not depend on where the code is.
func shortOrigin(origin string) string {
	pos, ok := strings.CutPrefix(origin, "directive at ")
	if !ok {
		return origin
	}
	file, line := pos, ""
	if i := strings.LastIndex(file, ":"); i >= 0 {
		file = file[:i] // column
	}
	if i := strings.LastIndex(file, ":"); i >= 0 {
		file, line = file[:i], file[i+1:]
	}
	return "directive at " + filepath.Base(file) + ":" + line
}

// funcSummary is the summary of fn, or nil if fn has no counted result or parameter and no
// fact. It also returns the counted types of the results and parameters it lists.
func (s *summarizer) funcSummary(fn *types.Func, inferred, decl *valuemode.FuncFact) (*funcSummary, []valuemode.Counted) {
	sig := fn.Type().(*types.Signature)
	fact, source := inferred, "engine"
	if fact == nil {
		fact, source = decl, "declared"
	}
	if fact.Empty() {
		fact, source = nil, "none"
	}
	var counted []valuemode.Counted
	isCounted := func(t types.Type) bool {
		c, ok := s.cat.Counted(t)
		if ok {
			counted = append(counted, c)
		}
		return ok
	}
	fs := &funcSummary{Name: funcName(fn, s.qualifier), Signature: signature(fn, s.qualifier), Source: source, Results: []*resultSummary{}, Params: []*paramSummary{}}
	for i := range sig.Results().Len() {
		v := sig.Results().At(i)
		r, ok := fact.Result(i)
		if !isCounted(v.Type()) && !ok {
			continue
		}
		rs := &resultSummary{Index: i, Name: v.Name(), Type: types.TypeString(v.Type(), s.qualifier), Ownership: "untracked", Why: "none", Origin: "nothing decides"}
		if ok {
			rs.Ownership = r.Own.String()
			rs.Condition = condition(sig, r)
			rs.Why, rs.Origin, rs.Note = s.why(fn, r.Why, i, nil, r.Own, 0)
		}
		fs.Results = append(fs.Results, rs)
	}
	params := []*types.Var{}
	first := 0
	if recv := sig.Recv(); recv != nil {
		params, first = append(params, recv), -1
	}
	for i := range sig.Params().Len() {
		params = append(params, sig.Params().At(i))
	}
	for k, v := range params {
		i := first + k
		pe, ok := fact.Param(i)
		if i == -1 && !ok {
			continue // a method's receiver is listed only when something is said about it
		}
		if !isCounted(v.Type()) && !ok {
			continue
		}
		ps := &paramSummary{Index: i, Name: cmp.Or(v.Name(), pe.Name), Type: types.TypeString(v.Type(), s.qualifier), Effect: "borrows", Why: "default", Origin: "no entry: borrowed"}
		if ps.Name == "" || ps.Name == "_" {
			ps.Name = fmt.Sprintf("p%d", i)
		}
		if ok {
			ps.Effect = pe.Effect.String()
			ps.Why, ps.Origin, ps.Note = s.why(fn, pe.Why, i, v, 0, pe.Effect)
		}
		fs.Params = append(fs.Params, ps)
	}
	if len(fs.Results) == 0 && len(fs.Params) == 0 {
		return nil, nil
	}
	return fs, counted
}

// why returns the token and the readable origin of the answer about result i (param nil, own)
// or parameter i (param, eff), and a preset's note.
func (s *summarizer) why(fn *types.Func, why valuemode.Why, i int, param *types.Var, own valuemode.Ownership, eff valuemode.Effect) (token, origin, note string) {
	switch why {
	case valuemode.Inferred:
		return "inferred", "inferred from its body", ""
	case valuemode.ByPreset:
		var project, note string
		if param == nil {
			project, note = s.notes(fn, i, "")
		} else if param.Name() != "" {
			project, note = s.notes(fn, 0, param.Name())
		}
		return "preset", strings.TrimSpace("preset " + project), note
	case valuemode.ByConfig:
		flag := "-valuemode.consumes"
		switch {
		case param == nil && own == valuemode.Borrowed:
			flag = "-valuemode.borrowed"
		case param == nil:
			flag = "-valuemode.owned"
		case eff == valuemode.Borrows:
			flag = "-valuemode.borrows"
		}
		return "config", "config " + flag, ""
	case valuemode.ByDirective:
		key := "result"
		if param != nil {
			key = "consumes " + param.Name()
		}
		if at := s.dirs[fn][key]; at != "" {
			return "directive", "directive at " + at, ""
		}
		return "directive", "directive", ""
	case valuemode.ByNaming:
		return "naming", "naming rule New*", ""
	}
	return why.String(), why.String(), ""
}

// condition describes when an owned result holds a reference.
func condition(sig *types.Signature, r valuemode.ResultOwnership) string {
	if r.Own != valuemode.Owned {
		return ""
	}
	name := func(i int, dflt string) string {
		if i < 0 || i >= sig.Results().Len() {
			return fmt.Sprintf("r%d", i)
		}
		if n := sig.Results().At(i).Name(); n != "" && n != "_" {
			return n
		}
		return dflt
	}
	switch r.When {
	case valuemode.ErrNil:
		return "when " + name(r.CondResult, "err") + " == nil"
	case valuemode.True:
		return "when " + name(r.CondResult, fmt.Sprintf("r%d", r.CondResult)) + " is true"
	case valuemode.NonNil:
		return "when non-nil"
	}
	if sig.Results().Len() > 1 {
		return "always"
	}
	return ""
}

// funcName is "F", "(*T).M" or "T.M".
func funcName(fn *types.Func, q types.Qualifier) string {
	sig := fn.Type().(*types.Signature)
	if sig.Recv() == nil {
		return fn.Name()
	}
	recv := types.TypeString(sig.Recv().Type(), q)
	if strings.HasPrefix(recv, "*") {
		recv = "(" + recv + ")"
	}
	return recv + "." + fn.Name()
}

// signature is "func (*T) M(x int) (*U, error)": the receiver by its type only.
func signature(fn *types.Func, q types.Qualifier) string {
	sig := fn.Type().(*types.Signature)
	var b strings.Builder
	b.WriteString("func ")
	if r := sig.Recv(); r != nil {
		b.WriteString("(" + types.TypeString(r.Type(), q) + ") ")
	}
	b.WriteString(fn.Name())
	plain := types.NewSignatureType(nil, nil, nil, sig.Params(), sig.Results(), sig.Variadic())
	return b.String() + strings.TrimPrefix(types.TypeString(plain, q), "func")
}

// hasBody reports whether fn has a body to read (interface methods and functions declared
// without one, in assembly, do not): where the naming rule may decide.
func (s *summarizer) hasBody(p *packages.Package, fn *types.Func) bool {
	if s.body == nil {
		s.body = map[*types.Func]bool{}
		for _, f := range p.Syntax {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
					if obj, ok := p.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						s.body[obj] = true
					}
				}
			}
		}
	}
	return s.body[fn]
}

// directivePositions finds the value-mode directives on the package's functions and interface
// methods: "result" (//refvet:owned, //refvet:borrowed) and "consumes NAME" → "file.go:line".
func directivePositions(p *packages.Package) map[*types.Func]map[string]string {
	out := map[*types.Func]map[string]string{}
	record := func(name *ast.Ident, doc *ast.CommentGroup) {
		if doc == nil || name == nil {
			return
		}
		fn, ok := p.TypesInfo.Defs[name].(*types.Func)
		if !ok {
			return
		}
		for _, c := range doc.List {
			text, ok := strings.CutPrefix(c.Text, "//refvet:")
			if !ok {
				continue
			}
			pos := p.Fset.Position(c.Pos())
			at := fmt.Sprintf("%s:%d", filepath.Base(pos.Filename), pos.Line)
			kind, rest, _ := strings.Cut(text, " ")
			m := out[fn]
			if m == nil {
				m = map[string]string{}
				out[fn] = m
			}
			switch kind {
			case "owned", "borrowed":
				m["result"] = at
			case "consumes":
				for _, param := range strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }) {
					m["consumes "+param] = at
				}
			}
		}
	}
	for _, f := range p.Syntax {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				record(n.Name, n.Doc)
			case *ast.InterfaceType:
				for _, m := range n.Methods.List {
					if len(m.Names) == 1 {
						record(m.Names[0], m.Doc)
					}
				}
			}
			return true
		})
	}
	return out
}

// presetNotes returns a lookup of the preset entry that declares a function's result or
// parameter (param "" for a result): its project and its source note.
func presetNotes(cat *valuemode.Catalog) func(*types.Func, int, string) (string, string) {
	applies := map[string]bool{}
	for _, p := range cat.Presets() {
		applies[p] = true
	}
	all, _ := presets.All()
	return func(fn *types.Func, result int, param string) (string, string) {
		key := valuemode.FuncKey(fn)
		for _, p := range all {
			if !applies[p.Project] {
				continue
			}
			if param == "" {
				if r, ok := p.LookupResult(key, result); ok {
					return p.Project, r.Source
				}
				continue
			}
			for _, pa := range p.Params {
				if pa.Func == key && pa.Param == param {
					return p.Project, pa.Source
				}
			}
		}
		return "", ""
	}
}
