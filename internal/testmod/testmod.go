// Package testmod sets up the Go modules that refvet's integration tests run tools on: a copy
// of a testdata tree in a temporary directory, made a module that requires refvet through a
// replace directive pointing at this checkout, so that the tests check the current code and
// need no network for refvet itself.
package testmod

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Root returns the directory of refvet's go.mod, found from the current directory up.
func Root(t testing.TB) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		t.Fatal("not inside the refvet module")
	}
	return filepath.Dir(gomod)
}

// New copies the tree at src into a new temporary directory and makes it the module path,
// requiring refvet from root. refvet's go.sum comes along: the go command wants sums for the
// go.mod files of refvet's own requirements.
func New(t testing.TB, root, src, path string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	gomod := fmt.Sprintf(`module %s

go 1.26

require github.com/refvet/refvet v0.0.0

replace github.com/refvet/refvet => %s
`, path, root)
	write(t, filepath.Join(dir, "go.mod"), []byte(gomod))
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "go.sum"), sum)
	return dir
}

func write(t testing.TB, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Env is the environment for go commands in a test module: -mod=mod lets the go command
// complete go.mod and go.sum from the module cache, and no go.work may interfere.
func Env() []string {
	return append(os.Environ(), "GOFLAGS=-mod=mod -buildvcs=false", "GOWORK=off")
}

// Result is the outcome of a command.
type Result struct {
	Code           int // exit status
	Stdout, Stderr string
}

// Run runs name with args in dir, with Env, and returns its outcome. Failing to start the
// command at all fails the test.
func Run(t testing.TB, dir, name string, args ...string) Result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = Env()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := Result{Stdout: stdout.String(), Stderr: stderr.String()}
	if exit, ok := err.(*exec.ExitError); ok {
		res.Code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return res
}

// BuildRefvet builds cmd/refvet from root into a temporary directory and returns its
// absolute path.
func BuildRefvet(t testing.TB, root string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "refvet")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/refvet")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/refvet: %v\n%s", err, out)
	}
	return bin
}

// Line returns the 1-based line of the first line of file containing marker, so that tests
// name positions by a comment in the sample rather than by a number that edits would shift.
func Line(t testing.TB, file, marker string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, marker) {
			return i + 1
		}
	}
	t.Fatalf("%s: no line contains %q", file, marker)
	return 0
}
