package main

import (
	"fmt"
	"io"
	"strings"
)

// writeGitHub prints findings as GitHub Actions workflow commands, which the runner turns into
// annotations on the pull request's diff:
//
//	::error file=a/b.go,line=3,col=2,endLine=3,endColumn=9,title=refvet pairing::message
//
// File names are relative to the current directory, which in a workflow is the checkout.
func writeGitHub(w io.Writer, findings []finding) error {
	var sb strings.Builder
	for _, f := range findings {
		fmt.Fprintf(&sb, "::error file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			escapeProperty(shortPath(f.posn.Filename)), f.posn.Line, f.posn.Column,
			f.end.Line, f.end.Column, escapeProperty("refvet "+f.label()), escapeData(f.message))
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// escapeData and escapeProperty encode what the workflow command syntax reserves, as the
// actions/toolkit does.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
