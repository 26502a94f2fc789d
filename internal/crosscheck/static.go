package crosscheck

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/refvet/refvet/internal/suite"
)

// Finding is one static diagnostic on a generated file.
type Finding struct {
	Prog      int
	Line, Col int
	Pass      string
	Msg       string
	Classes   []string // runtime kinds this finding stands for; nil: not comparable
	Excluded  string   // why it is not compared, if it is not
	File      string
	OtherFile bool // in w/w.go or elsewhere: reported as a problem of the batch
	// At is the line of the operation the finding is about: its own line, or for
	// ownerparam's foreign release (reported at the function's name) the put it names.
	At int
}

// analyze loads the batch in dir and runs the refvet suite on the wrappers and programs.
func analyze(dir string, env []string, progs []*Prog) ([]Finding, error) {
	return analyzeMode(dir, env, progs, packages.LoadAllSyntax)
}

func analyzeMode(dir string, env []string, progs []*Prog, mode packages.LoadMode) ([]Finding, error) {
	patterns := []string{"./w"}
	for _, p := range progs {
		patterns = append(patterns, fmt.Sprintf("./p%d", p.Index))
	}
	cfg := &packages.Config{Mode: mode, Dir: dir, Env: env}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	var errs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, e.Error())
		}
	})
	if len(errs) > 0 {
		return nil, fmt.Errorf("generated code does not load:\n%s", strings.Join(errs, "\n"))
	}
	graph, err := checker.Analyze(suite.Analyzers(), pkgs, nil)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for act := range graph.All() {
		if act.Err != nil {
			return nil, fmt.Errorf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)
		}
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			posn := act.Package.Fset.Position(d.Pos)
			f := Finding{Line: posn.Line, Col: posn.Column, Pass: act.Analyzer.Name, Msg: d.Message, File: posn.Filename, Prog: -1}
			dir, base := filepath.Split(posn.Filename)
			pkg := filepath.Base(dir)
			if n, err := strconv.Atoi(strings.TrimPrefix(pkg, "p")); err == nil && base == "p.go" && strings.HasPrefix(pkg, "p") {
				f.Prog = n
			} else {
				f.OtherFile = true
			}
			f.Classes, f.Excluded = classify(f.Pass, f.Msg)
			f.At = f.Line
			if f.Pass == "ownerparam" && f.Classes != nil {
				for _, r := range d.Related {
					if r.Message == "reference dropped here" {
						f.At = act.Package.Fset.Position(r.Pos).Line
					}
				}
			}
			out = append(out, f)
		}
	}
	return out, nil
}

// classify maps a diagnostic to the runtime violation kinds it stands for. Diagnostics with no
// runtime counterpart are excluded, with the reason.
func classify(pass, msg string) ([]string, string) {
	has := func(s string) bool { return strings.Contains(msg, s) }
	switch {
	case has("refvet internal error"):
		return nil, ""
	case pass == "ownerparam" && has("which its caller passed in"):
		// A put through a ref that never held, on an object the caller passed in: reported
		// at the function's name, the put in Related.
		return []string{"PutNotHeld"}, ""
	case pass == "ownerparam":
		return nil, "ownerparam judges signatures: no runtime event"
	case pass == "structmember":
		return nil, "structmember judges struct fields and stores: no runtime event"
	case pass == "moveref" && has("is a move written the slow way"):
		return nil, "slow move is a style finding: no runtime event"
	case pass == "pairing" && has(" leaks: "):
		return []string{"RefLeak"}, ""
	case pass == "pairing" && has("takes a second one into the same ref"):
		return []string{"DoubleGet"}, ""
	case pass == "pairing" && has(", not on "):
		return []string{"PutWrongCount"}, ""
	case pass == "pairing" && has("holds nothing"):
		return []string{"PutNotHeld"}, ""
	case pass == "moveref" && has("after a move the source holds nothing"):
		return []string{"PutNotHeld"}, ""
	case pass == "moveref" && has("are the arguments swapped"):
		return []string{"MoveFromEmpty", "MoveIntoFull"}, ""
	case pass == "moveref" && has("that reference would be lost"):
		return []string{"MoveIntoFull"}, ""
	case pass == "moveref" && has("a move cannot carry a reference to another count"):
		return []string{"MoveWrongCount"}, ""
	case pass == "moveref" && (has("holds nothing") || has("already moved out")):
		return []string{"MoveFromEmpty"}, ""
	}
	return nil, ""
}
