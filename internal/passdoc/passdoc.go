// Package passdoc extracts a pass's manual from its doc.go, so that the package documentation
// and Analyzer.Doc (what `refvet help <pass>` prints) are one text, as x/tools' passes do.
package passdoc

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// MustExtract returns the section "# Analyzer name" of the package comment of the Go file
// content, without its heading and with its first line's "name: " prefix removed: the first
// sentence is the pass's one-line summary, the rest its manual. It panics if there is no such
// section: a pass without a manual is a programming error found by any test.
func MustExtract(content, name string) string {
	doc, err := extract(content, name)
	if err != nil {
		panic(err)
	}
	return doc
}

func extract(content, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", fmt.Errorf("passdoc: %v", err)
	}
	if f.Doc == nil {
		return "", fmt.Errorf("passdoc: doc.go of %s has no package comment", name)
	}
	text := (&ast.CommentGroup{List: f.Doc.List}).Text()
	_, section, ok := strings.Cut(text, "# Analyzer "+name+"\n")
	if !ok {
		return "", fmt.Errorf("passdoc: doc.go of %s has no \"# Analyzer %s\" section", name, name)
	}
	// The manual runs to the next analyzer's section: its own "# Heading" subsections (which
	// gofmt and go doc treat as headings too) belong to it.
	if i := strings.Index(section, "\n# Analyzer "); i >= 0 {
		section = section[:i]
	}
	section = strings.TrimSpace(section)
	body, ok := strings.CutPrefix(section, name+": ")
	if !ok {
		return "", fmt.Errorf("passdoc: the section of %s must start with %q", name, name+": ")
	}
	return body, nil
}
