// Package presets holds value mode's presets as data: for each project whose
// reference-counted values value mode understands out of the box (arrow-go v18,
// grpc-go mem, badger v4, pebble v2), which types are counted (with their
// retain/release methods, release-only types included), which types look
// counted but are not, which functions and interface methods return an owned or
// a borrowed result where no body can be read, and which parameters are
// consumed or only borrowed. Each entry cites the source it was read from.
//
// The data lives in data/*.json, embedded; this package parses and validates it.
// A preset applies to a package under analysis only when that package imports a
// package under one of the preset's module prefixes (SPEC-VALUE.md).
package presets

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"
)

//go:embed data/*.json
var dataFS embed.FS

// Preset is one project's data.
type Preset struct {
	Project    string       `json:"project"`
	Version    string       `json:"version"`
	Modules    []string     `json:"modules"`
	Notes      string       `json:"notes,omitempty"`
	Types      []Type       `json:"types"`
	NotCounted []NotCounted `json:"not_counted,omitempty"`
	Results    []Result     `json:"results,omitempty"`
	Params     []Param      `json:"params,omitempty"`

	file string // the data file it came from, for messages
}

// Type is a counted type: "importpath.Name" (pointer or not, interface or not).
type Type struct {
	Type        string   `json:"type"`
	Retain      string   `json:"retain,omitempty"`
	Release     []string `json:"release"`
	ReleaseOnly bool     `json:"release_only,omitempty"`
	Source      string   `json:"source"`
}

// NotCounted is a type whose methods look like a family but that value mode
// must not count.
type NotCounted struct {
	Type   string `json:"type"`
	Why    string `json:"why"`
	Source string `json:"source"`
}

// Ownership of a result.
const (
	Owned    = "owned"
	Borrowed = "borrowed"
	// Untracked: callers follow nothing about the result (a value whose count guards nothing,
	// such as a buffer over Go memory with no allocator), whatever its body says.
	Untracked = "untracked"
)

// Conditions of an owned result ("" means SPEC-VALUE's default: owned when the
// error result, if any, is nil).
const (
	Always = "always"
	ErrNil = "err-nil"
)

// Result says whether a function's (or method's, or interface method's) result
// is owned or borrowed. Func is "importpath.Func" or "importpath.Type.Method".
type Result struct {
	Func      string `json:"func"`
	Result    int    `json:"result,omitempty"` // index of the result, 0 by default
	Ownership string `json:"ownership"`
	When      string `json:"when,omitempty"`
	Source    string `json:"source"`
}

// Parameter effects.
const (
	Consumes = "consumes" // takes over the caller's reference
	Borrows  = "borrows"  // leaves the caller's reference with the caller (retains what it keeps)
)

// Param says what a function does with the reference passed in one of its
// parameters (the receiver counts as a parameter, by its name).
type Param struct {
	Func   string `json:"func"`
	Param  string `json:"param"`
	Effect string `json:"effect"`
	Source string `json:"source"`
}

// The families of SPEC-VALUE.md: release method → retain method.
var families = map[string]string{
	"Release": "Retain",
	"Free":    "Ref",
	"DecrRef": "IncrRef",
	"Unref":   "Ref",
}

// extraReleases are release methods accepted besides the families' own, when the
// type's data names them (pebble's Version.UnrefLocked: the same Unref, with a
// lock held).
var extraReleases = map[string]bool{"UnrefLocked": true}

// All parses and validates every embedded preset, sorted by project.
func All() ([]*Preset, error) {
	entries, err := dataFS.ReadDir("data")
	if err != nil {
		return nil, err
	}
	var out []*Preset
	for _, e := range entries {
		name := "data/" + e.Name()
		b, err := dataFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		p, err := Parse(name, b)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Project < out[j].Project })
	seen := map[string]string{}
	for _, p := range out {
		for _, m := range p.Modules {
			if other, dup := seen[m]; dup {
				return nil, fmt.Errorf("module %s is in two presets: %s and %s", m, other, p.Project)
			}
			seen[m] = p.Project
		}
	}
	return out, nil
}

// Parse decodes one preset (unknown fields are errors) and validates it.
func Parse(file string, data []byte) (*Preset, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p Preset
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: trailing data after the preset", file)
	}
	p.file = file
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &p, nil
}

// Validate checks the preset's entries; the error names the file and the entry.
func (p *Preset) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s: %s", p.file, fmt.Sprintf(format, args...))
	}
	if p.Project == "" || p.Version == "" {
		return bad("project and version are required")
	}
	if len(p.Modules) == 0 {
		return bad("no module prefixes")
	}
	for _, m := range p.Modules {
		if m == "" || strings.HasSuffix(m, "/") || strings.Contains(m, " ") {
			return bad("bad module prefix %q", m)
		}
	}
	inModules := func(pkg string) bool {
		for _, m := range p.Modules {
			if pkg == m || strings.HasPrefix(pkg, m+"/") {
				return true
			}
		}
		return false
	}
	types := map[string]bool{}
	for _, t := range p.Types {
		pkg, name, ok := SplitType(t.Type)
		if !ok {
			return bad("type %q: want importpath.Name", t.Type)
		}
		if !inModules(pkg) {
			return bad("type %s: package %s is outside the preset's modules", t.Type, pkg)
		}
		_ = name
		if types[t.Type] {
			return bad("type %s listed twice", t.Type)
		}
		types[t.Type] = true
		if t.Source == "" {
			return bad("type %s: no source", t.Type)
		}
		if len(t.Release) == 0 {
			return bad("type %s: no release method", t.Type)
		}
		var family string
		for _, r := range t.Release {
			if ret, ok := families[r]; ok {
				if family != "" && family != ret {
					return bad("type %s: release methods of two families", t.Type)
				}
				family = ret
			} else if !extraReleases[r] {
				return bad("type %s: %s is not a release method of a family", t.Type, r)
			}
		}
		if family == "" {
			return bad("type %s: no release method of a family among %v", t.Type, t.Release)
		}
		switch {
		case t.ReleaseOnly && t.Retain != "":
			return bad("type %s: release_only with a retain method %s", t.Type, t.Retain)
		case !t.ReleaseOnly && t.Retain != family:
			return bad("type %s: retain method %q does not pair with %v (want %s, or release_only)", t.Type, t.Retain, t.Release, family)
		}
	}
	for _, n := range p.NotCounted {
		pkg, _, ok := SplitType(n.Type)
		if !ok || !inModules(pkg) {
			return bad("not_counted %q: want importpath.Name inside the preset's modules", n.Type)
		}
		if types[n.Type] {
			return bad("type %s is both counted and not counted", n.Type)
		}
		if n.Why == "" || n.Source == "" {
			return bad("not_counted %s: why and source are required", n.Type)
		}
	}
	results := map[string]bool{}
	for _, r := range p.Results {
		pkg, _, _, ok := SplitFunc(r.Func)
		if !ok || !inModules(pkg) {
			return bad("result %q: want importpath.Func or importpath.Type.Method inside the preset's modules", r.Func)
		}
		key := fmt.Sprintf("%s#%d", r.Func, r.Result)
		if results[key] {
			return bad("result %s (index %d) listed twice", r.Func, r.Result)
		}
		results[key] = true
		if r.Result < 0 {
			return bad("result %s: negative index", r.Func)
		}
		switch r.Ownership {
		case Owned:
		case Borrowed, Untracked:
			if r.When != "" {
				return bad("result %s: a %s result takes no condition", r.Func, r.Ownership)
			}
		default:
			return bad("result %s: ownership %q (want owned, borrowed or untracked)", r.Func, r.Ownership)
		}
		if r.When != "" && r.When != Always && r.When != ErrNil {
			return bad("result %s: when %q (want always or err-nil)", r.Func, r.When)
		}
		if r.Source == "" {
			return bad("result %s: no source", r.Func)
		}
	}
	params := map[string]bool{}
	for _, pa := range p.Params {
		pkg, _, _, ok := SplitFunc(pa.Func)
		if !ok || !inModules(pkg) {
			return bad("param %q: want importpath.Func or importpath.Type.Method inside the preset's modules", pa.Func)
		}
		if pa.Param == "" {
			return bad("param entry for %s names no parameter", pa.Func)
		}
		key := pa.Func + "#" + pa.Param
		if params[key] {
			return bad("param %s of %s listed twice", pa.Param, pa.Func)
		}
		params[key] = true
		if pa.Effect != Consumes && pa.Effect != Borrows {
			return bad("param %s of %s: effect %q (want consumes or borrows)", pa.Param, pa.Func, pa.Effect)
		}
		if pa.Source == "" {
			return bad("param %s of %s: no source", pa.Param, pa.Func)
		}
	}
	return nil
}

// SplitType splits "importpath.Name" into its package path and name.
func SplitType(s string) (pkg, name string, ok bool) {
	dir, last := path.Split(s)
	i := strings.Index(last, ".")
	if i <= 0 || i == len(last)-1 || strings.Contains(last[i+1:], ".") {
		return "", "", false
	}
	return dir + last[:i], last[i+1:], true
}

// SplitFunc splits "importpath.Func" or "importpath.Type.Method"; recv is "" for
// a function.
func SplitFunc(s string) (pkg, recv, name string, ok bool) {
	dir, last := path.Split(s)
	parts := strings.Split(last, ".")
	for _, p := range parts {
		if p == "" {
			return "", "", "", false
		}
	}
	switch len(parts) {
	case 2:
		return dir + parts[0], "", parts[1], true
	case 3:
		return dir + parts[0], parts[1], parts[2], true
	}
	return "", "", "", false
}

// Applies reports whether the preset applies to a package that imports the
// given package paths.
func (p *Preset) Applies(imports []string) bool {
	for _, imp := range imports {
		for _, m := range p.Modules {
			if imp == m || strings.HasPrefix(imp, m+"/") {
				return true
			}
		}
	}
	return false
}

// LookupResult returns the entry for result index i of fn, if any.
func (p *Preset) LookupResult(fn string, i int) (Result, bool) {
	for _, r := range p.Results {
		if r.Func == fn && r.Result == i {
			return r, true
		}
	}
	return Result{}, false
}

// LookupType returns the counted-type entry for typ, if any.
func (p *Preset) LookupType(typ string) (Type, bool) {
	for _, t := range p.Types {
		if t.Type == typ {
			return t, true
		}
	}
	return Type{}, false
}
