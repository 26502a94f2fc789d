// Package appendcomplitmember: a composite literal of a struct value holding a tracked pointer
// is appended to a slice, and the reference is then taken (or moved) into the member of the
// appended element, hs[len(hs)-1].Ref: the struct in the slice is the literal's copy, and its
// member holds the reference on the same path. SPEC, structmember: a store is reported only
// "without taking a reference into its member ... on the same path"; composite literals count
// as stores, and "the store and the acquiring call may come in either order". Expected:
// silence for the correct functions (refvet reports the literal's element, as if the copy's
// member were another ref), the diagnostic for the buggy one.
package appendcomplitmember

import "github.com/refvet/refvet/ref"

// Plugin is tracked.
type Plugin struct {
	refs ref.Count
	Name string
}

// Held is a plugin with a reference.
type Held struct {
	Plugin *Plugin
	Ref    ref.Ref
}

// SnapshotMove takes a reference into a local and moves it into the appended element.
// Correct.
func SnapshotMove(ps []*Plugin) []Held {
	hs := make([]Held, 0, len(ps))
	for _, p := range ps {
		var r ref.Ref
		if !p.refs.TryGet(&r) {
			continue
		}
		hs = append(hs, Held{Plugin: p})
		p.refs.Move(&hs[len(hs)-1].Ref, &r)
	}
	return hs
}

// SnapshotGet takes the reference directly into the appended element. Correct.
func SnapshotGet(ps []*Plugin) []Held {
	var hs []Held
	for _, p := range ps {
		hs = append(hs, Held{Plugin: p})
		p.refs.Get(&hs[len(hs)-1].Ref)
	}
	return hs
}

// SnapshotNone appends the plugins with no reference at all. Bug.
func SnapshotNone(ps []*Plugin) []Held {
	var hs []Held
	for _, p := range ps {
		hs = append(hs, Held{Plugin: p}) // want `Held\{Plugin: p\} stores a tracked pointer with no reference behind it`
	}
	return hs
}
