package crosscheck

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Disagreement is one place where the halves (or the harness and the runtime) differ.
type Disagreement struct {
	// Kind: "missed" (runtime event, no static finding), "extra" (static finding that no input
	// shows at run time), "kind" (both at the line, different violation), "position" (static
	// finding at a line with no op, or at another column than SPEC's), "unclassified" (a
	// message this harness does not know), "wrapper" (finding in package w), "model" (runtime
	// reports differ from the model: a harness or runtime library bug).
	Kind   string
	Prog   int
	Fn     string
	Line   int
	What   string // the violation kind(s) in question
	Detail string
}

func (d Disagreement) String() string {
	return fmt.Sprintf("%s: p%d/p.go:%d (%s): %s", d.Kind, d.Prog, d.Line, d.Fn, d.Detail)
}

// Figures are the counts of a run.
type Figures struct {
	Programs, Functions, Runs int
	RuntimeEvents             int            // violations and leaks reported at run time, all runs
	RuntimeSites              int            // distinct (line, kind) among them
	CleanSites                int            // sites seen on some run before any earlier violation tainted their refs
	StaticFindings            int            // on generated functions
	StaticExcluded            int            // of which, passes or findings with no runtime counterpart
	AgreeRuntime              int            // clean runtime sites reported statically
	AgreeStatic               int            // comparable static findings seen at run time
	Cascade                   int            // static findings explained only by SPEC's intended-effect rule
	Known                     map[string]int // disagreements that are documented limitations
	Disagreements             []Disagreement
}

func (f *Figures) add(g *Figures) {
	f.Programs += g.Programs
	f.Functions += g.Functions
	f.Runs += g.Runs
	f.RuntimeEvents += g.RuntimeEvents
	f.RuntimeSites += g.RuntimeSites
	f.CleanSites += g.CleanSites
	f.StaticFindings += g.StaticFindings
	f.StaticExcluded += g.StaticExcluded
	f.AgreeRuntime += g.AgreeRuntime
	f.AgreeStatic += g.AgreeStatic
	f.Cascade += g.Cascade
	for k, n := range g.Known {
		if f.Known == nil {
			f.Known = map[string]int{}
		}
		f.Known[k] += n
	}
	f.Disagreements = append(f.Disagreements, g.Disagreements...)
}

func (f *Figures) String() string {
	byKind := map[string]int{}
	for _, d := range f.Disagreements {
		byKind[d.Kind]++
	}
	var kinds []string
	for k, n := range byKind {
		kinds = append(kinds, fmt.Sprintf("%s=%d", k, n))
	}
	sort.Strings(kinds)
	var known []string
	for k, n := range f.Known {
		known = append(known, fmt.Sprintf("%s=%d", k, n))
	}
	sort.Strings(known)
	return fmt.Sprintf("programs=%d functions=%d input-runs=%d runtime-events=%d runtime-sites=%d (clean %d) "+
		"static-findings=%d (excluded %d) agree: runtime->static %d/%d, static->runtime %d/%d, cascade %d; known limitations %v; disagreements=%d %s",
		f.Programs, f.Functions, f.Runs, f.RuntimeEvents, f.RuntimeSites, f.CleanSites,
		f.StaticFindings, f.StaticExcluded, f.AgreeRuntime, f.CleanSites, f.AgreeStatic,
		f.StaticFindings-f.StaticExcluded, f.Cascade, known, len(f.Disagreements), strings.Join(kinds, " "))
}

type site struct {
	Line int
	Kind string
}

func isLeak(kind string) bool { return kind == "RefLeak" }

// compare checks one batch: the runtime output against the model, then runtime against static.
func compare(progs []*Prog, out *RunOutput, findings []Finding) *Figures {
	fig := &Figures{Programs: len(progs)}
	for _, f := range findings {
		if f.OtherFile {
			fig.Disagreements = append(fig.Disagreements, Disagreement{Kind: "wrapper", Prog: -1,
				Detail: fmt.Sprintf("%s:%d:%d: %s: %s", f.File, f.Line, f.Col, f.Pass, f.Msg)})
		}
	}
	for _, p := range progs {
		for _, fn := range p.Funcs {
			var mine []Finding
			for _, f := range findings {
				if f.Prog == p.Index && f.Line >= fn.FirstLine && f.Line <= fn.LastLine {
					mine = append(mine, f)
				}
			}
			fig.add(compareFunc(p, fn, out, mine))
		}
	}
	return fig
}

func compareFunc(p *Prog, fn *Func, out *RunOutput, findings []Finding) *Figures {
	fig := &Figures{Functions: 1, Known: map[string]int{}}
	disagree := func(kind string, line int, what string, format string, args ...any) {
		fig.Disagreements = append(fig.Disagreements, Disagreement{Kind: kind, Prog: p.Index, Fn: fn.Name, Line: line,
			What: what, Detail: fmt.Sprintf(format, args...)})
	}
	fk := fnKey{p.Index, fn.Name}
	all, clean, intended := map[site]bool{}, map[site]bool{}, map[site]bool{}
	tags := map[site]tag{} // for a clean site, the tags every clean occurrence carries
	var wantLeaks, gotLeaks []int
	modelOK := true
	for in := uint32(0); in < 1<<fn.NBits; in++ {
		fig.Runs++
		var want []MEvent
		for _, e := range simulate(fn, in, runtimeMode) {
			s := site{e.Line, e.Kind}
			all[s] = true
			if !e.Tainted {
				if clean[s] {
					tags[s] &= e.Tags
				} else {
					tags[s] = e.Tags
				}
				clean[s] = true
			}
			if e.Leak {
				wantLeaks = append(wantLeaks, e.Seen)
			} else {
				want = append(want, e)
			}
		}
		got := out.Violations[runKey{p.Index, fn.Name, in}]
		fig.RuntimeEvents += len(got)
		if !sameEvents(want, got) {
			modelOK = false
			disagree("model", 0, "", "input %#b: runtime reported %v, the model predicts %v", in, got, want)
		}
		for _, e := range simulate(fn, in, intendedMode) {
			intended[site{e.Line, e.Kind}] = true
		}
	}
	for _, e := range out.Leaks[fk] {
		gotLeaks = append(gotLeaks, e.Line)
	}
	fig.RuntimeEvents += len(gotLeaks)
	slices.Sort(wantLeaks)
	slices.Sort(gotLeaks)
	if !slices.Equal(wantLeaks, gotLeaks) {
		modelOK = false
		disagree("model", 0, "", "leaks at lines %v at run time (counts say %v), the model predicts %v", gotLeaks, out.Expected[fk], wantLeaks)
	}
	fig.RuntimeSites, fig.CleanSites = len(all), len(clean)
	if !modelOK {
		return fig // comparing refvet with a harness that is wrong proves nothing
	}

	// Where refvet may report what happens at an op line: the line itself, and for a call in a
	// deferred closure also the closure's defer line (SPEC: a deferred put at its defer line).
	opAt := map[int]*Op{}
	deferred := map[int][]*Op{}
	walk(fn.Body, func(s *Stmt) {
		if s.Op != nil {
			opAt[s.Op.Line] = s.Op
			if s.Op.DeferLine != 0 {
				deferred[s.Op.DeferLine] = append(deferred[s.Op.DeferLine], s.Op)
			}
		}
	})
	reportable := func(line int) []int {
		if op := opAt[line]; op != nil && op.DeferLine != 0 {
			return []int{line, op.DeferLine}
		}
		return []int{line}
	}
	// Runtime -> static: every clean runtime site is reported where SPEC says: a finding at
	// its line (a violation at the op, or a leak at the take). Which violation refvet names
	// there is checked the other way round: a put that holds nothing on one path and another
	// count on another is one diagnostic, naming one of them.
	ctx := &judgeCtx{fn: fn, opAt: opAt, findings: findings, clean: clean, all: all, intended: intended}
	foreign := false
	for _, f := range findings {
		foreign = foreign || f.Pass == "ownerparam" && f.Classes != nil
	}
	for _, s := range sortedSites(clean) {
		found := false
		for _, f := range findings {
			if slices.Contains(reportable(s.Line), f.At) && f.Classes != nil && isLeak(f.Classes[0]) == isLeak(s.Kind) {
				found = true
			}
		}
		// SPEC (ownerparam): a put through a local ref that never took a reference, on an
		// object the caller passed in, is reported once, at the function's name.
		if !found && s.Kind == "PutNotHeld" && tags[s]&tagNeverHeld != 0 && foreign {
			found = true
		}
		if found {
			fig.AgreeRuntime++
			continue
		}
		if l := knownMiss(ctx, s, tags[s]); l != nil {
			fig.Known[l.Name]++
			continue
		}
		disagree("missed", s.Line, s.Kind, "runtime %s, no static finding", s.Kind)
	}
	// Static -> runtime: every comparable finding happens at run time for some input.
	for _, f := range findings {
		fig.StaticFindings++
		switch {
		case f.Excluded != "":
			fig.StaticExcluded++
			continue
		case f.Classes == nil:
			disagree("unclassified", f.Line, "", "%s: %s", f.Pass, f.Msg)
			continue
		}
		var lines []int // the op lines the finding may be about
		op := opAt[f.At]
		if op != nil {
			lines = append(lines, f.At)
		}
		for _, d := range deferred[f.At] {
			lines = append(lines, d.Line)
		}
		what := strings.Join(f.Classes, "|")
		if len(lines) == 0 {
			disagree("position", f.Line, what, "finding about a line with no operation: %s: %s", f.Pass, f.Msg)
			continue
		}
		switch {
		case f.At != f.Line:
			// ownerparam: at the function's name.
			if f.Line != fn.FirstLine || f.Col != len("func ")+1 {
				disagree("position", f.Line, what, "%d:%d, the function's name is at %d:%d: %s", f.Line, f.Col, fn.FirstLine, len("func ")+1, f.Msg)
			}
		case op != nil && (f.Col == op.Col || op.DeferCol != 0 && f.Col == op.DeferCol):
		case len(deferred[f.At]) > 0 && f.Col == deferred[f.At][0].DeferStmtCol:
		default:
			disagree("position", f.Line, what, "column %d is not where the call or its defer starts: %s", f.Col, f.Msg)
		}
		seen, cascade, coarse := false, false, false
		for _, ln := range lines {
			for _, k := range f.Classes {
				seen = seen || all[site{ln, k}]
				cascade = cascade || intended[site{ln, k}]
			}
			for s := range all {
				if s.Line == ln && isLeak(s.Kind) == isLeak(f.Classes[0]) {
					coarse = true
				}
			}
		}
		switch {
		case seen:
			fig.AgreeStatic++
		case cascade:
			fig.Cascade++
		case knownExtra(ctx, f) != nil:
			fig.Known[knownExtra(ctx, f).Name]++
		case coarse:
			disagree("kind", f.At, what, "refvet reports %v, the runtime another violation there: %s", f.Classes, f.Msg)
		default:
			disagree("extra", f.At, what, "%s: %s (no input shows it at run time)", f.Pass, f.Msg)
		}
	}
	return fig
}

// sameEvents compares the model's events of one run with the runtime's. A deferred call is
// seen at its defer line when the compiler wraps it (runtime frame FnK.deferwrapN), at the
// return that runs it when the compiler open-codes it, or at the function's end when
// deferreturn runs it: any will do.
func sameEvents(want []MEvent, got []Event) bool {
	if len(want) != len(got) {
		return false
	}
	for i, w := range want {
		if g := got[i].Line; w.Kind != got[i].Kind || g != w.Line && g != w.Seen && g != w.Seen2 {
			return false
		}
	}
	return true
}

func sortedSites(m map[site]bool) []site {
	var out []site
	for s := range m {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}
