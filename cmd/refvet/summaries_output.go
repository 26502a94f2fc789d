package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// writeSummariesText prints the summaries for a person: per package a header, its counted
// types, then one line per function:
//
//	package github.com/dgraph-io/badger/v4/table (presets: badger; engine: declared facts only)
//		counted *table.Table: DecrRef/IncrRef (method set)
//		func OpenTable(fd string, id uint64) (*Table, error): r0 owned when err == nil (preset badger)
func writeSummariesText(w io.Writer, out *summaryOutput) error {
	var b strings.Builder
	for i, p := range out.Packages {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "package %s (%s)\n", p.Path, packageNote(p))
		for _, t := range p.Types {
			verb := "counted"
			if !t.Declared {
				verb = "uses"
			}
			fmt.Fprintf(&b, "\t%s %s: %s (%s)\n", verb, t.Type, family(t), t.Origin)
		}
		for _, f := range p.Funcs {
			fmt.Fprintf(&b, "\t%s: %s\n", f.Signature, funcText(f))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func packageNote(p *pkgSummary) string {
	switch p.ValueMode {
	case "off":
		return "value mode off"
	case "unused":
		return "no counted types: value mode does not apply"
	case "failed":
		return "analysis failed"
	}
	var parts []string
	if len(p.Presets) > 0 {
		parts = append(parts, "presets: "+strings.Join(p.Presets, ", "))
	}
	if p.Engine {
		parts = append(parts, "engine: summaries")
	} else {
		parts = append(parts, "engine: declared facts only")
	}
	return strings.Join(parts, "; ")
}

// family is "DecrRef/IncrRef", "Unref|UnrefLocked/Ref" or "Release, release-only".
func family(t *typeSummary) string {
	rel := strings.Join(t.Releases, "|")
	if t.Retain == "" {
		return rel + ", release-only"
	}
	return rel + "/" + t.Retain
}

// funcText is "r0 owned when err == nil (preset badger); consumes blk (directive at f.go:42)",
// or "not tracked (nothing decides)".
func funcText(f *funcSummary) string {
	if f.Source == "none" {
		return "not tracked (nothing decides)"
	}
	var parts []string
	for _, r := range f.Results {
		s := fmt.Sprintf("r%d %s", r.Index, r.Ownership)
		if r.Condition != "" {
			s += " " + r.Condition
		}
		parts = append(parts, s+" ("+r.Origin+")")
	}
	for _, p := range f.Params {
		effect, paths, _ := strings.Cut(p.Effect, " ") // "consumes on some paths"
		s := effect + " " + p.Name
		if paths != "" {
			s += " " + paths
		}
		if p.Index == -1 {
			s += " (receiver)"
		}
		parts = append(parts, s+" ("+p.Origin+")")
	}
	return strings.Join(parts, "; ")
}

// writeSummariesJSON prints the summaries in the schema of docs/summaries.md.
func writeSummariesJSON(w io.Writer, out *summaryOutput) error {
	data, err := json.MarshalIndent(out, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}
