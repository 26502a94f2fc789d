package refstate_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/refstate"
	"github.com/refvet/refvet/internal/scalegen"
)

// The engine's cost on one big function, by shape and size. Each benchmark type-checks its
// generated package once, outside the timer, then times refstate's Run (SSA construction plus
// the dataflow) per iteration. ns/block should stay flat as the size grows; a shape whose
// ns/block grows with the size is superlinear. bench/cmd/scale measures the same shapes up to
// 100k blocks, with peak memory; these are the quick version:
//
//	go test -run='^$' -bench=Engine -benchmem ./internal/refstate

func BenchmarkEngine(b *testing.B) {
	for _, shape := range []string{"branches", "loops", "refs"} {
		for _, n := range []int{250, 1000, 4000} {
			b.Run(fmt.Sprintf("%s/blocks=%d", shape, n), func(b *testing.B) {
				src, blocks, _ := scalegen.Source("big", shape, n)
				pass := newPass(b, src)
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					res, err := refstate.Analyzer.Run(pass)
					if err != nil {
						b.Fatal(err)
					}
					if r := res.(*refstate.Result); len(r.Errors) > 0 {
						b.Fatalf("internal error: %s", r.Errors[0].Msg)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(blocks), "ns/block")
			})
		}
	}
}

// newPass type-checks src (one file importing ref) and returns a pass for refstate alone, with
// no facts to import and facts exported nowhere.
func newPass(tb testing.TB, src string) *analysis.Pass {
	tb.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "big.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		tb.Fatal(err)
	}
	info := &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Instances:    map[*ast.Ident]types.Instance{},
		Scopes:       map[ast.Node]*types.Scope{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		FileVersions: map[*ast.File]string{},
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("example.com/big", fset, []*ast.File{f}, info)
	if err != nil {
		tb.Fatal(err)
	}
	return &analysis.Pass{
		Analyzer:          refstate.Analyzer,
		Fset:              fset,
		Files:             []*ast.File{f},
		Pkg:               pkg,
		TypesInfo:         info,
		TypesSizes:        types.SizesFor("gc", "amd64"),
		ResultOf:          map[*analysis.Analyzer]any{},
		Report:            func(analysis.Diagnostic) {},
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
		ExportObjectFact:  func(types.Object, analysis.Fact) {},
		ExportPackageFact: func(analysis.Fact) {},
		AllObjectFacts:    func() []analysis.ObjectFact { return nil },
		AllPackageFacts:   func() []analysis.PackageFact { return nil },
	}
}
