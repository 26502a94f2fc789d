// Package unbackedescape: a struct whose tracked-pointer field was stored with no
// reference behind it, then published (into a map, a channel, a global), is not reported: the
// engine stops judging the member where the struct escapes. At the escape the store is already
// unbacked on that path and nothing in the function will back it; publishing it is the bug.
// Lower priority (SPEC's "stays silent when it cannot follow" could be read to cover it), but
// it is the common shape of the bug in caches. Expected: the diagnostics below.
package unbackedescape

import "github.com/refvet/refvet/ref"

type Object struct {
	refs ref.Count
	key  string
}

type entry struct {
	obj    *Object
	objRef ref.Ref
}

// AddUnbacked publishes an entry whose pointer has no reference. Bug.
func AddUnbacked(m map[string]*entry, o *Object) {
	e := &entry{
		obj: o, // want `entry{obj: o} stores a tracked pointer with no reference behind it`
	}
	m[o.key] = e
}

// SendUnbacked sends one. Bug.
func SendUnbacked(ch chan<- *entry, o *Object) {
	e := new(entry)
	e.obj = o // want `e.obj = o stores a tracked pointer with no reference behind it`
	ch <- e
}
