package main

import (
	"bytes"
	"fmt"
	"strings"
)

// unifiedDiff returns the changes from old to new in unified format (3 lines of context), or
// "" if there are none. Fixes change a few lines of a file, so the diff is computed on the
// lines between the common prefix and suffix with a plain LCS table; in the unlikely case that
// this region is huge, it is shown as replaced wholesale.
func unifiedDiff(name string, old, new []byte) string {
	if bytes.Equal(old, new) {
		return ""
	}
	a, b := splitLines(old), splitLines(new)
	ops := diffLines(a, b)
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", name, name)
	for _, h := range hunks(ops, 3) {
		writeHunk(&sb, h, a, b)
	}
	return sb.String()
}

func splitLines(data []byte) []string {
	lines := strings.SplitAfter(string(data), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// An op is one line of the edit script: kept (' '), deleted ('-') or inserted ('+'). i and j
// are its indexes in the old and new lines.
type op struct {
	kind byte
	i, j int
}

const maxTable = 1 << 24 // cells of the LCS table before giving up on a minimal diff

func diffLines(a, b []string) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []op
	for k := range pre {
		ops = append(ops, op{' ', k, k})
	}
	ops = append(ops, lcsOps(a[pre:len(a)-suf], b[pre:len(b)-suf], pre)...)
	for k := range suf {
		ops = append(ops, op{' ', len(a) - suf + k, len(b) - suf + k})
	}
	return ops
}

// lcsOps diffs the middle parts a and b, which start at line off of both files.
func lcsOps(a, b []string, off int) []op {
	n, m := len(a), len(b)
	var ops []op
	if n*m > maxTable {
		for i := range n {
			ops = append(ops, op{'-', off + i, off})
		}
		for j := range m {
			ops = append(ops, op{'+', off + n, off + j})
		}
		return ops
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, op{' ', off + i, off + j})
			i, j = i+1, j+1
		case j < m && (i == n || lcs[i][j+1] > lcs[i+1][j]):
			ops = append(ops, op{'+', off + i, off + j})
			j++
		default:
			ops = append(ops, op{'-', off + i, off + j})
			i++
		}
	}
	return ops
}

// hunks splits ops into runs holding the changes with up to context kept lines around them.
func hunks(ops []op, context int) [][]op {
	var out [][]op
	start, end := -1, -1 // current hunk, ops[start:end]
	for k, o := range ops {
		if o.kind == ' ' {
			continue
		}
		lo, hi := max(k-context, 0), min(k+context+1, len(ops))
		if start >= 0 && lo <= end {
			end = max(end, hi)
			continue
		}
		if start >= 0 {
			out = append(out, ops[start:end])
		}
		start, end = lo, hi
	}
	if start >= 0 {
		out = append(out, ops[start:end])
	}
	return out
}

func writeHunk(sb *strings.Builder, h []op, a, b []string) {
	var na, nb int
	for _, o := range h {
		if o.kind != '+' {
			na++
		}
		if o.kind != '-' {
			nb++
		}
	}
	fmt.Fprintf(sb, "@@ -%s +%s @@\n", hunkRange(h[0].i, na), hunkRange(h[0].j, nb))
	for _, o := range h {
		var line string
		if o.kind == '-' {
			line = a[o.i]
		} else {
			line = b[o.j]
		}
		sb.WriteByte(o.kind)
		sb.WriteString(line)
		if !strings.HasSuffix(line, "\n") {
			sb.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange formats a hunk's start line (1-based) and length; an empty range names the line
// before it, as diff(1) does.
func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if n == 1 {
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}
