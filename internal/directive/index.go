package directive

import (
	"cmp"
	"go/token"
	"slices"
	"sync"
)

// Index is all the ignore directives of a package, for suppression.
//
// Match may be called concurrently (several passes may share one Index);
// read Ignore.Used only once every pass is done.
type Index struct {
	fset   *token.FileSet
	mu     sync.Mutex // guards the Used fields of the ignores
	byLine map[lineKey][]*Ignore
}

// lineKey is a line of a file. It uses the token.File, not the file name,
// so that //line directives (cgo, generated code) cannot make an ignore in
// one file match a diagnostic in another.
type lineKey struct {
	file *token.File
	line int
}

// NewIndex indexes the ignores of files by the line they suppress.
func NewIndex(fset *token.FileSet, files []*File) *Index {
	x := &Index{fset: fset, byLine: make(map[lineKey][]*Ignore)}
	if fset == nil {
		return x
	}
	for _, f := range files {
		if f == nil {
			continue
		}
		for _, ig := range f.Ignores {
			if tf := fset.File(ig.Pos); tf != nil {
				k := lineKey{tf, ig.Line}
				x.byLine[k] = append(x.byLine[k], ig)
			}
		}
	}
	return x
}

// Match reports whether a diagnostic of pass at pos is suppressed by an
// ignore directive: one for that pass standing at the end of pos's line,
// or on its own line just above it. It marks that ignore Used.
// Ignores without a reason never reach the Index, so they suppress nothing.
func (x *Index) Match(pass string, pos token.Pos) bool {
	if x == nil || x.fset == nil || len(x.byLine) == 0 {
		return false
	}
	tf := x.fset.File(pos)
	if tf == nil {
		return false
	}
	for _, ig := range x.byLine[lineKey{tf, tf.Line(pos)}] {
		if ig.Pass == pass {
			x.mu.Lock()
			ig.Used = true
			x.mu.Unlock()
			return true
		}
	}
	return false
}

// All returns every ignore of the index, in source order.
func (x *Index) All() []*Ignore {
	if x == nil {
		return nil
	}
	var out []*Ignore
	for _, igs := range x.byLine {
		out = append(out, igs...)
	}
	slices.SortFunc(out, func(a, b *Ignore) int { return cmp.Compare(a.Pos, b.Pos) })
	return out
}
