package valuemode

import (
	"fmt"
	"go/types"
	"strings"
)

// A Family is a pair of retain and release methods. Retain is "" for a release-only type.
type Family struct{ Retain, Release string }

func (f Family) String() string {
	if f.Retain == "" {
		return f.Release
	}
	return f.Release + "/" + f.Retain
}

// Families are SPEC-VALUE's method families, in the order the family rule tries them.
var Families = []Family{
	{Retain: "Retain", Release: "Release"},
	{Retain: "Ref", Release: "Free"},
	{Retain: "IncrRef", Release: "DecrRef"},
	{Retain: "Ref", Release: "Unref"},
}

// familyOfRelease returns the family whose release method is name.
func familyOfRelease(name string) (Family, bool) {
	for _, f := range Families {
		if f.Release == name {
			return f, true
		}
	}
	return Family{}, false
}

// Source says what made a type counted, or a result owned or borrowed.
type Source uint8

const (
	FromMethodSet Source = iota + 1 // the family rule
	FromPreset
	FromConfig
	FromDirective
)

func (s Source) String() string {
	switch s {
	case FromMethodSet:
		return "method set"
	case FromPreset:
		return "preset"
	case FromConfig:
		return "config"
	case FromDirective:
		return "directive"
	}
	return fmt.Sprintf("Source(%d)", s)
}

// Counted describes a counted type.
type Counted struct {
	Type types.Type // the type asked about, aliases removed
	// Named is the named type the answer is about (the pointer's element for *T, the generic
	// origin for an instantiation); nil for an unnamed interface or a type parameter.
	Named *types.Named
	// Family: the retain and the main release method; Family.Retain is "" when ReleaseOnly.
	Family Family
	// Releases are every release method, Family.Release first (pebble's Version also releases
	// with UnrefLocked).
	Releases    []string
	ReleaseOnly bool
	Source      Source
	// Origin names where the answer came from, for messages and the summaries command:
	// "method set", "preset arrow-go", "config -valuemode.counted=...", "directive at file:line".
	Origin string
}

// IsRelease reports whether name is one of c's release methods.
func (c Counted) IsRelease(name string) bool {
	for _, r := range c.Releases {
		if r == name {
			return true
		}
	}
	return false
}

// String is "*table.Table IncrRef/DecrRef (method set)", with package names, not paths.
func (c Counted) String() string {
	fam := c.Family.String()
	if len(c.Releases) > 1 {
		fam = strings.Join(c.Releases, "|")
		if c.Family.Retain != "" {
			fam += "/" + c.Family.Retain
		}
	}
	return fmt.Sprintf("%s %s (%s)", types.TypeString(c.Type, pkgName), fam, c.Origin)
}

func pkgName(p *types.Package) string { return p.Name() }

// TypeKey is how presets, configuration and facts name a named type: "importpath.Name", the
// generic origin for an instantiation, "" for anything else (pointers are looked through).
func TypeKey(t types.Type) string {
	n := namedOf(t)
	if n == nil || n.Obj().Pkg() == nil {
		return ""
	}
	return n.Obj().Pkg().Path() + "." + n.Obj().Name()
}

// namedOf returns the named type t is, or points to, as its generic origin; nil otherwise.
func namedOf(t types.Type) *types.Named {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	if n, ok := t.(*types.Named); ok {
		return n.Origin()
	}
	return nil
}

// FuncKey is how presets and configuration name a function or method: "importpath.Func" or
// "importpath.Type.Method" (the receiver's named type, pointer or not, generic origin), for
// interface methods the interface that declares the method (an embedded interface's own
// name). "" for methods of unnamed types and for functions without a package.
func FuncKey(fn *types.Func) string {
	if fn == nil || fn.Pkg() == nil {
		return ""
	}
	fn = fn.Origin()
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return fn.Pkg().Path() + "." + fn.Name()
	}
	n := namedOf(sig.Recv().Type())
	if n == nil {
		return ""
	}
	return n.Obj().Pkg().Path() + "." + n.Obj().Name() + "." + fn.Name()
}

// noArgMethod reports whether mset has a method called name (of package pkg when the name is
// not exported) that takes no arguments.
func noArgMethod(mset *types.MethodSet, pkg *types.Package, name string) *types.Func {
	sel := mset.Lookup(pkg, name)
	if sel == nil {
		return nil
	}
	fn, ok := sel.Obj().(*types.Func)
	if !ok {
		return nil
	}
	if sig, ok := fn.Type().(*types.Signature); !ok || sig.Params().Len() != 0 {
		return nil
	}
	return fn
}
