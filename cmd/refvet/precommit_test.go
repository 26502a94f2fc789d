//go:build integration

package main

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/refvet/refvet/internal/testmod"
)

// TestPreCommit runs the hooks of .pre-commit-hooks.yaml with pre-commit try-repo on a project
// that leaks a reference, then on the same project fixed. try-repo clones the hook repository
// at its HEAD, so the test snapshots this working tree into a fresh git repository: it tests
// the current code, committed or not. Needs pre-commit (Debian: apt-get install pre-commit).
func TestPreCommit(t *testing.T) {
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Fatal("pre-commit not installed (apt-get install -y pre-commit)")
	}
	root := testmod.Root(t)
	// Keep pre-commit's environments out of ~/.cache, and let it install refvet from the
	// module cache this machine already has.
	t.Setenv("PRE_COMMIT_HOME", t.TempDir())
	gomodcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOMODCACHE", strings.TrimSpace(string(gomodcache)))
	hooks := snapshot(t, root)

	for _, hook := range []string{"refvet", "refvet-vet"} {
		t.Run(hook, func(t *testing.T) {
			project := testmod.New(t, root, "testdata/sample", "example.com/sample")
			wrapper := fmt.Sprintf("use/use.go:%d:", testmod.Line(t, filepath.Join(project, "use/use.go"), "LEAK:wrapper"))
			commit(t, project)
			res := testmod.Run(t, project, "pre-commit", "try-repo", hooks, hook, "--all-files")
			if res.Code != 1 || !strings.Contains(res.Stdout, wrapper) || !strings.Contains(res.Stdout, "Failed") {
				t.Errorf("with a leak: exit %d, want 1 and the leak at %s\n%s%s", res.Code, wrapper, res.Stdout, res.Stderr)
			}

			fixed := "package use\n\nimport (\n\t\"example.com/sample/mm\"\n\n\t\"github.com/refvet/refvet/ref\"\n)\n\n" +
				"func Balanced(m *mm.MM) string {\n\tvar r ref.Ref\n\tmm.Acquire(m, &r)\n\tdefer mm.Release(m, &r)\n\treturn m.Name\n}\n"
			if err := os.WriteFile(filepath.Join(project, "use/use.go"), []byte(fixed), 0o644); err != nil {
				t.Fatal(err)
			}
			// The value-mode leak of usepool goes too: keep only its fixed function.
			fixedPool := "package usepool\n\nimport \"example.com/sample/pool\"\n\n" +
				"func FillFixed(n int) error {\n\tb, err := pool.Get(n)\n\tif err != nil {\n\t\treturn err\n\t}\n\tdefer b.Release()\n\treturn nil\n}\n"
			if err := os.WriteFile(filepath.Join(project, "usepool/usepool.go"), []byte(fixedPool), 0o644); err != nil {
				t.Fatal(err)
			}
			commit(t, project)
			res = testmod.Run(t, project, "pre-commit", "try-repo", hooks, hook, "--all-files")
			if res.Code != 0 || !strings.Contains(res.Stdout, "Passed") {
				t.Errorf("fixed: exit %d, want 0\n%s%s", res.Code, res.Stdout, res.Stderr)
			}
		})
	}
}

// TestPreCommitLocalTool runs refvet as a repo: local hook with entry "go tool refvet", for
// projects that pin refvet with a tool directive in go.mod: no hook repository, and the
// version checked is the one in go.mod.
func TestPreCommitLocalTool(t *testing.T) {
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Fatal("pre-commit not installed (apt-get install -y pre-commit)")
	}
	t.Setenv("PRE_COMMIT_HOME", t.TempDir())
	root := testmod.Root(t)
	project := testmod.New(t, root, "testdata/sample", "example.com/sample")
	for _, args := range [][]string{{"mod", "edit", "-tool=github.com/refvet/refvet/cmd/refvet"}, {"mod", "tidy"}} {
		if res := testmod.Run(t, project, "go", args...); res.Code != 0 {
			t.Fatalf("go %v: %s", args, res.Stderr)
		}
	}
	config := `repos:
  - repo: local
    hooks:
      - id: refvet
        name: refvet
        entry: go tool refvet ./...
        language: system
        pass_filenames: false
        types: [go]
        require_serial: true
`
	if err := os.WriteFile(filepath.Join(project, ".pre-commit-config.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	commit(t, project)
	wrapper := fmt.Sprintf("use/use.go:%d:", testmod.Line(t, filepath.Join(project, "use/use.go"), "LEAK:wrapper"))
	res := testmod.Run(t, project, "pre-commit", "run", "--all-files", "refvet")
	if res.Code != 1 || !strings.Contains(res.Stdout, wrapper) {
		t.Errorf("exit %d, want 1 and the leak at %s\n%s%s", res.Code, wrapper, res.Stdout, res.Stderr)
	}
}

// snapshot copies the working tree at root, without .git, into a new git repository with
// one commit, and returns its directory.
func snapshot(t *testing.T, root string) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		switch {
		case d.IsDir() && d.Name() == ".git":
			return filepath.SkipDir
		case d.IsDir():
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		case d.Type().IsRegular():
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), data, info.Mode().Perm())
		}
		return nil // symlinks and the like: not part of a Go module
	})
	if err != nil {
		t.Fatal(err)
	}
	commit(t, dir)
	return dir
}

// commit makes dir a git repository if it is not one and commits everything in it.
func commit(t *testing.T, dir string) {
	t.Helper()
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "-A"},
		{"-c", "user.name=refvet", "-c", "user.email=refvet@example.com", "commit", "-q", "--allow-empty", "-m", "snapshot"},
	} {
		if res := testmod.Run(t, dir, "git", args...); res.Code != 0 {
			t.Fatalf("git %v: %s%s", args, res.Stdout, res.Stderr)
		}
	}
}
