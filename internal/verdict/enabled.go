package verdict

import (
	"slices"
	"sync/atomic"
)

// Pass names, in the order the suite runs them.
const (
	Pairing      = "pairing"
	Ownerparam   = "ownerparam"
	Structmember = "structmember"
	Moveref      = "moveref"
)

// Passes are refvet's passes, in suite order.
var Passes = []string{Pairing, Ownerparam, Structmember, Moveref}

// ErrorCategory is the category of the diagnostics about the user's directives and the
// engine's own failures, which belong to no pass.
const ErrorCategory = "refvet"

var enabled atomic.Pointer[[]string]

// Enable records which passes this run reports, for drivers that run a subset (the command's
// -NAME flags, golangci-lint's settings, a test of one pass). Names not in Passes are ignored.
// Call it before analysis starts; without a call every pass is enabled.
func Enable(names ...string) {
	var on []string
	for _, p := range Passes {
		if slices.Contains(names, p) {
			on = append(on, p)
		}
	}
	enabled.Store(&on)
}

// EnableAll undoes Enable: every pass reports.
func EnableAll() { enabled.Store(nil) }

// Enabled reports whether pass reports in this run.
func Enabled(pass string) bool {
	on := enabled.Load()
	if on == nil {
		return slices.Contains(Passes, pass)
	}
	return slices.Contains(*on, pass)
}
