package passdoc

import "testing"

func TestExtract(t *testing.T) {
	src := "// Package p does things.\n//\n// # Analyzer p\n//\n// p: check things\n//\n// The manual.\n//\n//\tcode()\npackage p\n"
	got, err := extract(src, "p")
	if want := "check things\n\nThe manual.\n\n\tcode()"; err != nil || got != want {
		t.Errorf("extract = %q, %v; want %q", got, err, want)
	}
	for _, bad := range []string{"package p\n", "// Package p.\npackage p\n", "// # Analyzer p\n//\n// check\npackage p\n"} {
		if _, err := extract(bad, "p"); err == nil {
			t.Errorf("extract(%q) succeeded; want an error", bad)
		}
	}
}

// TestExtractKeepsSubsections checks that a manual's own headings stay in it, up to the next
// analyzer's section.
func TestExtractKeepsSubsections(t *testing.T) {
	src := "// Package p.\n//\n// # Analyzer p\n//\n// p: check things\n//\n// # Value mode\n//\n// More.\n//\n// # Analyzer q\n//\n// q: other\npackage p\n"
	got, err := extract(src, "p")
	if want := "check things\n\n# Value mode\n\nMore."; err != nil || got != want {
		t.Errorf("extract = %q, %v; want %q", got, err, want)
	}
}
