package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/token"
	"os"
	"testing"

	"golang.org/x/tools/go/analysis"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestSARIFGolden encodes a finding with everything SARIF can carry: a related location, a
// fix, a file outside the base directory, and a column after a non-ASCII character, which
// SARIF counts in UTF-16 units.
func TestSARIFGolden(t *testing.T) {
	pass := &analysis.Analyzer{Name: "pairing", Doc: "check pairs\n\nLonger text."}
	other := &analysis.Analyzer{Name: "moveref", Doc: "check moves", URL: "https://example.com/moveref"}
	src := "package p\n\nfunc f() {\n\t/* é */ c.Get(&r)\n\treturn\n}\n"
	files := map[string]string{"/src/proj/p/p.go": src}
	getOff := bytes.Index([]byte(src), []byte("c.Get"))
	retOff := bytes.Index([]byte(src), []byte("return"))
	posn := func(name string, off, line, col int) token.Position {
		return token.Position{Filename: name, Offset: off, Line: line, Column: col}
	}
	findings := []finding{
		{
			pass:    pass,
			posn:    posn("/src/proj/p/p.go", getOff, 4, 11),
			end:     posn("/src/proj/p/p.go", getOff+9, 4, 20),
			message: "r leaks: taken here, not put before the return at line 5",
			related: []related{{posn("/src/proj/p/p.go", retOff, 5, 2), posn("/src/proj/p/p.go", retOff+6, 5, 8), "returns here"}},
			fixes: []fix{{"put r when the function returns", []edit{{
				posn("/src/proj/p/p.go", getOff+9, 4, 20), posn("/src/proj/p/p.go", getOff+9, 4, 20), "\n\tdefer c.Put(&r)",
			}}}},
		},
		{
			pass:     other,
			posn:     posn("/elsewhere/q.go", 0, 1, 1),
			end:      posn("/elsewhere/q.go", 0, 1, 1),
			message:  "moved twice",
			category: "twice",
		},
	}
	sw := &sarifWriter{
		base:    "/src/proj",
		version: "v1.2.3",
		readFile: func(name string) ([]byte, error) {
			if s, ok := files[name]; ok {
				return []byte(s), nil
			}
			return nil, fmt.Errorf("no file %s", name)
		},
	}
	var buf bytes.Buffer
	if err := sw.write(&buf, []*analysis.Analyzer{pass, other}, findings); err != nil {
		t.Fatal(err)
	}
	if !json.Valid(buf.Bytes()) {
		t.Fatalf("invalid JSON:\n%s", buf.Bytes())
	}
	const golden = "testdata/sarif.golden"
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != string(want) {
		t.Errorf("SARIF differs from %s (rerun with -update if intended):\n%s", golden, unifiedDiff(golden, want, buf.Bytes()))
	}
}
