package main

import (
	"encoding/json"
	"fmt"
	"io"
)

// The -json output has the schema of go vet -json and the go/analysis checkers, so that
// tools reading theirs read refvet's: package ID → pass name → diagnostics.
type (
	jsonTree map[string]map[string][]jsonDiagnostic

	jsonDiagnostic struct {
		Category       string        `json:"category,omitempty"`
		Posn           string        `json:"posn"`
		End            string        `json:"end"`
		Message        string        `json:"message"`
		SuggestedFixes []jsonFix     `json:"suggested_fixes,omitempty"`
		Related        []jsonRelated `json:"related,omitempty"`
	}

	jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}

	jsonEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"` // byte offsets
		End      int    `json:"end"`
		New      string `json:"new"`
	}

	jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
)

// writeJSON prints findings grouped by the package whose analysis reported them. Unlike the
// other formats it keeps the repeats from test variants, as go vet -json does, since each
// package is its own entry.
func writeJSON(w io.Writer, findings []finding) error {
	tree := make(jsonTree)
	for _, f := range findings {
		byPass := tree[f.pkgID]
		if byPass == nil {
			byPass = make(map[string][]jsonDiagnostic)
			tree[f.pkgID] = byPass
		}
		byPass[f.pass.Name] = append(byPass[f.pass.Name], toJSON(f))
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

func toJSON(f finding) jsonDiagnostic {
	d := jsonDiagnostic{
		Category: f.category,
		Posn:     f.posn.String(),
		End:      f.end.String(),
		Message:  f.message,
	}
	for _, fx := range f.fixes {
		jf := jsonFix{Message: fx.message, Edits: []jsonEdit{}}
		for _, e := range fx.edits {
			jf.Edits = append(jf.Edits, jsonEdit{e.start.Filename, e.start.Offset, e.end.Offset, e.newText})
		}
		d.SuggestedFixes = append(d.SuggestedFixes, jf)
	}
	for _, r := range f.related {
		d.Related = append(d.Related, jsonRelated{r.posn.String(), r.end.String(), r.message})
	}
	return d
}
