package golangci

import (
	"flag"
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/valuemode"
)

// Settings is the plugin's configuration, the value of linters.settings.custom.refvet.settings:
//
//	settings:
//	  disable: [moveref]          # run every pass but these
//	  # enable: [pairing]         # or: run only these
//	  flags:                      # pass flags, named as on refvet's command line
//	    - name: pairing.someflag
//	      value: "x"
//	    - name: valuemode.counted   # value mode's flags, as on the command line
//	      value: "example.com/pool.Conn:Close"
//	    - name: valuemode           # "false" turns value mode off
//
// golangci-lint lowercases every key of its configuration, map keys included, which is why
// pass flags are a list of name/value objects rather than a map keyed by flag name.
type Settings struct {
	// Enable, when not empty, lists the only passes to run.
	Enable []string `json:"enable"`
	// Disable lists passes not to run.
	Disable []string `json:"disable"`
	// Flags sets pass flags, as refvet -NAME.FLAG=VALUE does.
	Flags []Flag `json:"flags"`
}

// A Flag sets one pass flag.
type Flag struct {
	Name  string `json:"name"`  // PASS.FLAG, e.g. "pairing.someflag"
	Value string `json:"value"` // as it would be written on the command line
}

// apply sets the flags on the passes and returns the passes selected to run, in suite order.
func (s Settings) apply(all []*analysis.Analyzer) ([]*analysis.Analyzer, error) {
	for _, name := range slices.Concat(s.Enable, s.Disable) {
		if byName(all, name) == nil {
			return nil, fmt.Errorf("refvet: no pass named %q (passes: %s)", name, names(all))
		}
	}
	for _, f := range s.Flags {
		if err := setFlag(all, f); err != nil {
			return nil, err
		}
	}
	var keep []*analysis.Analyzer
	for _, a := range all {
		if (len(s.Enable) == 0 || slices.Contains(s.Enable, a.Name)) && !slices.Contains(s.Disable, a.Name) {
			keep = append(keep, a)
		}
	}
	return keep, nil
}

// valueFlags are value mode's flags (valuemode, valuemode.counted, ...), which belong to no pass.
var valueFlags = sync.OnceValue(func() *flag.FlagSet {
	fs := flag.NewFlagSet("valuemode", flag.ContinueOnError)
	valuemode.RegisterFlags(fs)
	return fs
})

func setFlag(all []*analysis.Analyzer, f Flag) error {
	if vf := valueFlags().Lookup(f.Name); vf != nil {
		if err := vf.Value.Set(f.Value); err != nil {
			return fmt.Errorf("refvet: flag %s: %v", f.Name, err)
		}
		return nil
	}
	passName, flagName, ok := strings.Cut(f.Name, ".")
	a := byName(all, passName)
	if !ok || a == nil {
		return fmt.Errorf("refvet: flag %q: want PASS.FLAG with PASS one of %s", f.Name, names(all))
	}
	if a.Flags.Lookup(flagName) == nil {
		return fmt.Errorf("refvet: pass %s has no flag %q", passName, flagName)
	}
	if err := a.Flags.Set(flagName, f.Value); err != nil {
		return fmt.Errorf("refvet: flag %s: %v", f.Name, err)
	}
	return nil
}

func byName(all []*analysis.Analyzer, name string) *analysis.Analyzer {
	for _, a := range all {
		if a.Name == name {
			return a
		}
	}
	return nil
}

func names(all []*analysis.Analyzer) string {
	var ns []string
	for _, a := range all {
		ns = append(ns, a.Name)
	}
	return strings.Join(ns, ", ")
}
