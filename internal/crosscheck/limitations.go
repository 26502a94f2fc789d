package crosscheck

import (
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
	miss func(s site, t tag, findings []Finding) bool
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
		miss: func(s site, t tag, _ []Finding) bool { return s.Kind == "RefLeak" && t&tagAfterDoubleGet != 0 },
	},
	{
		Name:  "loop_reget_leak",
		Class: "semantics",
		Reason: "a Get in a loop whose ref still holds when the loop comes back is reported once, as the " +
			"double get (pairing's rule); at run time the path with one iteration leaks that Get's " +
			"reference with no double get, and ref reports the leak",
		miss: func(s site, _ tag, findings []Finding) bool {
			if s.Kind != "RefLeak" {
				return false
			}
			for _, f := range findings {
				if f.At == s.Line && strings.Contains(f.Msg, "on an earlier iteration") {
					return true
				}
			}
			return false
		},
	},
	{
		Name:    "closure_in_place",
		Class:   "refvet static",
		Feature: "Closures",
		Reason: "in a closure called in place, refvet misses a put of a ref that holds nothing when the " +
			"put is under an if, when a wrapper does it, when the closure then takes into the ref " +
			"again, and any double put of a member ref",
	},
	{
		Name:    "deferred_closure",
		Class:   "refvet static",
		Feature: "DeferClosure",
		Reason: "refvet judges nothing a deferred closure does (puts of empty refs, moves into full " +
			"ones, takes that leak) and stays silent about the refs it captures",
	},
}

func knownMiss(s site, t tag, findings []Finding) *Limitation {
	for i := range Limitations {
		if l := &Limitations[i]; l.miss != nil && l.miss(s, t, findings) {
			return l
		}
	}
	return nil
}
