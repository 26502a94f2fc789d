package golangci

import (
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/suite"
)

func passNames(as []*analysis.Analyzer) []string {
	var ns []string
	for _, a := range as {
		ns = append(ns, a.Name)
	}
	return ns
}

// build runs the plugin as golangci-lint does: look it up by name, construct it with the raw
// settings (what golangci-lint read from YAML), build the analyzers.
func build(t *testing.T, raw any) ([]string, error) {
	t.Helper()
	newPlugin, err := register.GetPlugin("refvet")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(raw)
	if err != nil {
		return nil, err
	}
	if mode := p.GetLoadMode(); mode != register.LoadModeTypesInfo {
		t.Errorf("load mode %q, want %q", mode, register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	return passNames(as), err
}

func TestSettings(t *testing.T) {
	all := passNames(suite.Analyzers())
	without := func(name string) []string {
		return slices.DeleteFunc(slices.Clone(all), func(n string) bool { return n == name })
	}
	for _, test := range []struct {
		name string
		raw  any
		want []string
		err  string
	}{
		{"none", nil, all, ""},
		{"empty", map[string]any{}, all, ""},
		{"disable", map[string]any{"disable": []any{"pairing"}}, without("pairing"), ""},
		{"enable", map[string]any{"enable": []any{"pairing"}}, []string{"pairing"}, ""},
		{"unknown pass", map[string]any{"disable": []any{"nope"}}, nil, `no pass named "nope"`},
		{"unknown key", map[string]any{"disabled": []any{"pairing"}}, nil, `unknown field "disabled"`},
		{"bad flag", map[string]any{"flags": []any{map[string]any{"name": "pairing", "value": "x"}}}, nil, "want PASS.FLAG"},
		{"unknown flag", map[string]any{"flags": []any{map[string]any{"name": "pairing.nope", "value": "x"}}}, nil, `has no flag "nope"`},
	} {
		t.Run(test.name, func(t *testing.T) {
			got, err := build(t, test.raw)
			if test.err != "" {
				if err == nil || !strings.Contains(err.Error(), test.err) {
					t.Fatalf("error %v, want one containing %q", err, test.err)
				}
				return
			}
			if err != nil || !slices.Equal(got, test.want) {
				t.Errorf("passes %v, %v; want %v", got, err, test.want)
			}
		})
	}
}

// TestFlags sets a pass flag through settings, on a stand-in pass (refvet's own may have none).
func TestFlags(t *testing.T) {
	a := &analysis.Analyzer{Name: "fake", Doc: "fake"}
	var depth int
	a.Flags.IntVar(&depth, "depth", 1, "how deep")
	s := Settings{Flags: []Flag{{Name: "fake.depth", Value: "3"}}}
	if _, err := s.apply([]*analysis.Analyzer{a}); err != nil || depth != 3 {
		t.Errorf("depth = %d, err %v; want 3, nil", depth, err)
	}
	s = Settings{Flags: []Flag{{Name: "fake.depth", Value: "deep"}}}
	if _, err := s.apply([]*analysis.Analyzer{a}); err == nil || !strings.Contains(err.Error(), "fake.depth") {
		t.Errorf("bad value: err %v", err)
	}
}

// Value mode's flags belong to no pass; settings name them as the command line does.
func TestValueModeFlags(t *testing.T) {
	a := &analysis.Analyzer{Name: "fake", Doc: "fake"}
	s := Settings{Flags: []Flag{{Name: "valuemode.counted", Value: "bad"}}}
	if _, err := s.apply([]*analysis.Analyzer{a}); err == nil || !strings.Contains(err.Error(), `-valuemode.counted: bad entry "bad"`) {
		t.Errorf("bad entry: err %v", err)
	}
	s = Settings{Flags: []Flag{{Name: "valuemode", Value: "false"}}}
	if _, err := s.apply([]*analysis.Analyzer{a}); err != nil {
		t.Errorf("valuemode=false: %v", err)
	}
	if got := valueFlags().Lookup("valuemode").Value.String(); got != "false" {
		t.Errorf("valuemode = %s after setting false", got)
	}
	valueFlags().Set("valuemode", "true")
}
