package main

import (
	"bytes"
	"cmp"
	"fmt"
	"go/format"
	"io"
	"maps"
	"os"
	"slices"
)

// applyFixes applies the first suggested fix of each finding, unless it overlaps a fix applied
// before it, and returns the findings left unfixed: those without a fix and those whose fix
// conflicted. With diff set, the files are left alone and a unified diff of the changes goes
// to w instead.
//
// The findings must be free of repeats (see dedup): identical edits from a package and its
// test variant are applied once anyway, but a repeat would otherwise count as unfixed.
func applyFixes(findings []finding, diff bool, w io.Writer) ([]finding, error) {
	edits := make(map[string][]edit) // accepted edits by file
	var unfixed []finding
	for _, f := range findings {
		if len(f.fixes) == 0 || !accept(edits, f.fixes[0].edits) {
			unfixed = append(unfixed, f)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(edits)) {
		old, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		updated, err := applyEdits(old, edits[name])
		if err != nil {
			return nil, fmt.Errorf("%s: %v (was it changed during the run?)", name, err)
		}
		if diff {
			_, err = io.WriteString(w, unifiedDiff(shortPath(name), old, updated))
		} else {
			err = writeFile(name, updated)
		}
		if err != nil {
			return nil, err
		}
	}
	return unfixed, nil
}

// accept adds the edits of one fix to the accepted set unless one of them overlaps an accepted
// edit that is not identical to it; the fix is then dropped as a whole.
func accept(accepted map[string][]edit, fix []edit) bool {
	for _, e := range fix {
		for _, a := range accepted[e.start.Filename] {
			if a != e && overlap(a, e) {
				return false
			}
		}
	}
	for _, e := range fix {
		if !slices.Contains(accepted[e.start.Filename], e) {
			accepted[e.start.Filename] = append(accepted[e.start.Filename], e)
		}
	}
	return true
}

// overlap reports whether two edits touch the same bytes, or insert at the same place (whose
// order would be a guess).
func overlap(a, b edit) bool {
	as, ae, bs, be := a.start.Offset, a.end.Offset, b.start.Offset, b.end.Offset
	return as < be && bs < ae || as == bs
}

// applyEdits applies non-overlapping edits to src. If src was gofmt-formatted, so is the
// result: fixes insert code without caring for indentation.
func applyEdits(src []byte, edits []edit) ([]byte, error) {
	edits = slices.SortedFunc(slices.Values(edits), func(a, b edit) int {
		return cmp.Compare(a.start.Offset, b.start.Offset)
	})
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		if e.start.Offset < last || e.end.Offset > len(src) || e.end.Offset < e.start.Offset {
			return nil, fmt.Errorf("edit at offset %d is out of range", e.start.Offset)
		}
		out.Write(src[last:e.start.Offset])
		out.WriteString(e.newText)
		last = e.end.Offset
	}
	out.Write(src[last:])
	if formatted, err := format.Source(src); err == nil && bytes.Equal(formatted, src) {
		if result, err := format.Source(out.Bytes()); err == nil {
			return result, nil
		}
	}
	return out.Bytes(), nil
}

// writeFile replaces the content of an existing file, keeping its permissions.
func writeFile(name string, data []byte) error {
	info, err := os.Stat(name)
	if err != nil {
		return err
	}
	return os.WriteFile(name, data, info.Mode().Perm())
}
