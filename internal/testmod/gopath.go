package testmod

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// LoadGOPATH loads, with syntax and types, every package under the src directories of the
// GOPATH trees roots, in GOPATH mode (GO111MODULE=off), as x/tools' analysistest loads its
// testdata. It fails the test if a package has errors.
func LoadGOPATH(t testing.TB, roots ...string) []*packages.Package {
	t.Helper()
	var abs, patterns []string
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
		t.Fatalf("%v: packages with errors", roots)
	}
	return pkgs
}
