package directive

import (
	"go/token"
	"sync"
	"testing"
)

const matchSrc = `func f(c *ref.Count) {
	var r ref.Ref
	//refvet:ignore pairing reason a
	c.Get(&r)
	c.Put(&r) //refvet:ignore moveref reason b
	//refvet:ignore pairing
	c.Get(&r)

	//refvet:ignore ownerparam reason c
	x := 1
	_ = x
}
`

func TestMatch(t *testing.T) {
	tests := []struct {
		name string
		pass string
		line int    // in matchSrc, from 1
		want bool   // suppressed
		used string // reason of the ignore marked Used, if any
	}{
		{"line before", "pairing", 4, true, "reason a"},
		{"same line", "moveref", 5, true, "reason b"},
		{"wrong pass, line before", "moveref", 4, false, ""},
		{"wrong pass, same line", "pairing", 5, false, ""},
		{"own line does not cover itself", "pairing", 3, false, ""},
		{"no reason suppresses nothing", "pairing", 7, false, ""},
		{"not two lines before", "ownerparam", 11, false, ""},
		{"after a blank line", "ownerparam", 10, true, "reason c"},
		{"unrelated line", "pairing", 2, false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fset, file, _ := parseSrc(t, header+matchSrc, false)
			f := Parse(fset, file, nil)
			x := NewIndex(fset, []*File{f})
			tf := fset.File(file.Pos())
			pos := tf.LineStart(tc.line+headerLines) + 1 // past the tab
			if got := x.Match(tc.pass, pos); got != tc.want {
				t.Errorf("Match(%q, line %d) = %v, want %v", tc.pass, tc.line, got, tc.want)
			}
			for _, ig := range f.Ignores {
				if ig.Used != (ig.Reason == tc.used) {
					t.Errorf("ignore %q: Used = %v", ig.Reason, ig.Used)
				}
			}
		})
	}
}

// TestMatchOtherFile checks that an ignore matches by file, not by name or
// line alone: a second file with the same name and lines is unaffected.
func TestMatchOtherFile(t *testing.T) {
	fset := token.NewFileSet()
	file := parseSrcInto(t, fset, header+matchSrc)
	other := parseSrcInto(t, fset, header+matchSrc)
	x := NewIndex(fset, []*File{Parse(fset, file, nil)}) // only the first file's ignores
	line := 4 + headerLines
	if !x.Match("pairing", fset.File(file.Pos()).LineStart(line)) {
		t.Errorf("no match in the indexed file")
	}
	if x.Match("pairing", fset.File(other.Pos()).LineStart(line)) {
		t.Errorf("match in a file that was not indexed")
	}
}

func TestMatchDegenerate(t *testing.T) {
	var nilIndex *Index
	if nilIndex.Match("pairing", 1) {
		t.Error("nil Index matched")
	}
	fset := token.NewFileSet()
	x := NewIndex(fset, []*File{nil, {}})
	if x.Match("pairing", token.NoPos) || x.Match("pairing", 12345) {
		t.Error("empty Index matched")
	}
	if NewIndex(nil, nil).Match("pairing", 1) {
		t.Error("Index without a FileSet matched")
	}
}

// TestMatchConcurrent is for -race: passes may share an Index.
func TestMatchConcurrent(t *testing.T) {
	fset, file, _ := parseSrc(t, header+matchSrc, false)
	f := Parse(fset, file, nil)
	x := NewIndex(fset, []*File{f})
	pos := fset.File(file.Pos()).LineStart(4 + headerLines)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { x.Match("pairing", pos) })
	}
	wg.Wait()
	if !f.Ignores[0].Used {
		t.Error("not marked Used")
	}
}
