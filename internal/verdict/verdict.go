package verdict

import (
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/refstate"
)

// Analyzer finds the root causes of a package and routes each to the pass that reports it.
var Analyzer = &analysis.Analyzer{
	Name:       "verdict",
	Doc:        "decide which of refvet's passes reports each root cause",
	Run:        run,
	Requires:   []*analysis.Analyzer{refstate.Analyzer},
	ResultType: reflect.TypeFor[*Result](),
}

// Result holds, for each pass, the views it reports in this package.
type Result struct {
	byPass map[string][]View
	// Causes are every root cause found, whatever passes are enabled, with how each was
	// routed; for tests and tools that explain refvet's decisions.
	Causes []*Cause
}

// Views returns what pass reports, in source order: the views routed to it, less those in
// generated files and those an //refvet:ignore suppresses.
func (r *Result) Views(pass string) []View { return r.byPass[pass] }

// Of returns the verdict of the package pass analyses; pass must require Analyzer.
func Of(pass *analysis.Pass) *Result { return pass.ResultOf[Analyzer].(*Result) }

// A Cause is one mistake, with what each pass that can describe it would say, most specific
// first.
type Cause struct {
	Views []View

	shown   View   // the view reported, if any
	routed  bool   // a pass is enabled that can describe it
	dropped string // why the routed view is not reported: "generated", "suppressed"
}

// Routed returns the view this run reports for c, and false if no enabled pass can describe
// c or the view is in a generated file or suppressed.
func (c *Cause) Routed() (View, bool) { return c.shown, c.routed && c.dropped == "" }

// Dropped says why c's routed view is not reported: "generated" or "suppressed"; "" if it is.
func (c *Cause) Dropped() string { return c.dropped }

// A View is one pass's account of a root cause.
type View struct {
	Pass   string
	Pos    token.Pos      // where SPEC says the pass reports it
	Func   *refstate.Func // the function it is in; nil for types and directives
	Detail Detail         // what the pass needs to say it
}

// A Detail is what a view is about; its type says which rule it breaks.
type Detail interface{ isDetail() }

// Leak (pairing): a local ref still holds at a return.
type Leak struct {
	refstate.Leak
	// Fixable: the leaking site is a Get outside any loop and the only operation on its ref, so `defer c.Put(&r)` right after it is the unambiguous fix.
	Fixable bool
}

// DoubleGet (pairing): a take into a ref that may already hold.
type DoubleGet struct{ Event refstate.Event }

// BadPut (pairing): a put (or releasing call) of a ref that holds nothing on some path, or
// holds a reference on another count.
type BadPut struct {
	Event   refstate.Event
	Problem refstate.PutProblem
	Other   *refstate.Site // the earlier put, failed acquire or take on the other count
}

// ReturnedHeld (ownerparam): the function returns an object whose reference it took into a
// ref that is not its caller's.
type ReturnedHeld struct {
	Take   *refstate.Site
	Return *ssa.Return
	Holder string // "its local ref r", "m.ref, a member of a package-level variable"
}

// ForeignRelease (ownerparam): the function drops a reference on an object its caller passed
// in, with a ref that did not come from its parameters.
type ForeignRelease struct {
	Event  refstate.Event
	Holder string
}

// IdleParam (ownerparam): a *ref.Ref parameter left as the caller passed it on a path that
// reports success.
type IdleParam struct {
	Param  *ssa.Parameter
	Return *ssa.Return
}

// Unbacked (structmember): a store of a tracked pointer whose member holds no reference at a
// return.
type Unbacked struct {
	Store  Store
	Return *ssa.Return
}

// Orphan (structmember): a store that clears or overwrites a pointer whose reference the
// member still holds, with no put or move out of the member on that path.
type Orphan struct {
	Store Store
	Event refstate.Event
}

// NoMember (structmember): a tracked-pointer field with no ref.Ref member.
type NoMember struct {
	Owner     string // the struct: its type name, or "this struct"
	Field     *types.Var
	Unclaimed []string // ref.Ref fields no pointer pairs with, which the user may have meant
}

// BadMoveSrc (moveref): a move whose source holds nothing on some path, or holds a reference
// on another count.
type BadMoveSrc struct {
	Event   refstate.Event
	Problem refstate.PutProblem
	Other   *refstate.Site
}

// MoveIntoHeld (moveref): a move into a ref that may already hold a reference taken here.
type MoveIntoHeld struct{ Event refstate.Event }

// SwappedMove (moveref): a move from a ref that never held into one that holds: the arguments
// are the wrong way round.
type SwappedMove struct{ Event refstate.Event }

// UseAfterMove (moveref): a put or release of a ref whose reference was moved out.
type UseAfterMove struct {
	Event refstate.Event
	Move  *refstate.Site
}

// SlowMove (moveref): a Get directly followed by a Put on the same count of the same object.
type SlowMove struct{ Get, Put *refstate.Site }

// Error (category "refvet"): a malformed directive, an ignore that suppresses nothing, or a
// function the engine gave up on.
type Error struct{ Msg string }

func (Leak) isDetail()           {}
func (DoubleGet) isDetail()      {}
func (BadPut) isDetail()         {}
func (ReturnedHeld) isDetail()   {}
func (ForeignRelease) isDetail() {}
func (IdleParam) isDetail()      {}
func (Unbacked) isDetail()       {}
func (Orphan) isDetail()         {}
func (NoMember) isDetail()       {}
func (BadMoveSrc) isDetail()     {}
func (MoveIntoHeld) isDetail()   {}
func (SwappedMove) isDetail()    {}
func (UseAfterMove) isDetail()   {}
func (SlowMove) isDetail()       {}
func (Error) isDetail()          {}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[refstate.Analyzer].(*refstate.Result)
	c := &collector{pass: pass, res: res}
	c.errors()
	if res.Analyzed() {
		c.types()
		for _, f := range res.Funcs {
			c.function(f)
		}
		c.releaseMethods()
	}
	return route(pass, res, c.causes), nil
}

// collector gathers a package's causes.
type collector struct {
	pass   *analysis.Pass
	res    *refstate.Result
	causes []*Cause
}

func (c *collector) add(views ...View) *Cause {
	cause := &Cause{Views: views}
	c.causes = append(c.causes, cause)
	return cause
}
