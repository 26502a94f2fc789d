package structmember

import (
	_ "embed"
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/passdoc"
	"github.com/refvet/refvet/internal/refstate"
	"github.com/refvet/refvet/internal/verdict"
)

//go:embed doc.go
var doc string

// Analyzer reports struct fields holding tracked pointers without a ref member, and stores
// into such fields that no reference backs or whose old reference is dropped on the floor.
var Analyzer = &analysis.Analyzer{
	Name:     verdict.Structmember,
	Doc:      passdoc.MustExtract(doc, verdict.Structmember),
	URL:      "https://pkg.go.dev/github.com/refvet/refvet/passes/structmember",
	Requires: []*analysis.Analyzer{verdict.Analyzer},
	Run:      verdict.Run(verdict.Structmember, describe),
}

// describe says what structmember has to say about a root cause the verdict routed to it.
func describe(pass *analysis.Pass, v verdict.View) analysis.Diagnostic {
	switch d := v.Detail.(type) {
	case verdict.UnreleasedField:
		return unreleasedField(pass, v, d)
	case verdict.ValueOverwrite:
		return valueOverwrite(pass, v, d)
	case verdict.NoMember:
		return noMember(pass, v, d)
	case verdict.Unbacked:
		return unbacked(pass, v, d)
	case verdict.Orphan:
		return orphan(pass, v, d)
	}
	panic(fmt.Sprintf("structmember: no description of %T", v.Detail))
}

func noMember(pass *analysis.Pass, v verdict.View, d verdict.NoMember) analysis.Diagnostic {
	f := d.Field
	typ := types.TypeString(f.Type(), types.RelativeTo(pass.Pkg))
	msg := fmt.Sprintf("field %s of %s holds a %s with no ref.Ref member for its reference: add `%sRef ref.Ref` or mark it //refvet:borrowed",
		f.Name(), d.Owner, typ, f.Name())
	if len(d.Unclaimed) > 0 {
		msg += fmt.Sprintf(" (or put `//refvet:ref %s` on %s)", f.Name(), strings.Join(d.Unclaimed, " or "))
	}
	return verdict.Diagnostic(pass, v, nil, "%s", msg)
}

func unbacked(pass *analysis.Pass, v verdict.View, d verdict.Unbacked) analysis.Diagnostic {
	st := d.Store
	ret := refstate.ReturnPos(d.Return)
	return verdict.Diagnostic(pass, v, verdict.Related(ret, fmt.Sprintf("%s holds no reference for %s here", st.Member, st.Field)),
		"%s stores a tracked pointer with no reference behind it: %s holds none at the return at line %d (Get, TryGet or Move one into it)",
		st.Text, st.Member, verdict.Line(pass, ret))
}

func orphan(pass *analysis.Pass, v verdict.View, d verdict.Orphan) analysis.Diagnostic {
	st, before := d.Store, d.Event.DstBefore
	what := "overwrites the pointer"
	if st.Site.StoreNil {
		what = "clears the pointer"
	}
	var related []analysis.RelatedInformation
	held := "holds the reference on the old one"
	if take := v.Func.Site(before.Take); before.May(refstate.Held) && take != nil {
		related = verdict.Related(take.Pos, fmt.Sprintf("%s took its reference here", st.Member))
		held = fmt.Sprintf("holds the reference on the old one (taken at line %d", verdict.Line(pass, take.Pos))
		if before.May(refstate.Empty) {
			held += ", on some path"
		}
		held += ")"
	}
	return verdict.Diagnostic(pass, v, related, "%s %s while %s still %s: Put it or Move it out first", st.Text, what, st.Member, held)
}

// unreleasedField describes a counted field that its type's release method never releases.
func unreleasedField(pass *analysis.Pass, v verdict.View, d verdict.UnreleasedField) analysis.Diagnostic {
	return verdict.Diagnostic(pass, v, verdict.Related(d.Pos, "an owned reference is stored here"),
		"%s.%s is never released: %s stores an owned reference in it (line %d), and %s.%s never reads the field, so every %s leaks it",
		d.Object.Obj().Name(), d.Field.Name(), verdict.FuncName(d.Ctor), verdict.Line(pass, d.Pos), d.Object.Obj().Name(), d.Release.Name(), d.Object.Obj().Name())
}

// valueOverwrite describes a store over an owning field known to be full.
func valueOverwrite(pass *analysis.Pass, v verdict.View, d verdict.ValueOverwrite) analysis.Diagnostic {
	how := "an earlier store"
	if d.Known.IsValid() && verdict.Line(pass, d.Known) != verdict.Line(pass, d.Store.Pos()) {
		how = fmt.Sprintf("line %d", verdict.Line(pass, d.Known))
	}
	return verdict.Diagnostic(pass, v, verdict.Related(d.Known, d.Name+" is known to hold a value here"),
		"this store overwrites %s, which still owns a reference (%s shows it holds one) that is neither released nor handed over; %s releases %s, so the old value leaks",
		d.Name, how, d.Release.Name(), d.Name)
}
