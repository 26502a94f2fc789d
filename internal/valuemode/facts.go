package valuemode

import (
	"cmp"
	"fmt"
	"go/types"
	"slices"
	"strings"
)

// The facts of value mode. They are defined here and computed and exported by the engine
// (internal/refstate): see docs/value-mode-design.md. Every field is exported so that gob
// (go vet -vettool, unitchecker) carries it; String is what analysistest's
// `// want Name:"..."` fact expectations match, so it avoids regexp metacharacters.

// Ownership says what a caller gets from a result.
type Ownership uint8

const (
	Untracked Ownership = iota // nothing is known: the caller is silent about the value
	Owned                      // +1: the caller must give it up
	Borrowed                   // +0: the caller must not release it without a Retain
	// Mixed: the body returns a borrowed value on one path and an owned one on another. The
	// function is reported (ownerparam, at its name); callers treat the result as Untracked.
	Mixed
)

func (o Ownership) String() string {
	switch o {
	case Untracked:
		return "untracked"
	case Owned:
		return "owned"
	case Borrowed:
		return "borrowed"
	case Mixed:
		return "mixed"
	}
	return fmt.Sprintf("Ownership(%d)", o)
}

// Why says where an ownership answer came from.
type Why uint8

const (
	Inferred    Why = iota // read from the function's body
	ByPreset               // a preset's results or params entry
	ByConfig               // -valuemode.owned, -valuemode.borrowed, -valuemode.consumes, ...
	ByDirective            // //refvet:owned, //refvet:borrowed, //refvet:consumes
	ByNaming               // the naming rule (NamingRule)
)

func (w Why) String() string {
	switch w {
	case Inferred:
		return "by inference"
	case ByPreset:
		return "by preset"
	case ByConfig:
		return "by config"
	case ByDirective:
		return "by directive"
	case ByNaming:
		return "by naming rule"
	}
	return fmt.Sprintf("Why(%d)", w)
}

// Cond is the condition under which an owned result holds a reference, as in SPEC.md's
// conditional summaries. A nil result holds nothing whatever the condition.
type Cond uint8

const (
	Always Cond = iota // whatever the other results say (mem.ReadAll: even when it fails)
	ErrNil             // when the error result CondResult is nil
	True               // when the bool result CondResult is true
	NonNil             // when the result itself is non-nil (the default for a lone pointer result)
)

// ResultOwnership is what one result of a function gives its caller.
type ResultOwnership struct {
	Result     int // the result's index
	Own        Ownership
	When       Cond // Owned only
	CondResult int  // the result When reads (ErrNil, True); -1 otherwise
	Why        Why
}

func (r ResultOwnership) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "r%d %s", r.Result, r.Own)
	if r.Own == Owned {
		switch r.When {
		case ErrNil:
			fmt.Fprintf(&b, " if r%d == nil", r.CondResult)
		case True:
			fmt.Fprintf(&b, " if r%d true", r.CondResult)
		case NonNil:
			fmt.Fprintf(&b, " if r%d != nil", r.Result)
		}
	}
	b.WriteString(" " + r.Why.String())
	return b.String()
}

// Effect is what a function does with the reference its caller passes in a parameter.
type Effect uint8

const (
	// Borrows: the caller keeps its reference (the callee Retains what it keeps). Recorded only
	// where a preset, the configuration or the inference needs to say so explicitly; a
	// parameter with no entry is borrowed.
	Borrows  Effect = iota
	Consumes        // takes the caller's reference over: released or stored where it outlives the call
	// ConsumesSome: consumes on some paths and not on others, with no result to tell the
	// caller which: reported at the function's name (ownerparam); callers stop judging the value.
	ConsumesSome
	// Escapes: passed somewhere the engine cannot follow (an unknown function, a closure) on
	// some path; callers stop judging the value they pass. Inferred only.
	Escapes
	// Keeps: consumes by storing it where it outlives the call, without a Retain, on every
	// path (SPEC-VALUE's "consumes"): callers count it handed over, as for Consumes. Apart
	// from Consumes so that "consumes on some paths" is reported only where the paths that
	// consume release. Inferred only.
	Keeps
	// Retains: keeps a reference of its own (a Retain, then a store): the caller keeps its
	// reference, and the value lives on after the caller releases it. Inferred only.
	Retains
)

func (e Effect) String() string {
	switch e {
	case Borrows:
		return "borrows"
	case Consumes:
		return "consumes"
	case ConsumesSome:
		return "consumes on some paths"
	case Escapes:
		return "lets escape"
	case Keeps:
		return "keeps"
	case Retains:
		return "retains"
	}
	return fmt.Sprintf("Effect(%d)", e)
}

// ParamEffect is what a function does with one parameter's reference.
type ParamEffect struct {
	Param  int    // index among the parameters, receiver excluded; -1 is the receiver
	Name   string // as declared, for messages
	Effect Effect
	Why    Why
}

func (p ParamEffect) String() string {
	name := p.Name
	if name == "" || name == "_" {
		name = fmt.Sprintf("p%d", p.Param)
	}
	return fmt.Sprintf("%s %s %s", p.Effect, name, p.Why)
}

// FuncFact is value mode's summary of a function: the ownership of its counted results and
// what it does with its counted parameters. The engine exports one for every function with a
// counted result or a counted parameter whose summary says something (and for directives,
// whether or not the body agrees).
type FuncFact struct {
	Results []ResultOwnership // by result index; results with nothing to say are left out
	Params  []ParamEffect     // by parameter index, receiver (-1) first
}

func (*FuncFact) AFact() {}

// String is "values: r0 owned if r1 == nil by inference; consumes blk by directive": results
// then parameters, in index order.
func (f *FuncFact) String() string {
	f.sort()
	var parts []string
	for _, r := range f.Results {
		parts = append(parts, r.String())
	}
	for _, p := range f.Params {
		parts = append(parts, p.String())
	}
	if len(parts) == 0 {
		return "values: none"
	}
	return "values: " + strings.Join(parts, "; ")
}

func (f *FuncFact) sort() {
	slices.SortStableFunc(f.Results, func(a, b ResultOwnership) int { return cmp.Compare(a.Result, b.Result) })
	slices.SortStableFunc(f.Params, func(a, b ParamEffect) int { return cmp.Compare(a.Param, b.Param) })
}

// Result returns the entry for result i.
func (f *FuncFact) Result(i int) (ResultOwnership, bool) {
	if f != nil {
		for _, r := range f.Results {
			if r.Result == i {
				return r, true
			}
		}
	}
	return ResultOwnership{}, false
}

// Param returns the entry for parameter i (-1: the receiver).
func (f *FuncFact) Param(i int) (ParamEffect, bool) {
	if f != nil {
		for _, p := range f.Params {
			if p.Param == i {
				return p, true
			}
		}
	}
	return ParamEffect{}, false
}

// Empty reports whether f says nothing.
func (f *FuncFact) Empty() bool { return f == nil || len(f.Results) == 0 && len(f.Params) == 0 }

// Merge layers facts by precedence, highest first (configuration, directive, preset,
// inference, naming rule; see Resolve): for each result and each parameter the first fact
// that has an entry for it decides. Nil facts are skipped; the result is nil if all are empty.
func Merge(facts ...*FuncFact) *FuncFact {
	out := new(FuncFact)
	for _, f := range facts {
		if f == nil {
			continue
		}
		for _, r := range f.Results {
			if _, ok := out.Result(r.Result); !ok {
				out.Results = append(out.Results, r)
			}
		}
		for _, p := range f.Params {
			if _, ok := out.Param(p.Param); !ok {
				out.Params = append(out.Params, p)
			}
		}
	}
	if out.Empty() {
		return nil
	}
	out.sort()
	return out
}

// CountedFact is exported on a type declared counted by a //refvet:counted directive, so that
// other packages count it too.
type CountedFact struct {
	Retain   string   // "" for a release-only type
	Releases []string // at least one
}

func (*CountedFact) AFact() {}

func (c *CountedFact) String() string {
	s := "counted"
	if len(c.Releases) > 0 {
		s += " " + strings.Join(c.Releases, "|")
	}
	if c.Retain != "" {
		s += "/" + c.Retain
	}
	return s
}

// PackageFact marks a package that value mode must look at: it declares a counted type, or
// imports (directly or not) a package that does, or one under a preset's module. Packages
// without it keep SPEC.md's fast path: no SSA is built for value mode.
type PackageFact struct {
	// Modules are the preset modules the package imports, directly or not (sorted), so that
	// importers learn them from one fact per direct import instead of walking the graph.
	Modules []string
	// Declares: the package itself declares a counted type.
	Declares bool
}

func (*PackageFact) AFact() {}

func (p *PackageFact) String() string {
	s := "usesCounted"
	if p.Declares {
		s += " declares"
	}
	if len(p.Modules) > 0 {
		s += " " + strings.Join(p.Modules, " ")
	}
	return s
}

// resultCond is the condition of an owned result whose source gives none (SPEC-VALUE: owned
// when the error is nil, if there is an error result; a bool result does not qualify here).
func resultCond(sig *types.Signature, result int) (Cond, int) {
	res := sig.Results()
	for i := res.Len() - 1; i >= 0; i-- {
		if i != result && isError(res.At(i).Type()) {
			return ErrNil, i
		}
	}
	return Always, -1
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}
