package crosscheck

import (
	"fmt"
	"strings"
)

// A Limitation is a documented disagreement between refvet and the runtime: its reproducer is
// testdata/<Name>.go, and TestLimitations checks that refvet still behaves as recorded there,
// so that a fix in refvet shows up as a failing test asking for the limitation to go.
type Limitation struct {
	Name   string
	Class  string // "refvet static": the engine misses or misplaces it; "semantics": SPEC and ref differ
	Reason string
	// Feature, if set, is the generator feature CheckedOptions switches off because of it.
	Feature string
	// miss, if set, says whether a clean runtime site that refvet does not report is this
	// limitation.
	miss func(c *judgeCtx, s site, t tag) bool
	// extra, if set, says whether a static finding that no run shows is this limitation.
	extra func(c *judgeCtx, f Finding) bool
}

// judgeCtx is what a limitation may look at: the function, its ops by line, refvet's findings
// on it and the clean runtime sites.
type judgeCtx struct {
	fn       *Func
	opAt     map[int]*Op
	findings []Finding
	clean    map[site]bool
	all      map[site]bool
	intended map[site]bool
}

// refAt names the ref the op at line fills or puts.
func (c *judgeCtx) refAt(line int) string {
	if op := c.opAt[line]; op != nil {
		return c.fn.Refs[op.Dst].Name
	}
	return ""
}

// Limitations are the disagreements known and not fixed here (refvet's engine and the ref
// library belong to others; see NOTE.md for the report to their owners).
var Limitations = []Limitation{
	{
		Name:  "leak_after_double_get",
		Class: "semantics",
		Reason: "after a second Get into a ref that holds (same count), ref skips the Get, so the ref " +
			"still holds the FIRST reference and a leak is reported at the first Get; refvet assumes " +
			"the second Get took effect and reports the leak at the second Get",
		miss: func(_ *judgeCtx, s site, t tag) bool { return s.Kind == "RefLeak" && t&tagAfterDoubleGet != 0 },
	},
	{
		Name:  "loop_reget_leak",
		Class: "semantics",
		Reason: "a Get in a loop whose ref still holds when the loop comes back is reported once, as the " +
			"double get (pairing's rule); at run time the path with one iteration leaks that Get's " +
			"reference with no double get, and ref reports the leak",
		miss: func(c *judgeCtx, s site, _ tag) bool {
			if s.Kind != "RefLeak" {
				return false
			}
			for _, f := range c.findings {
				if f.At == s.Line && strings.Contains(f.Msg, "on an earlier iteration") {
					return true
				}
			}
			return false
		},
	},
	{
		Name:  "merged_takes",
		Class: "refvet static",
		Reason: "when a ref is taken at two places on different paths (or the paths join after a " +
			"conditional acquire), refvet reports the leak at one take only, and sometimes at a take " +
			"whose reference was moved out or put on every path (a false leak there, the real ones " +
			"missed), e.g. when the ref is refilled by a move from an empty ref",
		miss: func(c *judgeCtx, s site, _ tag) bool {
			name := c.refAt(s.Line)
			if s.Kind != "RefLeak" || name == "" {
				return false
			}
			for _, f := range c.findings {
				if f.At != s.Line && strings.HasPrefix(f.Msg, name+" leaks: ") {
					return true
				}
			}
			return false
		},
		extra: func(c *judgeCtx, f Finding) bool {
			name := c.refAt(f.At)
			if !strings.HasPrefix(f.Msg, name+" leaks: ") {
				return false
			}
			for s := range c.clean {
				if s.Kind == "RefLeak" && s.Line != f.At && c.refAt(s.Line) == name {
					return true
				}
			}
			// Or the ref leaks, after SPEC's intended effect of an earlier violation, at another take.
			for s := range c.intended {
				if s.Kind == "RefLeak" && s.Line != f.At && c.refAt(s.Line) == name {
					return true
				}
			}
			return false
		},
	},
	{
		Name:  "put_after_bad_move",
		Class: "refvet static",
		Reason: "a put of a ref that never took a reference on one path and whose reference was " +
			"moved out by a move from an empty ref on another is not reported: moveref takes it for the " +
			"bad move seen again, pairing for a use after move, and the never-taken path is lost",
		miss: func(c *judgeCtx, s site, t tag) bool {
			name := c.refAt(s.Line)
			if s.Kind != "PutNotHeld" || name == "" {
				return false
			}
			for _, f := range c.findings {
				if f.Pass == "moveref" && strings.Contains(f.Msg, " from "+name+" ") &&
					(strings.Contains(f.Msg, name+" holds nothing") || strings.Contains(f.Msg, "already moved out")) {
					return true
				}
			}
			return false
		},
	},
	{
		Name:  "failed_acquire_into_held",
		Class: "refvet static",
		Reason: "on the failure branch of a conditional acquire (err != nil, false, nil) into a ref that " +
			"already held, refvet forgets what the ref held: it reports puts there as of the reference " +
			"the failed call did not take, or reports nothing where the runtime sees a wrong-count put",
		miss: func(c *judgeCtx, s site, t tag) bool { return t&tagFailedWhileHeld != 0 },
		extra: func(c *judgeCtx, f Finding) bool {
			// "... (taken at line K) ..." where K is a conditional acquire reached while the
			// ref held (a double get there at run time).
			i := strings.Index(f.Msg, "(taken at line ")
			if i < 0 {
				return false
			}
			var k int
			fmt.Sscanf(f.Msg[i+len("(taken at line "):], "%d", &k)
			op := c.opAt[k]
			return op != nil && op.Kind.conditional() && c.all[site{k, "DoubleGet"}]
		},
	},
	{
		Name:    "deferred_on_branches",
		Class:   "refvet static",
		Feature: "DeferTwice",
		Reason: "deferred releases of one ref registered on different branches: which runs at return " +
			"depends on the path, which the joined state cannot say, so refvet applies one without " +
			"judging it and misses a put of an empty ref on one of the paths (two defers on one path " +
			"are judged in reverse order)",
	},
	{
		Name:    "closure_in_place",
		Class:   "refvet static",
		Feature: "Closures",
		Reason: "in a closure called in place, refvet judges what the closure does to a captured ref " +
			"by its summary: a put of a ref that holds nothing is missed when a wrapper does it, " +
			"when the closure then takes into the ref again, and for a double put of a member ref " +
			"(a put under an if is judged since the closure's summary says it releases on some paths)",
	},
	{
		Name:    "deferred_closure",
		Class:   "refvet static",
		Feature: "DeferClosure",
		Reason: "refvet judges nothing a deferred closure does (puts of empty refs, moves into full " +
			"ones, takes that leak) and stays silent about the refs it captures",
	},
}

func knownMiss(c *judgeCtx, s site, t tag) *Limitation {
	for i := range Limitations {
		if l := &Limitations[i]; l.miss != nil && l.miss(c, s, t) {
			return l
		}
	}
	return nil
}

func knownExtra(c *judgeCtx, f Finding) *Limitation {
	for i := range Limitations {
		if l := &Limitations[i]; l.extra != nil && l.extra(c, f) {
			return l
		}
	}
	return nil
}
