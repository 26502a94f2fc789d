package moveref

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/passdoc"
	"github.com/refvet/refvet/internal/refstate"
	"github.com/refvet/refvet/internal/verdict"
)

//go:embed doc.go
var doc string

// Analyzer reports moves from empty refs, into full ones, across counts, uses of a ref after
// its reference was moved out, and moves written as a Get followed by a Put.
var Analyzer = &analysis.Analyzer{
	Name:     verdict.Moveref,
	Doc:      passdoc.MustExtract(doc, verdict.Moveref),
	URL:      "https://pkg.go.dev/github.com/refvet/refvet/passes/moveref",
	Requires: []*analysis.Analyzer{verdict.Analyzer},
	Run:      verdict.Run(verdict.Moveref, describe),
}

// describe says what moveref has to say about a root cause the verdict routed to it.
func describe(pass *analysis.Pass, v verdict.View) analysis.Diagnostic {
	switch d := v.Detail.(type) {
	case verdict.BadMoveSrc:
		return badSrc(pass, v, d)
	case verdict.MoveIntoHeld:
		return fullDst(pass, v, d)
	case verdict.SwappedMove:
		return swapped(pass, v, d)
	case verdict.UseAfterMove:
		diag := useAfterMove(pass, v, d)
		diag.Message += verdict.Deferred(d.Event.Site)
		return diag
	case verdict.SlowMove:
		return slowMove(pass, v, d)
	}
	panic(fmt.Sprintf("moveref: no description of %T", v.Detail))
}

func badSrc(pass *analysis.Pass, v verdict.View, d verdict.BadMoveSrc) analysis.Diagnostic {
	s, other := d.Event.Site, d.Other
	what := fmt.Sprintf("%s from %s into %s on %s", s.OpName(), s.Src.Name, dstName(s), s.Count.Name)
	paths := verdict.Paths(d.Event.SrcBefore.Only(refstate.Empty))
	line := func(s *refstate.Site) int { return verdict.Line(pass, s.Pos) }
	switch d.Problem {
	case refstate.PutNeverTaken:
		return verdict.Diagnostic(pass, v, declared(s.Src),
			"%s, but %s holds nothing here: no reference was taken into it %s", what, s.Src.Name, paths)
	case refstate.PutAgain:
		return verdict.Diagnostic(pass, v, verdict.Related(other.Pos, s.Src.Name+"'s reference is put here"),
			"%s, but %s holds nothing here: its reference was put at line %d %s", what, s.Src.Name, line(other), paths)
	case refstate.PutFailed:
		return verdict.Diagnostic(pass, v, verdict.Related(other.Pos, "failed to take a reference here"),
			"%s, but %s holds nothing on the path where the %s at line %d failed", what, s.Src.Name, other.OpName(), line(other))
	case refstate.PutMovedOut:
		return verdict.Diagnostic(pass, v, verdict.Related(other.Pos, s.Src.Name+"'s reference is moved out here"),
			"%s, but %s's reference was already moved out at line %d (into %s) %s", what, s.Src.Name, line(other), dstName(other), paths)
	case refstate.PutWrongCount:
		return verdict.Diagnostic(pass, v, verdict.Related(other.Pos, "reference taken here"),
			"%s, but %s holds a reference on %s (taken at line %d): a move cannot carry a reference to another count",
			what, s.Src.Name, other.Count.Name, line(other))
	}
	panic(fmt.Sprintf("moveref: move problem %d has no description", d.Problem))
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
	return verdict.Related(pos, l.Name+" is declared here and takes no reference before the move")
}

func fullDst(pass *analysis.Pass, v verdict.View, d verdict.MoveIntoHeld) analysis.Diagnostic {
	s, before := d.Event.Site, d.Event.DstBefore
	take := v.Func.Site(before.Take)
	if !before.MayHold() || take == nil {
		return verdict.Diagnostic(pass, v, nil,
			"%s into %s from %s on %s, but %s already holds the reference its struct keeps for the pointer in its field, which is set here: that reference would be lost",
			s.OpName(), s.Dst.Name, srcName(s), s.Count.Name, s.Dst.Name)
	}
	held := "already holds"
	if before.May(refstate.Empty) {
		held = "may already hold (on some path)"
	}
	return verdict.Diagnostic(pass, v, verdict.Related(take.Pos, s.Dst.Name+"'s reference taken here"),
		"%s into %s from %s on %s, but %s %s a reference on %s (taken at line %d): that reference would be lost",
		s.OpName(), s.Dst.Name, srcName(s), s.Count.Name, s.Dst.Name, held, take.Count.Name, verdict.Line(pass, take.Pos))
}

// swapped describes a move whose destination holds and whose source does not: most likely its
// arguments are the wrong way round, one mistake, so one diagnostic.
func swapped(pass *analysis.Pass, v verdict.View, d verdict.SwappedMove) analysis.Diagnostic {
	s := d.Event.Site
	take := v.Func.Site(d.Event.DstBefore.Take)
	return verdict.Diagnostic(pass, v, verdict.Related(take.Pos, s.Dst.Name+"'s reference taken here"),
		"%s into %s from %s on %s, but %s already holds a reference (taken at line %d) and %s holds nothing: are the arguments swapped? The destination comes first",
		s.OpName(), s.Dst.Name, s.Src.Name, s.Count.Name, s.Dst.Name, verdict.Line(pass, take.Pos), s.Src.Name)
}

// useAfterMove describes a put, or a call that releases, of a ref whose reference was moved out.
func useAfterMove(pass *analysis.Pass, v verdict.View, d verdict.UseAfterMove) analysis.Diagnostic {
	s, move := d.Event.Site, d.Move
	return verdict.Diagnostic(pass, v, verdict.Related(move.Pos, s.Dst.Name+"'s reference is moved out here"),
		"%s of %s on %s, but its reference was moved out at line %d (into %s) %s: after a move the source holds nothing",
		s.OpName(), s.Dst.Name, s.Count.Name, verdict.Line(pass, move.Pos), dstName(move), verdict.Paths(d.Event.DstBefore.Only(refstate.Empty)))
}

func slowMove(pass *analysis.Pass, v verdict.View, d verdict.SlowMove) analysis.Diagnostic {
	get, put := d.Get, d.Put
	diag := verdict.Diagnostic(pass, v, verdict.Related(put.Pos, put.Dst.Name+"'s reference is put here"),
		"%s into %s on %s followed by the %s of %s at line %d is a move written the slow way: use %s.Move",
		get.OpName(), get.Dst.Name, get.Count.Name, put.OpName(), put.Dst.Name, verdict.Line(pass, put.Pos), get.Count.Name)
	if !get.Primitive(refstate.OpGet) || !put.Primitive(refstate.OpPut) {
		return diag // through wrappers: a Move is the fix, but its spelling is the author's
	}
	if fix, ok := moveFix(pass, get, put); ok {
		diag.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	return diag
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
