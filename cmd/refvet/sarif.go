package main

import (
	"encoding/json"
	"go/token"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
)

// This file writes findings as SARIF 2.1.0, the format GitHub code scanning uploads
// (github/codeql-action/upload-sarif). Only the properties refvet can fill are declared.

type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}

	sarifRun struct {
		Tool               sarifTool                   `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
		ColumnKind         string                      `json:"columnKind"`
		Results            []sarifResult               `json:"results"`
	}

	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}

	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Version        string      `json:"version,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}

	sarifRule struct {
		ID                   string        `json:"id"`
		Name                 string        `json:"name"`
		ShortDescription     sarifText     `json:"shortDescription"`
		FullDescription      sarifText     `json:"fullDescription"`
		Help                 sarifText     `json:"help"`
		HelpURI              string        `json:"helpUri,omitempty"`
		DefaultConfiguration sarifRuleConf `json:"defaultConfiguration"`
	}

	sarifRuleConf struct {
		Level string `json:"level"`
	}

	sarifText struct {
		Text string `json:"text"`
	}

	sarifResult struct {
		RuleID           string            `json:"ruleId"`
		RuleIndex        int               `json:"ruleIndex"`
		Level            string            `json:"level"`
		Message          sarifText         `json:"message"`
		Locations        []sarifLocation   `json:"locations"`
		RelatedLocations []sarifLocation   `json:"relatedLocations,omitempty"`
		Fixes            []sarifFix        `json:"fixes,omitempty"`
		Properties       map[string]string `json:"properties,omitempty"`
	}

	sarifLocation struct {
		ID               *int          `json:"id,omitempty"`
		Message          *sarifText    `json:"message,omitempty"`
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}

	sarifPhysical struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           sarifRegion      `json:"region"`
	}

	sarifArtifactLoc struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}

	sarifRegion struct {
		StartLine   int  `json:"startLine"`
		StartColumn int  `json:"startColumn"`
		EndLine     int  `json:"endLine"`
		EndColumn   int  `json:"endColumn"`
		ByteOffset  *int `json:"byteOffset,omitempty"`
		ByteLength  *int `json:"byteLength,omitempty"`
	}

	sarifFix struct {
		Description     sarifText             `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}

	sarifArtifactChange struct {
		ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}

	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent sarifText   `json:"insertedContent"`
	}
)

const srcRoot = "%SRCROOT%"

// A sarifWriter turns findings into one SARIF run.
type sarifWriter struct {
	base     string                       // absolute directory that artifact URIs are relative to
	version  string                       // refvet's version, if known
	readFile func(string) ([]byte, error) // source, to count columns in UTF-16 units
	files    map[string][]byte            // cache of readFile
	rules    map[*analysis.Analyzer]int   // rule index of each pass
}

// write writes findings as a SARIF log with one rule per pass in analyzers.
func (sw *sarifWriter) write(w io.Writer, analyzers []*analysis.Analyzer, findings []finding) error {
	run := sarifRun{
		Tool:               sarifTool{sarifDriver{Name: "refvet", InformationURI: "https://github.com/refvet/refvet", Version: sw.version}},
		OriginalURIBaseIDs: map[string]sarifArtifactLoc{srcRoot: {URI: fileURI(sw.base) + "/"}},
		ColumnKind:         "utf16CodeUnits",
		Results:            []sarifResult{},
	}
	sw.rules = make(map[*analysis.Analyzer]int)
	for _, a := range analyzers {
		sw.rules[a] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, rule(a))
	}
	for _, f := range findings {
		run.Results = append(run.Results, sw.result(f))
	}
	doc := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // "&r" reads better than "\u0026r" in messages and fixes
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// rule describes a pass; code scanning shows Help next to each alert.
func rule(a *analysis.Analyzer) sarifRule {
	title, _, _ := strings.Cut(a.Doc, "\n\n")
	helpURI := a.URL
	if helpURI == "" {
		helpURI = "https://pkg.go.dev/github.com/refvet/refvet/passes/" + a.Name
	}
	return sarifRule{
		ID:                   a.Name,
		Name:                 a.Name,
		ShortDescription:     sarifText{strings.Join(strings.Fields(title), " ")},
		FullDescription:      sarifText{a.Doc},
		Help:                 sarifText{a.Doc},
		HelpURI:              helpURI,
		DefaultConfiguration: sarifRuleConf{"error"},
	}
}

func (sw *sarifWriter) result(f finding) sarifResult {
	idx, ok := sw.rules[f.pass]
	if !ok {
		idx = -1 // a finding of a pass not in the run's list; cannot happen from run
	}
	r := sarifResult{
		RuleID:    f.pass.Name,
		RuleIndex: idx,
		Level:     "error",
		Message:   sarifText{f.message},
		Locations: []sarifLocation{{PhysicalLocation: sw.physical(f.posn, f.end)}},
	}
	if f.category != "" {
		r.Properties = map[string]string{"category": f.category}
	}
	for i, rel := range f.related {
		id := i + 1
		r.RelatedLocations = append(r.RelatedLocations, sarifLocation{
			ID:               &id,
			Message:          &sarifText{rel.message},
			PhysicalLocation: sw.physical(rel.posn, rel.end),
		})
	}
	for _, fx := range f.fixes {
		r.Fixes = append(r.Fixes, sw.fix(fx))
	}
	return r
}

// fix groups a suggested fix's edits by file, as SARIF wants one change per artifact.
func (sw *sarifWriter) fix(fx fix) sarifFix {
	out := sarifFix{Description: sarifText{fx.message}, ArtifactChanges: []sarifArtifactChange{}}
	byFile := make(map[string]int)
	for _, e := range fx.edits {
		i, ok := byFile[e.start.Filename]
		if !ok {
			i = len(out.ArtifactChanges)
			byFile[e.start.Filename] = i
			out.ArtifactChanges = append(out.ArtifactChanges, sarifArtifactChange{ArtifactLocation: sw.artifact(e.start.Filename)})
		}
		region := sw.region(e.start, e.end)
		offset, length := e.start.Offset, e.end.Offset-e.start.Offset
		region.ByteOffset, region.ByteLength = &offset, &length
		out.ArtifactChanges[i].Replacements = append(out.ArtifactChanges[i].Replacements,
			sarifReplacement{DeletedRegion: region, InsertedContent: sarifText{e.newText}})
	}
	return out
}

func (sw *sarifWriter) physical(posn, end token.Position) sarifPhysical {
	return sarifPhysical{ArtifactLocation: sw.artifact(posn.Filename), Region: sw.region(posn, end)}
}

// artifact names a file relative to %SRCROOT% when it lies below the base directory, so
// that code scanning can match it to the repository; otherwise by its absolute file URI.
func (sw *sarifWriter) artifact(name string) sarifArtifactLoc {
	if rel, err := filepath.Rel(sw.base, name); err == nil && filepath.IsAbs(name) && !strings.HasPrefix(rel, "..") {
		return sarifArtifactLoc{URI: (&url.URL{Path: filepath.ToSlash(rel)}).EscapedPath(), URIBaseID: srcRoot}
	}
	return sarifArtifactLoc{URI: fileURI(name)}
}

func fileURI(name string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(name)}).String()
}

func (sw *sarifWriter) region(posn, end token.Position) sarifRegion {
	if !end.IsValid() {
		end = posn
	}
	return sarifRegion{
		StartLine:   posn.Line,
		StartColumn: sw.column(posn),
		EndLine:     end.Line,
		EndColumn:   sw.column(end),
	}
}

// column converts go/token's byte column to the UTF-16 column SARIF viewers count in. When
// the source cannot be read the byte column is kept (they agree on ASCII lines).
func (sw *sarifWriter) column(p token.Position) int {
	data, ok := sw.files[p.Filename]
	if !ok {
		data, _ = sw.readFile(p.Filename)
		if sw.files == nil {
			sw.files = make(map[string][]byte)
		}
		sw.files[p.Filename] = data
	}
	lineStart := p.Offset - (p.Column - 1)
	if lineStart < 0 || p.Offset > len(data) {
		return p.Column
	}
	col := 1
	for s := data[lineStart:p.Offset]; len(s) > 0; {
		r, size := utf8.DecodeRune(s)
		col += utf16.RuneLen(r)
		s = s[size:]
	}
	return col
}
