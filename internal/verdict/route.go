package verdict

import (
	"cmp"
	"fmt"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/refstate"
)

// route hands each cause to the first of its views whose pass is enabled, drops what is in
// generated files or suppressed, and adds the ignores that suppressed nothing as errors.
func route(pass *analysis.Pass, res *refstate.Result, causes []*Cause) *Result {
	out := &Result{byPass: map[string][]View{}}
	for _, c := range causes {
		v, ok := c.reported()
		if !ok || res.Generated(pass, v.Pos) {
			continue
		}
		if _, isErr := v.Detail.(Error); !isErr && res.Ignores.Match(v.Pass, v.Pos) {
			continue
		}
		out.byPass[v.Pass] = append(out.byPass[v.Pass], v)
	}
	for _, v := range unusedIgnores(pass, res) {
		out.byPass[v.Pass] = append(out.byPass[v.Pass], v)
	}
	for _, views := range out.byPass {
		slices.SortStableFunc(views, func(a, b View) int { return cmp.Compare(a.Pos, b.Pos) })
	}
	return out
}

// reported is the view of c that this run reports: the first whose pass is enabled.
func (c *Cause) reported() (View, bool) {
	for _, v := range c.Views {
		if Enabled(v.Pass) {
			return v, true
		}
	}
	return View{}, false
}

// unusedIgnores reports the ignores that suppressed nothing, as staticcheck's lint:ignore
// does: the diagnostic they were written for is gone, and a stale ignore would hide the next
// one on that line. An ignore for a pass that is not enabled cannot be judged.
func unusedIgnores(pass *analysis.Pass, res *refstate.Result) []View {
	var out []View
	for _, ig := range res.Ignores.All() {
		if ig.Used || !Enabled(ig.Pass) || res.Generated(pass, ig.Pos) {
			continue
		}
		msg := fmt.Sprintf("//refvet:ignore %s suppresses nothing: %s reports nothing on line %d; remove the directive",
			ig.Pass, ig.Pass, ig.Line)
		if v, ok := errorCause(ig.Pos, msg).reported(); ok {
			out = append(out, v)
		}
	}
	return out
}
