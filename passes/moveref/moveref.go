package moveref

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/refstate"
)

// Analyzer reports moves from empty refs, into full ones, across counts, uses of a ref after
// its reference was moved out, and moves written as a Get followed by a Put.
var Analyzer = &analysis.Analyzer{
	Name:     "moveref",
	Doc:      "check that Move hands over a reference that is there, to a ref that is free, on one count",
	URL:      "https://pkg.go.dev/github.com/refvet/refvet/passes/moveref",
	Requires: []*analysis.Analyzer{refstate.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	rep := refstate.NewReporter(pass, "moveref")
	for _, f := range rep.Res.Funcs {
		checkFunc(rep, f)
	}
	return nil, nil
}

func checkFunc(rep *refstate.Reporter, f *refstate.Func) {
	// Moves already reported for their source: a later put of that source is the same
	// mistake seen again, not a use after a move.
	badMoves := map[*refstate.Site]bool{}
	for _, e := range f.Events {
		if e.Site != nil && e.Site.Op == refstate.OpMove && checkMove(rep, f, e) {
			badMoves[e.Site] = true
		}
	}
	for _, e := range f.Events {
		if e.Site != nil && e.Site.Op == refstate.OpPut {
			checkPut(rep, f, e, badMoves)
		}
	}
	checkSlowMoves(rep, f)
}

// checkMove reports what is wrong with one move; it reports whether its source was wrong.
func checkMove(rep *refstate.Reporter, f *refstate.Func, e refstate.Event) (badSrc bool) {
	s := e.Site
	problem, other := f.JudgeMoveSrc(e)
	full := refstate.MoveIntoHeld(e)
	switch {
	case f.SwappedMove(e):
		reportSwapped(rep, f, e)
		return true
	case full && problem == refstate.PutMovedOut && other.ID == e.DstBefore.Take:
		// The same move made twice: dst holds what the first one moved, which is the
		// source's problem, reported below.
	case full:
		reportFullDst(rep, f, e)
	}
	if problem == refstate.PutOK {
		return false
	}
	reportBadSrc(rep, s, problem, other)
	return problem != refstate.PutWrongCount
}

func reportBadSrc(rep *refstate.Reporter, s *refstate.Site, problem refstate.PutProblem, other *refstate.Site) {
	what := fmt.Sprintf("%s from %s into %s on %s", opName(s), s.Src.Name, dstName(s), s.Count.Name)
	switch problem {
	case refstate.PutNeverTaken:
		rep.Reportf(s.Pos, declared(s.Src),
			"%s, but %s holds nothing here: no reference was taken into it on some path", what, s.Src.Name)
	case refstate.PutAgain:
		rep.Reportf(s.Pos, refstate.Related(other.Pos, s.Src.Name+"'s reference is put here"),
			"%s, but %s holds nothing here: its reference was put at line %d on some path", what, s.Src.Name, rep.Line(other.Pos))
	case refstate.PutFailed:
		rep.Reportf(s.Pos, refstate.Related(other.Pos, "failed to take a reference here"),
			"%s, but %s holds nothing on the path where the %s at line %d failed", what, s.Src.Name, opName(other), rep.Line(other.Pos))
	case refstate.PutMovedOut:
		rep.Reportf(s.Pos, refstate.Related(other.Pos, s.Src.Name+"'s reference is moved out here"),
			"%s, but %s's reference was already moved out at line %d (into %s) on some path", what, s.Src.Name, rep.Line(other.Pos), dstName(other))
	case refstate.PutWrongCount:
		rep.Reportf(s.Pos, refstate.Related(other.Pos, "reference taken here"),
			"%s, but %s holds a reference on %s (taken at line %d): a move cannot carry a reference to another count",
			what, s.Src.Name, other.Count.Name, rep.Line(other.Pos))
	}
}

// declared points at where ref l is declared, the other half of "it never took a reference".
func declared(l *refstate.Loc) []analysis.RelatedInformation {
	pos := l.Pos
	if !pos.IsValid() && l.Root != nil {
		pos = l.Root.Pos()
	}
	if !pos.IsValid() {
		return nil
	}
	return refstate.Related(pos, l.Name+" is declared here and takes no reference before the move")
}

func reportFullDst(rep *refstate.Reporter, f *refstate.Func, e refstate.Event) {
	s := e.Site
	take := f.Sites[e.DstBefore.Take]
	rep.Reportf(s.Pos, refstate.Related(take.Pos, s.Dst.Name+"'s reference taken here"),
		"%s into %s from %s on %s, but %s already holds a reference on %s (taken at line %d): that reference would be lost",
		opName(s), s.Dst.Name, srcName(s), s.Count.Name, s.Dst.Name, take.Count.Name, rep.Line(take.Pos))
}

// reportSwapped reports a move whose destination holds and whose source does not: most likely
// its arguments are the wrong way round, one mistake, so one diagnostic.
func reportSwapped(rep *refstate.Reporter, f *refstate.Func, e refstate.Event) {
	s := e.Site
	take := f.Sites[e.DstBefore.Take]
	rep.Reportf(s.Pos, refstate.Related(take.Pos, s.Dst.Name+"'s reference taken here"),
		"%s into %s from %s on %s, but %s already holds a reference (taken at line %d) and %s holds nothing: are the arguments swapped? The destination comes first",
		opName(s), s.Dst.Name, s.Src.Name, s.Count.Name, s.Dst.Name, rep.Line(take.Pos), s.Src.Name)
}

// checkPut reports a put, or a call that releases, of a ref whose reference was moved out.
func checkPut(rep *refstate.Reporter, f *refstate.Func, e refstate.Event, badMoves map[*refstate.Site]bool) {
	problem, move := f.JudgePut(e)
	if problem != refstate.PutMovedOut || badMoves[move] {
		return
	}
	s := e.Site
	rep.Reportf(s.Pos, refstate.Related(move.Pos, s.Dst.Name+"'s reference is moved out here"),
		"%s of %s on %s, but its reference was moved out at line %d (into %s) on some path: after a move the source holds nothing",
		opName(s), s.Dst.Name, s.Count.Name, rep.Line(move.Pos), dstName(move))
}

// opName is how a message names the operation at s: the primitive, or the wrapper called.
func opName(s *refstate.Site) string {
	if s.Callee != nil {
		return s.Callee.Name()
	}
	return s.Op.String()
}

func dstName(s *refstate.Site) string {
	if s.Dst == nil {
		return "another ref"
	}
	return s.Dst.Name
}

func srcName(s *refstate.Site) string {
	if s.Src == nil {
		return "another ref"
	}
	return s.Src.Name
}
