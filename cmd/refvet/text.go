package main

import (
	"fmt"
	"go/token"
	"io"
	"os"
	"strings"
)

// writeText prints findings the way go vet does, "file:line:col: message", with the pass's
// name appended so that the reader knows what to name in a //refvet:ignore directive.
// Related positions follow, indented. With context >= 0 each position is followed by its
// source lines, numbered.
func writeText(w io.Writer, findings []finding, context int) error {
	var sb strings.Builder
	for _, f := range findings {
		fmt.Fprintf(&sb, "%s: %s (%s)\n", position(f.posn), f.message, f.label())
		printContext(&sb, f.posn, f.end, context)
		for _, r := range f.related {
			fmt.Fprintf(&sb, "\t%s: %s\n", position(r.posn), r.message)
			printContext(&sb, r.posn, r.end, context)
		}
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

func printContext(sb *strings.Builder, posn, end token.Position, context int) {
	if context < 0 {
		return
	}
	data, err := os.ReadFile(posn.Filename)
	if err != nil {
		return
	}
	lines := strings.Split(string(data), "\n")
	if !end.IsValid() {
		end = posn
	}
	for i := max(posn.Line-context, 1); i <= min(end.Line+context, len(lines)); i++ {
		fmt.Fprintf(sb, "%d\t%s\n", i, lines[i-1])
	}
}

// position formats p as "file:line:col" with the file relative to the current directory.
func position(p token.Position) string {
	p.Filename = shortPath(p.Filename)
	return p.String()
}
