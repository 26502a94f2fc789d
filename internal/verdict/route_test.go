package verdict

import (
	"go/token"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/refstate"
)

// TestRoute checks the one decision the verdict makes for every cause: the first view whose
// pass is enabled is the one reported, whatever passes are on, and an error goes to whichever
// pass runs first.
func TestRoute(t *testing.T) {
	defer EnableAll()
	pass := &analysis.Pass{Fset: token.NewFileSet()}
	res := &refstate.Result{}
	leak := &Cause{Views: []View{
		{Pass: Ownerparam, Detail: ReturnedHeld{}},
		{Pass: Pairing, Detail: Leak{}},
		{Pass: Structmember, Detail: Unbacked{}},
	}}
	for _, c := range []struct {
		enabled []string // nil: all
		want    string   // "": not reported
		wantErr string
	}{
		{nil, Ownerparam, Pairing},
		{[]string{Pairing}, Pairing, Pairing},
		{[]string{Structmember, Pairing}, Pairing, Pairing},
		{[]string{Structmember}, Structmember, Structmember},
		{[]string{Moveref}, "", Moveref},
	} {
		if c.enabled == nil {
			EnableAll()
		} else {
			Enable(c.enabled...)
		}
		cause := *leak
		cause.route(pass, res)
		if v, ok := cause.Routed(); v.Pass != c.want || ok != (c.want != "") {
			t.Errorf("enabled %v: leak routed to %q (%v), want %q", c.enabled, v.Pass, ok, c.want)
		}
		errc := errorCause(token.NoPos, "malformed")
		errc.route(pass, res)
		if v, ok := errc.Routed(); !ok || v.Pass != c.wantErr {
			t.Errorf("enabled %v: error routed to %q (%v), want %q", c.enabled, v.Pass, ok, c.wantErr)
		}
	}
}

// TestEnable checks that Enable keeps suite order and ignores names that are no pass.
func TestEnable(t *testing.T) {
	defer EnableAll()
	Enable("moveref", "nosuch", "pairing")
	for _, p := range Passes {
		if got, want := Enabled(p), p == Pairing || p == Moveref; got != want {
			t.Errorf("Enabled(%s) = %v, want %v", p, got, want)
		}
	}
	EnableAll()
	if !Enabled(Structmember) || Enabled("nosuch") {
		t.Errorf("EnableAll: Enabled(structmember) = %v, Enabled(nosuch) = %v", Enabled(Structmember), Enabled("nosuch"))
	}
}
