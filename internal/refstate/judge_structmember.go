package refstate

import (
	"go/types"
	"strings"
)

// This file holds the judgements of structmember that look at other passes' findings, so that
// a store whose root cause another pass reports is not reported twice.

// Analyzed reports whether the engine looked at the package at all: a package that imports
// nothing using refs has no tracked types and costs nothing.
func (res *Result) Analyzed() bool { return res.Ignores != nil }

// UnbackedStoresFirst is UnbackedStores with, for each store, the first return in source
// order through which its member goes without a reference, so that the message names the
// return a reader meets first.
func (f *Func) UnbackedStoresFirst() []Unbacked {
	var out []Unbacked
	index := map[int32]int{}
	for _, rs := range f.Returns {
		for _, l := range f.Locs {
			st := rs.Locs[l.ID]
			if l.Kind != Member || st.Unknown {
				continue
			}
			for id := range st.UnbackedStores() {
				u := Unbacked{Store: f.Sites[id], Return: rs.Return}
				i, seen := index[id]
				switch {
				case !seen:
					index[id] = len(out)
					out = append(out, u)
				case before(ReturnPos(rs.Return), ReturnPos(out[i].Return)):
					out[i] = u
				}
			}
		}
	}
	return out
}

// LeakFeeds reports whether, at the return through which store u goes unbacked, a local ref
// still holds a reference on an object of the stored field's type: the reference meant for
// the member was taken into the wrong ref. pairing reports that leak; it is the same mistake.
func (f *Func) LeakFeeds(u Unbacked) bool {
	elem := deref(u.Store.Field.Type())
	for _, lk := range f.Leaks() {
		if lk.Return == u.Return && countOn(lk.Take.Count, elem) {
			return true
		}
	}
	return false
}

// countOn reports whether count c is a field of an object of type t.
func countOn(c Count, t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && hasTypePrefix(c.Key, n)
}

// hasTypePrefix reports whether count key k ("pkg/path.MM.users") names a field of n.
func hasTypePrefix(k string, n *types.Named) bool {
	obj := n.Obj()
	prefix := obj.Name() + "."
	if obj.Pkg() != nil {
		prefix = obj.Pkg().Path() + "." + prefix
	}
	return strings.HasPrefix(k, prefix)
}

// RefilledWhileHeld reports whether the overwrite at store event e is followed by a Get,
// TryGet or Move into the same member while it still holds the reference it held at the
// store: pairing (a second Get) or moveref (a Move into a full ref) reports that operation,
// and the missing put before the overwrite is the same mistake.
func (f *Func) RefilledWhileHeld(e Event) bool {
	take := e.DstBefore.Take
	if take == 0 || !e.DstBefore.MayHold() {
		return false
	}
	for _, o := range f.Events {
		s := o.Site
		if s == nil || s.Dst != e.Site.Dst || s.Deferred || !o.DstBefore.MayHold() || o.DstBefore.Take != take {
			continue
		}
		if s.Op == OpGet || s.Op == OpTryGet || s.Op == OpMove {
			return true
		}
	}
	return false
}
