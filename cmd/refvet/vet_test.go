package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/refvet/refvet/internal/testmod"
)

// TestCommand builds refvet and runs it, under the real go vet and standalone, over
// testdata/sample: a module whose package use leaks references taken through a wrapper in
// package mm (so facts must flow between packages) and directly (with a suggested fix), next
// to a package clean that does everything right. It takes some seconds; -short skips it.
func TestCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds refvet and runs go vet")
	}
	root := testmod.Root(t)
	bin := testmod.BuildRefvet(t, root)
	vet := func(dir string, args ...string) testmod.Result {
		return testmod.Run(t, dir, "go", append([]string{"vet", "-vettool=" + bin}, args...)...)
	}
	refvet := func(dir string, args ...string) testmod.Result {
		return testmod.Run(t, dir, bin, args...)
	}

	dir := testmod.New(t, root, "testdata/sample", "example.com/sample")
	use := filepath.Join(dir, "use/use.go")
	wrapper := fmt.Sprintf("use/use.go:%d:", testmod.Line(t, use, "LEAK:wrapper"))
	direct := fmt.Sprintf("use/use.go:%d:", testmod.Line(t, use, "LEAK:direct"))

	t.Run("vet", func(t *testing.T) {
		res := vet(dir, "./...")
		want(t, res, 1, hasAll(res.Stderr, wrapper, direct) && !strings.Contains(res.Stderr, "clean/"))
	})
	t.Run("vet clean", func(t *testing.T) {
		res := vet(dir, "./clean")
		want(t, res, 0, res.Stderr == "" && res.Stdout == "")
	})
	valueLeak := fmt.Sprintf("usepool/usepool.go:%d:", testmod.Line(t, filepath.Join(dir, "usepool/usepool.go"), "LEAK:value"))
	t.Run("value mode", func(t *testing.T) {
		// Found standalone and under go vet, across packages (pool.Get's summary is a fact);
		// -valuemode=false turns it off, and the configuration can uncount the type.
		res := refvet(dir, "./...")
		want(t, res, 3, strings.Contains(res.Stderr, valueLeak) && strings.Contains(res.Stderr, "Get returns an owned reference when its error is nil: inferred from its body"))
		res = vet(dir, "./usepool")
		want(t, res, 1, strings.Contains(res.Stderr, valueLeak))
		res = refvet(dir, "-valuemode=false", "./usepool")
		want(t, res, 0, res.Stderr == "")
		res = vet(dir, "-valuemode=false", "./usepool")
		want(t, res, 0, res.Stderr == "")
		res = refvet(dir, "-valuemode.notcounted=example.com/sample/pool.Buf", "./usepool")
		want(t, res, 0, res.Stderr == "")
	})
	t.Run("vet -valuemode", func(t *testing.T) {
		res := vet(dir, "-valuemode=false", "-valuemode.notcounted=example.com/sample.T", "./...")
		want(t, res, 1, hasAll(res.Stderr, wrapper, direct))
		res = vet(dir, "-valuemode.counted=bad", "./...")
		want(t, res, 1, strings.Contains(res.Stderr, `-valuemode.counted: bad entry "bad"`) && !panicked(res))
	})
	t.Run("vet -pairing=false", func(t *testing.T) {
		res := vet(dir, "-pairing=false", "./...")
		want(t, res, 0, res.Stderr == "")
	})
	t.Run("vet -json", func(t *testing.T) {
		res := vet(dir, "-json", "./...")
		posns := jsonPositions(t, res.Stdout)
		want(t, res, 0, hasAll(strings.Join(posns["pairing"], "\n"), wrapper, direct))
	})
	t.Run("vet broken", func(t *testing.T) {
		dir := withBroken(t, root)
		res := vet(dir, "./broken")
		want(t, res, 1, strings.Contains(res.Stderr, "broken.go:6:9:") && !panicked(res))
	})
	t.Run("vet -fix", func(t *testing.T) {
		dir := testmod.New(t, root, "testdata/sample", "example.com/sample")
		if res := vet(dir, "-fix", "./use"); res.Code != 0 {
			t.Fatalf("go vet -fix: exit %d\n%s", res.Code, res.Stderr)
		}
		checkFixed(t, dir, vet(dir, "./use"), wrapper, direct)
	})

	t.Run("standalone", func(t *testing.T) {
		res := refvet(dir, "./...")
		want(t, res, 3, hasAll(res.Stderr, wrapper, direct, "(pairing)") && !strings.Contains(res.Stderr, "clean/"))
	})
	t.Run("standalone clean", func(t *testing.T) {
		res := refvet(dir, "./clean")
		want(t, res, 0, res.Stderr == "" && res.Stdout == "")
	})
	t.Run("standalone -json", func(t *testing.T) {
		res := refvet(dir, "-json", "./...")
		posns := jsonPositions(t, res.Stdout)
		want(t, res, 0, hasAll(strings.Join(posns["pairing"], "\n"), wrapper, direct))
	})
	t.Run("standalone -format=sarif", func(t *testing.T) {
		res := refvet(dir, "-format=sarif", "./...")
		want(t, res, 0, hasAll(res.Stdout, `"ruleId": "pairing"`, `"uri": "use/use.go"`, `"uriBaseId": "%SRCROOT%"`) && json.Valid([]byte(res.Stdout)))
	})
	t.Run("standalone broken", func(t *testing.T) {
		dir := withBroken(t, root)
		res := refvet(dir, "./...")
		want(t, res, 1, strings.Contains(res.Stderr, "broken/broken.go:6:9:") && !panicked(res))
	})
	t.Run("directive errors with any passes", func(t *testing.T) {
		dir := withBadDirectives(t, root)
		file := filepath.Join(dir, "bad/bad.go")
		line := func(directive string) string {
			return fmt.Sprintf("bad/bad.go:%d:", testmod.Line(t, file, directive))
		}
		errs := []string{line("acquires nosuch"), line("m.users.Get(&r)"), line("ignore nopass"), line("ignore moveref")}
		unusedPairing, unusedMoveref := line("ignore pairing nothing"), errs[3]
		for _, c := range []struct {
			args                   []string
			pairing, moveref, exit int // occurrences of the unused ignores; exit status
		}{
			{nil, 1, 1, 3},
			{[]string{"-pairing=false"}, 0, 1, 3},
			{[]string{"-moveref"}, 0, 1, 3},
			{[]string{"-structmember"}, 0, 0, 3},
		} {
			res := refvet(dir, append(c.args, "./bad")...)
			t.Run(strings.Join(append([]string{"refvet"}, c.args...), " "), func(t *testing.T) {
				ok := hasAll(res.Stderr, errs[:3]...) &&
					strings.Count(res.Stderr, unusedPairing) == c.pairing && strings.Count(res.Stderr, unusedMoveref) == c.moveref &&
					strings.Count(res.Stderr, "(refvet)") == 3+c.pairing+c.moveref
				want(t, res, c.exit, ok)
			})
		}
		res := vet(dir, "-pairing=false", "./bad")
		want(t, res, 1, hasAll(res.Stderr, errs...) && !strings.Contains(res.Stderr, unusedPairing))
	})
	t.Run("standalone -fix", func(t *testing.T) {
		dir := testmod.New(t, root, "testdata/sample", "example.com/sample")
		res := refvet(dir, "-fix", "./...")
		// The wrapper's leak has no fix and is reported; the direct one is fixed.
		want(t, res, 3, strings.Contains(res.Stderr, wrapper) && !strings.Contains(res.Stderr, direct))
		checkFixed(t, dir, refvet(dir, "./use"), wrapper, direct)
	})
}

// want fails the test unless res exited with code and ok holds.
func want(t *testing.T, res testmod.Result, code int, ok bool) {
	t.Helper()
	if res.Code != code || !ok {
		t.Errorf("exit %d (want %d)\nstdout:\n%s\nstderr:\n%s", res.Code, code, res.Stdout, res.Stderr)
	}
}

func hasAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

func panicked(res testmod.Result) bool {
	return strings.Contains(res.Stderr, "panic") || strings.Contains(res.Stderr, "goroutine ")
}

// jsonPositions decodes the stream of go vet -json objects (one per package) and returns the
// positions of the diagnostics by pass.
func jsonPositions(t *testing.T, out string) map[string][]string {
	t.Helper()
	posns := make(map[string][]string)
	dec := json.NewDecoder(strings.NewReader(out))
	for {
		var tree map[string]map[string][]struct{ Posn string }
		if err := dec.Decode(&tree); err == io.EOF {
			return posns
		} else if err != nil {
			t.Fatalf("bad JSON: %v\n%s", err, out)
		}
		for _, byPass := range tree {
			for pass, diags := range byPass {
				for _, d := range diags {
					posns[pass] = append(posns[pass], d.Posn)
				}
			}
		}
	}
}

// withBroken returns a copy of the sample with a package that does not type-check.
func withBroken(t *testing.T, root string) string {
	dir := testmod.New(t, root, "testdata/sample", "example.com/sample")
	src := "package broken\n\nimport \"github.com/refvet/refvet/ref\"\n\nfunc F(r *ref.Ref) int {\n\treturn \"not an int\"\n}\n"
	if err := os.MkdirAll(filepath.Join(dir, "broken"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken/broken.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// withBadDirectives returns a copy of the sample with a package whose directives are wrong in
// every way refvet reports whatever passes run: an ignore without a reason, one naming no
// pass, an acquires naming no parameter, and ignores that suppress nothing.
func withBadDirectives(t *testing.T, root string) string {
	dir := testmod.New(t, root, "testdata/sample", "example.com/sample")
	src := `package bad

import "github.com/refvet/refvet/ref"

type MM struct{ users ref.Count }

//refvet:acquires nosuch
func Take(m *MM, r *ref.Ref) { m.users.Get(r) }

func F(m *MM) {
	var r ref.Ref
	m.users.Get(&r) //refvet:ignore pairing
	m.users.Put(&r) //refvet:ignore nopass it is fine
	_ = m           //refvet:ignore moveref nothing to suppress
	_ = m           //refvet:ignore pairing nothing to suppress either
}
`
	if err := os.MkdirAll(filepath.Join(dir, "bad"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad/bad.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// checkFixed checks that the direct leak was fixed with a deferred put, leaving only the
// wrapper's leak in res, a rerun over the fixed code.
func checkFixed(t *testing.T, dir string, res testmod.Result, wrapper, direct string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, "use/use.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "defer m.Users.Put(&r)") {
		t.Errorf("fix not applied:\n%s", src)
	}
	if !strings.Contains(res.Stderr, wrapper) || strings.Count(res.Stderr, "use.go:") != strings.Count(res.Stderr, wrapper)+1 {
		t.Errorf("after the fix, want only the wrapper's leak (and its related line), got:\n%s", res.Stderr)
	}
}
