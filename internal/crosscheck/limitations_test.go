package crosscheck

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/refvet/refvet/internal/testmod"
)

var (
	bitsRE = regexp.MustCompile(`(?m)^//crosscheck:bits (\d+)\nfunc (F\d+)\(`)
	// runtimeRE and refvetRE read the expectations of a reproducer line, "// runtime: K // refvet: K"
	// (either may be missing); two expressions, since one alternation would consume the "//"
	// that starts the second part.
	runtimeRE = regexp.MustCompile(`// runtime: ([\w ]+?)\s*(?://|$)`)
	refvetRE  = regexp.MustCompile(`// refvet: ([\w ]+)$`)
)

// TestLimitations runs each documented limitation's reproducer, testdata/<name>.go, under
// refdebug on every input and through refvet, and checks both still behave as the comments on
// its lines say (`// runtime: Kinds` seen at run time, `// refvet: Kinds|none` reported by
// refvet). When refvet is fixed this test fails: drop the limitation (and switch its generator
// feature back on in CheckedOptions).
func TestLimitations(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the reproducers")
	}
	root := testmod.Root(t)
	type expect struct {
		runtime, refvet []string
		refvetSet       bool
	}
	var progs []*Prog
	expects := map[int]map[int]*expect{} // prog -> line
	names := map[int]string{}
	for i, l := range Limitations {
		src, err := os.ReadFile(filepath.Join("testdata", l.Name+".go"))
		if err != nil {
			t.Fatalf("limitation %s has no reproducer: %v", l.Name, err)
		}
		text := strings.Replace(string(src), "package p\n", fmt.Sprintf("package p%d\n", i), 1)
		p := &Prog{Index: i, Src: []byte(text)}
		for _, m := range bitsRE.FindAllStringSubmatch(text, -1) {
			n, _ := strconv.Atoi(m[1])
			p.Funcs = append(p.Funcs, &Func{Name: m[2], NBits: n, AliveBit: [numObjs]int{-1, -1, -1}})
		}
		exp := map[int]*expect{}
		for ln, line := range strings.Split(text, "\n") {
			rt, rv := runtimeRE.FindStringSubmatch(line), refvetRE.FindStringSubmatch(line)
			if rt == nil && rv == nil {
				continue
			}
			e := exp[ln+1]
			if e == nil {
				e = &expect{}
				exp[ln+1] = e
			}
			if rt != nil {
				e.runtime = strings.Fields(rt[1])
			}
			if rv != nil {
				e.refvetSet = true
				if rv[1] != "none" {
					e.refvet = strings.Fields(rv[1])
				}
			}
		}
		progs, expects[i], names[i] = append(progs, p), exp, l.Name
	}
	out, findings := runBoth(t, root, progs)
	seen := map[[2]int][]string{}
	for k, evs := range out.Violations {
		for _, e := range evs {
			seen[[2]int{k.Prog, e.Line}] = append(seen[[2]int{k.Prog, e.Line}], e.Kind)
		}
	}
	for k, evs := range out.Leaks {
		for _, e := range evs {
			seen[[2]int{k.Prog, e.Line}] = append(seen[[2]int{k.Prog, e.Line}], e.Kind)
		}
	}
	reported := map[[2]int][]string{}
	for _, f := range findings {
		if f.Classes != nil && f.Prog >= 0 {
			k := [2]int{f.Prog, f.At}
			reported[k] = append(reported[k], f.Classes[0])
		}
	}
	for pi, exp := range expects {
		lines := strings.Split(string(progs[pi].Src), "\n")
		for ln, e := range exp {
			k := [2]int{pi, ln}
			runtime := seen[k]
			if strings.HasPrefix(strings.TrimSpace(lines[ln-1]), "defer ") {
				// An open-coded deferred call is seen at the function's end.
				for end := ln; end < len(lines); end++ {
					if lines[end] == "}" {
						runtime = append(runtime, seen[[2]int{pi, end + 1}]...)
						break
					}
				}
			}
			for _, kind := range e.runtime {
				if !slices.Contains(runtime, kind) {
					t.Errorf("%s.go:%d: the runtime no longer reports %s (it reports %v)", names[pi], ln, kind, runtime)
				}
			}
			if !e.refvetSet {
				continue
			}
			got := slices.Compact(slices.Sorted(slices.Values(reported[k])))
			want := slices.Sorted(slices.Values(e.refvet))
			if !slices.Equal(got, want) {
				t.Errorf("%s.go:%d: refvet now reports %v, recorded %v: if the limitation is fixed, drop it from Limitations", names[pi], ln, got, want)
			}
		}
	}
}
