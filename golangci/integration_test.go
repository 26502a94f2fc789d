//go:build integration

package golangci

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/refvet/refvet/internal/testmod"
)

// TestGolangciLint builds golangci-lint v2.15.0 with this plugin compiled in (testdata/gcl,
// the program "golangci-lint custom" would generate, built from the module cache rather than
// a clone of golangci-lint's repository) and runs it with testdata/golangci.yml over a sample
// module that leaks references. The build takes minutes on a cold cache, so the test runs
// only with -tags integration (.ci/integration does).
func TestGolangciLint(t *testing.T) {
	root := testmod.Root(t)
	gcl := buildGCL(t, root)
	t.Setenv("GOLANGCI_LINT_CACHE", t.TempDir()) // no results from earlier runs or other tests

	dir := testmod.New(t, root, "testdata/sample", "example.com/sample")
	copyFile(t, "testdata/golangci.yml", filepath.Join(dir, ".golangci.yml"))
	use := filepath.Join(dir, "use/use.go")
	wrapper := fmt.Sprintf("use/use.go:%d:", testmod.Line(t, use, "LEAK:wrapper"))
	direct := fmt.Sprintf("use/use.go:%d:", testmod.Line(t, use, "LEAK:direct"))
	lint := func(args ...string) testmod.Result {
		return testmod.Run(t, dir, gcl, append([]string{"run", "--output.text.print-issued-lines=false"}, args...)...)
	}

	t.Run("findings", func(t *testing.T) {
		// golangci-lint shows related positions as issues of their own, "pairing(related
		// information): ...", which the patterns below do not match.
		res := lint("./...")
		if res.Code != 1 || !strings.Contains(res.Stdout, wrapper) || !strings.Contains(res.Stdout, direct) ||
			!strings.Contains(res.Stdout, ": pairing: ") || !strings.Contains(res.Stdout, "(refvet)") {
			t.Errorf("exit %d, want 1 with both leaks as \"pairing: ... (refvet)\"\n%s%s", res.Code, res.Stdout, res.Stderr)
		}
	})
	t.Run("disable", func(t *testing.T) {
		cfg := writeConfig(t, "disable: [pairing]")
		res := lint("--config", cfg, "./...")
		if res.Code != 0 || strings.Contains(res.Stdout, "pairing") {
			t.Errorf("exit %d, want 0 and no pairing findings\n%s%s", res.Code, res.Stdout, res.Stderr)
		}
	})
	t.Run("bad settings", func(t *testing.T) {
		cfg := writeConfig(t, "disabled: [pairing]")
		res := lint("--config", cfg, "./...")
		if res.Code == 0 || res.Code == 1 || !strings.Contains(res.Stdout+res.Stderr, `unknown field "disabled"`) {
			t.Errorf("exit %d, want a configuration error naming the field\n%s%s", res.Code, res.Stdout, res.Stderr)
		}
	})
	t.Run("fix", func(t *testing.T) {
		res := lint("--fix", "./...")
		src, err := os.ReadFile(use)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), "defer m.Users.Put(&r)") {
			t.Fatalf("--fix did not add the deferred put (exit %d)\n%s%s\n%s", res.Code, res.Stdout, res.Stderr, src)
		}
		res = lint("./...")
		if res.Code != 1 || !strings.Contains(res.Stdout, wrapper) || strings.Count(res.Stdout, ": pairing: ") != 1 {
			t.Errorf("after --fix, want only the wrapper's leak\n%s%s", res.Stdout, res.Stderr)
		}
	})
}

// buildGCL builds testdata/gcl against golangci-lint v2.15.0 and this checkout of refvet.
func buildGCL(t *testing.T, root string) string {
	t.Helper()
	dir := t.TempDir()
	copyFile(t, "testdata/gcl/main.go", filepath.Join(dir, "main.go"))
	tmpl, err := os.ReadFile("testdata/gcl/go.mod.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	gomod := strings.ReplaceAll(string(tmpl), "REFVET_ROOT", root)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"mod", "tidy"}, {"build", "-o", "gcl", "."}} {
		if res := testmod.Run(t, dir, "go", args...); res.Code != 0 {
			t.Fatalf("go %v: exit %d\n%s%s", args, res.Code, res.Stdout, res.Stderr)
		}
	}
	return filepath.Join(dir, "gcl")
}

// writeConfig writes a variant of testdata/golangci.yml whose refvet settings are settings.
func writeConfig(t *testing.T, settings string) string {
	t.Helper()
	data, err := os.ReadFile("testdata/golangci.yml")
	if err != nil {
		t.Fatal(err)
	}
	cfg := strings.Replace(string(data), "disable: []", settings, 1)
	name := filepath.Join(t.TempDir(), "golangci.yml")
	if err := os.WriteFile(name, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
