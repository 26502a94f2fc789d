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
		c.route(pass, res)
	}
	causes = append(causes, unusedIgnores(pass, res)...)
	for _, c := range causes {
		if v, ok := c.Routed(); ok {
			out.byPass[v.Pass] = append(out.byPass[v.Pass], v)
		}
	}
	out.Causes = causes
	for _, views := range out.byPass {
		slices.SortStableFunc(views, func(a, b View) int { return cmp.Compare(a.Pos, b.Pos) })
	}
	return out
}

// route picks the view of c that this run reports: the first whose pass is enabled, unless it
// is in a generated file or an //refvet:ignore for that pass suppresses it. Errors cannot be
// suppressed.
func (c *Cause) route(pass *analysis.Pass, res *refstate.Result) {
	for _, v := range c.Views {
		if Enabled(v.Pass) {
			c.shown, c.routed = v, true
			break
		}
	}
	v := c.shown
	switch _, isErr := v.Detail.(Error); {
	case !c.routed:
	case res.Generated(pass, v.Pos):
		c.dropped = "generated"
	case !isErr && res.Ignores.Match(v.Pass, v.Pos):
		c.dropped = "suppressed"
	}
}

// unusedIgnores reports the ignores that suppressed nothing, as staticcheck's lint:ignore
// does: the diagnostic they were written for is gone, and a stale ignore would hide the next
// one on that line. An ignore for a pass that is not enabled cannot be judged.
func unusedIgnores(pass *analysis.Pass, res *refstate.Result) []*Cause {
	var out []*Cause
	for _, ig := range res.Ignores.All() {
		if ig.Used || !Enabled(ig.Pass) || res.Generated(pass, ig.Pos) {
			continue
		}
		msg := fmt.Sprintf("//refvet:ignore %s suppresses nothing: %s reports nothing on line %d; remove the directive",
			ig.Pass, ig.Pass, ig.Line)
		c := errorCause(ig.Pos, msg)
		c.route(pass, res)
		out = append(out, c)
	}
	return out
}
