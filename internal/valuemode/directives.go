package valuemode

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/refvet/refvet/internal/directive"
)

// Value mode's directives are parsed by internal/directive, with every other //refvet:
// directive (SPEC-VALUE.md; the syntax is documented there):
//
//	//refvet:owned [RESULT], //refvet:borrowed [RESULT], //refvet:consumes PARAM
//	//refvet:counted [RELEASES[/RETAIN]]
//
// This file turns what it reads into the catalog's declarations and facts.

// Directives are the value-mode directives of a package, read by ReadDirectives.
type Directives struct {
	// Files are the parsed directives of every file (all kinds, not only value mode's),
	// checked against the catalog's counted types, in the order of the files given.
	Files []*directive.File
	// Funcs are the facts the directives declare, by function or interface method.
	Funcs map[*types.Func]*FuncFact
	// Types are the types declared counted by //refvet:counted, with their facts.
	Types map[*types.TypeName]*CountedFact
	// Errors are the malformed or misplaced directives of every kind, in file order.
	Errors []directive.Error
}

// DirectiveValues returns the checks directive.ParseValues makes with the catalog: counted
// results and parameters, and the methods //refvet:counted names.
func (c *Catalog) DirectiveValues() *directive.Values {
	return &directive.Values{
		Counted: func(t types.Type) bool {
			_, ok := c.Counted(t)
			return ok
		},
		CheckCounted: checkMethods,
	}
}

// ReadDirectives parses the //refvet: directives of files, declares the //refvet:counted types
// to the catalog (so that the owned, borrowed and consumes directives of the package are
// checked against them), and returns what they declare. info is the package's.
func (c *Catalog) ReadDirectives(fset *token.FileSet, files []*ast.File, info *types.Info) *Directives {
	d := &Directives{Funcs: map[*types.Func]*FuncFact{}, Types: map[*types.TypeName]*CountedFact{}}
	// First the types, checked by method only: function directives need them declared.
	vals := c.DirectiveValues()
	typesOnly := &directive.Values{CheckCounted: vals.CheckCounted}
	again := false
	for _, f := range files {
		df := directive.ParseValues(fset, f, info, typesOnly)
		d.Files = append(d.Files, df)
		for spec, td := range df.Types {
			obj, ok := info.Defs[spec.Name].(*types.TypeName)
			if !ok {
				continue
			}
			fact := CountedFactOf(td)
			d.Types[obj] = fact
			c.DeclareType(obj, fact, "directive at "+fset.Position(td.Pos).String())
		}
		again = again || len(df.ValueFuncs)+len(df.ValueMethods) > 0
	}
	if again {
		for i, f := range files {
			if df := d.Files[i]; len(df.ValueFuncs)+len(df.ValueMethods) > 0 {
				d.Files[i] = directive.ParseValues(fset, f, info, vals)
			}
		}
	}
	for _, df := range d.Files {
		d.Errors = append(d.Errors, df.Errors...)
		for decl, vf := range df.ValueFuncs {
			d.addFunc(info.Defs[decl.Name], vf)
		}
		for m, vf := range df.ValueMethods {
			d.addFunc(info.Defs[m.Names[0]], vf)
		}
	}
	return d
}

func (d *Directives) addFunc(obj types.Object, vf *directive.ValueFunc) {
	fn, ok := obj.(*types.Func)
	if !ok {
		return
	}
	if f := FuncFactOf(vf, fn.Type().(*types.Signature)); !f.Empty() {
		d.Funcs[fn] = f
	}
}

// FuncFactOf is the FuncFact that value-mode directives declare for a function of signature
// sig: owned means owned when the error result is nil, if there is one (SPEC-VALUE);
// ByDirective.
func FuncFactOf(vf *directive.ValueFunc, sig *types.Signature) *FuncFact {
	f := new(FuncFact)
	if r := vf.Result; r != nil && r.Index < sig.Results().Len() {
		ro := ResultOwnership{Result: r.Index, Own: Owned, CondResult: -1, Why: ByDirective}
		if r.Borrowed {
			ro.Own = Borrowed
		} else {
			ro.When, ro.CondResult = resultCond(sig, r.Index)
		}
		f.Results = append(f.Results, ro)
	}
	for _, p := range vf.Consumes {
		f.Params = append(f.Params, ParamEffect{Param: p.Index, Name: p.Name, Effect: Consumes, Why: ByDirective})
	}
	f.sort()
	return f
}

// CountedFactOf is the CountedFact a //refvet:counted directive declares.
func CountedFactOf(td *directive.Type) *CountedFact {
	f := &CountedFact{Retain: td.Retain, Releases: td.Releases}
	if len(f.Releases) == 0 {
		f.Releases = nil // the family rule's; resolved against the type by Catalog
	}
	return f
}

// checkMethods checks that obj (or a pointer to it) has the methods //refvet:counted names,
// taking no arguments; with none named, a release method of a family.
func checkMethods(obj *types.TypeName, releases []string, retain string) string {
	t := obj.Type()
	ms := types.NewMethodSet(types.NewPointer(t))
	if types.IsInterface(t) {
		ms = types.NewMethodSet(t)
	}
	if len(releases) == 0 {
		for _, f := range Families {
			if noArgMethod(ms, obj.Pkg(), f.Release) != nil {
				return ""
			}
		}
		return fmt.Sprintf("%s has no release method of a family (Release, Free, DecrRef, Unref) taking no arguments; name it: //refvet:counted <Release>", obj.Name())
	}
	for _, m := range append(append([]string(nil), releases...), retain) {
		if m != "" && noArgMethod(ms, obj.Pkg(), m) == nil {
			return fmt.Sprintf("%s has no method %s taking no arguments", obj.Name(), m)
		}
	}
	return ""
}
