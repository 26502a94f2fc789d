package valuemode

import (
	"testing"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"

	"github.com/refvet/refvet/internal/testmod"
)

// loadGOPATH loads every package of the GOPATH trees roots and builds their SSA.
func loadGOPATH(t *testing.T, roots ...string) ([]*packages.Package, *ssa.Program) {
	t.Helper()
	pkgs := testmod.LoadGOPATH(t, roots...)
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
