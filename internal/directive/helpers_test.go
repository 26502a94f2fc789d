package directive

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"sync"
	"testing"
)

// refSrc stands in for the runtime library, so these tests do not depend
// on package ref being built.
const refSrc = `package ref

type Count struct{ n int }
type Ref struct{ c *Count }
`

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// refImporter resolves the ref package from refSrc and nothing else, so
// that type-checking in the fuzz loop stays cheap.
var refImporter = sync.OnceValue(func() types.Importer {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "ref.go", refSrc, 0)
	if err != nil {
		panic(err)
	}
	refPkg, err := new(types.Config).Check(refPkgPath, fset, []*ast.File{f}, nil)
	if err != nil {
		panic(err)
	}
	return importerFunc(func(path string) (*types.Package, error) {
		if path == refPkgPath {
			return refPkg, nil
		}
		return nil, fmt.Errorf("no package %s in tests", path)
	})
})

// parseSrc parses src as a.go and, if typed, type-checks it leniently
// (errors ignored, as the fuzz test does) to get a types.Info.
func parseSrc(t testing.TB, src string, typed bool) (*token.FileSet, *ast.File, *types.Info) {
	t.Helper()
	fset := token.NewFileSet()
	f := parseSrcInto(t, fset, src)
	if !typed {
		return fset, f, nil
	}
	return fset, f, typeCheck(fset, f)
}

// parseSrcInto parses src as a.go into fset.
func parseSrcInto(t testing.TB, fset *token.FileSet, src string) *ast.File {
	t.Helper()
	f, err := parser.ParseFile(fset, "a.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, src)
	}
	return f
}

func typeCheck(fset *token.FileSet, f *ast.File) *types.Info {
	info := &types.Info{Defs: make(map[*ast.Ident]types.Object)}
	conf := types.Config{Importer: refImporter(), Error: func(error) {}}
	conf.Check("p", fset, []*ast.File{f}, info)
	return info
}

// dump renders the result of Parse as one line per fact, sorted by the
// line of the directive, with line numbers counted from the end of header.
func dump(fset *token.FileSet, f *File) []string {
	line := func(pos token.Pos) int { return fset.Position(pos).Line - headerLines }
	var out []string
	funcs := func(kind, name string, fn *Func) {
		for _, p := range fn.Acquires {
			out = append(out, fmt.Sprintf("%d: %s %s acquires %s[%d]", line(p.Pos), kind, name, p.Name, p.Index))
		}
		for _, p := range fn.Releases {
			out = append(out, fmt.Sprintf("%d: %s %s releases %s[%d]", line(p.Pos), kind, name, p.Name, p.Index))
		}
	}
	for decl, fn := range f.Funcs {
		funcs("func", decl.Name.Name, fn)
	}
	for m, fn := range f.Methods {
		funcs("method", m.Names[0].Name, fn)
	}
	for fld, rec := range f.Fields {
		if rec.Borrowed {
			out = append(out, fmt.Sprintf("%d: field %s borrowed", line(rec.Pos), fieldName(fld)))
		}
		if rec.Ref != "" {
			out = append(out, fmt.Sprintf("%d: field %s ref %s", line(rec.Pos), fieldName(fld), rec.Ref))
		}
	}
	values := func(kind, name string, fn *ValueFunc) {
		if r := fn.Result; r != nil {
			out = append(out, fmt.Sprintf("%d: %s %s %s r%d", line(r.Pos), kind, name, ownedWord(r.Borrowed), r.Index))
		}
		for _, p := range fn.Consumes {
			out = append(out, fmt.Sprintf("%d: %s %s consumes %s[%d]", line(p.Pos), kind, name, p.Name, p.Index))
		}
	}
	for decl, fn := range f.ValueFuncs {
		values("func", decl.Name.Name, fn)
	}
	for m, fn := range f.ValueMethods {
		values("method", m.Names[0].Name, fn)
	}
	for ts, t := range f.Types {
		s := fmt.Sprintf("%d: type %s counted", line(t.Pos), ts.Name.Name)
		if len(t.Releases) > 0 {
			s += " " + strings.Join(t.Releases, "|")
		}
		if t.Retain != "" {
			s += "/" + t.Retain
		}
		out = append(out, s)
	}
	for _, ig := range f.Ignores {
		out = append(out, fmt.Sprintf("%d: ignore %s line %d: %s", line(ig.Pos), ig.Pass, ig.Line-headerLines, ig.Reason))
	}
	for _, e := range f.Errors {
		out = append(out, fmt.Sprintf("%d: error: %s", line(e.Pos), e.Msg))
	}
	slices.SortStableFunc(out, func(a, b string) int {
		var la, lb int
		fmt.Sscanf(a, "%d:", &la)
		fmt.Sscanf(b, "%d:", &lb)
		return la - lb
	})
	return out
}

// testValues stands in for value mode's Catalog: a type is counted when its method set has a
// release and a retain method of one family, taking no arguments; //refvet:counted needs the
// methods it names (or a family's release method).
var testValues = &Values{
	Counted: func(t types.Type) bool {
		ms := types.NewMethodSet(t)
		for _, f := range testFamilies {
			if noArg(ms, f[0]) && noArg(ms, f[1]) {
				return true
			}
		}
		return false
	},
	CheckCounted: func(obj *types.TypeName, releases []string, retain string) string {
		ms := types.NewMethodSet(types.NewPointer(obj.Type()))
		if len(releases) == 0 {
			for _, f := range testFamilies {
				if noArg(ms, f[0]) {
					return ""
				}
			}
			return obj.Name() + " has no release method"
		}
		for _, m := range append(releases, retain) {
			if m != "" && !noArg(ms, m) {
				return fmt.Sprintf("%s has no method %s taking no arguments", obj.Name(), m)
			}
		}
		return ""
	},
}

var testFamilies = [][2]string{{"Release", "Retain"}, {"Free", "Ref"}, {"DecrRef", "IncrRef"}, {"Unref", "Ref"}}

func noArg(ms *types.MethodSet, name string) bool {
	sel := ms.Lookup(nil, name)
	if sel == nil {
		return false
	}
	sig, ok := sel.Type().(*types.Signature)
	return ok && sig.Params().Len() == 0
}

// header is prepended to every test case, whose lines dump numbers from 1.
const header = "package p\n\nimport \"github.com/refvet/refvet/ref\"\n\nvar _ ref.Ref\n"

var headerLines = strings.Count(header, "\n")
