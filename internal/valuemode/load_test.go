package valuemode

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// loadGOPATH loads every package under the src directories of the GOPATH roots in GOPATH
// mode (GO111MODULE=off), as x/tools' analysistest does, and builds their SSA.
func loadGOPATH(t *testing.T, roots ...string) ([]*packages.Package, *ssa.Program) {
	t.Helper()
	var abs []string
	var patterns []string
	for _, root := range roots {
		a, err := filepath.Abs(root)
		if err != nil {
			t.Fatal(err)
		}
		abs = append(abs, a)
		src := filepath.Join(a, "src")
		err = filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return err
			}
			if gos, _ := filepath.Glob(filepath.Join(path, "*.go")); len(gos) > 0 {
				rel, _ := filepath.Rel(src, path)
				patterns = append(patterns, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(patterns)
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  abs[0],
		Env:  append(os.Environ(), "GOPATH="+strings.Join(abs, string(os.PathListSeparator)), "GO111MODULE=off", "GOWORK=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("packages with errors")
	}
	prog, _ := ssautil.AllPackages(pkgs, ssa.GlobalDebug)
	prog.Build()
	return pkgs, prog
}

// corpus is the loaded value-mode testdata: the stubs, history reproductions and clean
// corpus of testdata/value, and this package's shapes.
type corpus struct {
	pkgs map[string]*packages.Package
	prog *ssa.Program
}

var loaded *corpus

func load(t *testing.T) *corpus {
	t.Helper()
	if loaded == nil {
		pkgs, prog := loadGOPATH(t, "testdata", "../../testdata/value")
		c := &corpus{pkgs: map[string]*packages.Package{}, prog: prog}
		packages.Visit(pkgs, nil, func(p *packages.Package) { c.pkgs[p.PkgPath] = p })
		loaded = c
	}
	return loaded
}
