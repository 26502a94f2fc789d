package directive

import (
	"go/ast"
	"go/token"
	"strings"
	"testing"
)

type parseCase struct {
	name string
	src  string // appended to header; its first line is line 1
	want []string
	// untyped is the result without type information, when it differs
	// from want (type errors are only found with types).
	untyped []string
}

func TestParse(t *testing.T) {
	runCases(t, nil, funcCases, fieldCases, ignoreCases, errorCases, nonDirectiveCases)
}

// TestParseValues runs value mode's cases with the type checks of testValues, and the cases
// without value directives too: those checks must not change them.
func TestParseValues(t *testing.T) {
	runCases(t, testValues, valueCases, valueErrorCases, funcCases, fieldCases, ignoreCases, errorCases)
}

func runCases(t *testing.T, vals *Values, groups ...[]parseCase) {
	for _, groups := range groups {
		for _, tc := range groups {
			if tc.name == "" {
				t.Fatal("case without a name")
			}
			t.Run(tc.name, func(t *testing.T) {
				for _, typed := range []bool{true, false} {
					want := tc.want
					if !typed && tc.untyped != nil {
						want = tc.untyped
					}
					fset, file, info := parseSrc(t, header+tc.src, typed)
					got := dump(fset, ParseValues(fset, file, info, vals))
					if strings.Join(got, "\n") != strings.Join(want, "\n") {
						t.Errorf("typed=%v: got\n\t%s\nwant\n\t%s\nsource:\n%s", typed,
							strings.Join(got, "\n\t"), strings.Join(want, "\n\t"), tc.src)
					}
				}
			})
		}
	}
}

var funcCases = []parseCase{
	{
		name: "acquires",
		src: `// Open opens.
//
//refvet:acquires r
func Open(name string, r *ref.Ref) {}
`,
		want: []string{"3: func Open acquires r[1]"},
	},
	{
		name: "releases",
		src: `//refvet:releases r
func Close(r *ref.Ref)
`,
		want: []string{"1: func Close releases r[0]"},
	},
	{
		name: "several on one func, grouped params",
		src: `//refvet:acquires dst
//refvet:releases src
//refvet:acquires other
func Swap(n int, src, dst *ref.Ref, other *ref.Ref) error
`,
		want: []string{
			"1: func Swap acquires dst[2]",
			"2: func Swap releases src[1]",
			"3: func Swap acquires other[3]",
		},
	},
	{
		name: "receiver is not counted",
		src: `type T struct{}

//refvet:releases r
func (t *T) Close(r *ref.Ref) {}
`,
		want: []string{"3: func Close releases r[0]"},
	},
	{
		name: "unnamed parameters are counted",
		src: `type I interface {
	//refvet:acquires r
	Open(string, int, r *ref.Ref)
}
`,
		want: []string{"2: method Open acquires r[2]"},
	},
	{
		name: "interface method, doc and end of line",
		src: `type Opener interface {
	//refvet:acquires r
	Open(r *ref.Ref) error
	Close(r *ref.Ref) //refvet:releases r
}
`,
		want: []string{
			"2: method Open acquires r[0]",
			"4: method Close releases r[0]",
		},
	},
	{
		name: "extra spaces and tabs",
		src:  "//refvet:acquires \t r  \nfunc Open(r *ref.Ref)\n",
		want: []string{"1: func Open acquires r[0]"},
	},
}

var fieldCases = []parseCase{
	{
		name: "borrowed above and at end of line",
		src: `type MM struct{ users ref.Count }
type T struct {
	//refvet:borrowed
	owner *MM
	peer  *MM //refvet:borrowed
}
`,
		want: []string{
			"3: field owner borrowed",
			"5: field peer borrowed",
		},
	},
	{
		name: "ref above and at end of line",
		src: `type MM struct{ users ref.Count }
type T struct {
	a, b *MM
	//refvet:ref a
	first  ref.Ref
	second ref.Ref //refvet:ref b
}
`,
		want: []string{
			"4: field first ref a",
			"6: field second ref b",
		},
	},
	{
		name: "field in a struct inside a function",
		src: `type MM struct{ users ref.Count }
func f() {
	var x struct {
		mm *MM //refvet:borrowed
	}
	_ = x
}
`,
		want: []string{"4: field mm borrowed"},
	},
	{
		name: "field with ignore in its doc",
		src: `type MM struct{ users ref.Count }
type T struct {
	//refvet:ignore structmember cached, owner holds it
	mm *MM
}
`,
		want: []string{"3: ignore structmember line 4: cached, owner holds it"},
	},
}

var ignoreCases = []parseCase{
	{
		name: "own line suppresses the next line",
		src: `func f(c *ref.Count) {
	var r ref.Ref
	//refvet:ignore pairing released by the callback
	c.Get(&r)
}
`,
		want: []string{"3: ignore pairing line 4: released by the callback"},
	},
	{
		name: "end of line suppresses its line",
		src: `func f(c *ref.Count) {
	var r ref.Ref
	c.Get(&r) //refvet:ignore pairing released by the callback
}
`,
		want: []string{"3: ignore pairing line 3: released by the callback"},
	},
	{
		name: "end of line after closing brace, case, open brace",
		src: `func f(x int) { //refvet:ignore ownerparam a
	switch x {
	default: //refvet:ignore pairing b
	} //refvet:ignore moveref c
	g(
		x,
	) //refvet:ignore pairing d
}
func g(int)
`,
		want: []string{
			"1: ignore ownerparam line 1: a",
			"3: ignore pairing line 3: b",
			"4: ignore moveref line 4: c",
			"7: ignore pairing line 7: d",
		},
	},
	{
		name: "stacked ignores cover the line after the block",
		src: `func f(c *ref.Count) {
	var r ref.Ref
	// Handed to the worker below.
	//refvet:ignore pairing the worker puts it
	//refvet:ignore moveref same
	c.Get(&r)
}
`,
		want: []string{
			"4: ignore pairing line 6: the worker puts it",
			"5: ignore moveref line 6: same",
		},
	},
	{
		name: "in a func doc comment covers the func line",
		src: `// New makes a T.
//refvet:ignore ownerparam the registry owns it
// More doc.
func New() {}
`,
		want: []string{"2: ignore ownerparam line 4: the registry owns it"},
	},
	{
		name: "a blank line ends the block",
		src: `func f() {
	//refvet:ignore pairing nothing below

	f()
}
`,
		want: []string{"2: ignore pairing line 3: nothing below"},
	},
	{
		name: "block ending in a comment followed by code",
		src: `func f() {
	//refvet:ignore pairing covers the next line
	/* note */ f()
}
`,
		want: []string{"2: ignore pairing line 3: covers the next line"},
	},
	{
		name: "top of file and after last decl",
		src: `var x = 1 //refvet:ignore pairing at end

//refvet:ignore moveref at the very end`,
		want: []string{
			"1: ignore pairing line 1: at end",
			"3: ignore moveref line 4: at the very end",
		},
	},
	{
		name: "reason is the rest of the line",
		src:  "var x = 1 //refvet:ignore   pairing   spaces\tand // slashes  \n",
		want: []string{"1: ignore pairing line 1: spaces\tand // slashes"},
	},
	{
		name: "multi-line raw string",
		src:  "var s = `a\n//refvet:ignore pairing not a comment\n` //refvet:ignore pairing after string\n",
		want: []string{"3: ignore pairing line 3: after string"},
	},
}

var errorCases = []parseCase{
	{
		name: "unknown keyword",
		src:  "//refvet:aquires r\nfunc Open(r *ref.Ref)\n",
		want: []string{"1: error: //refvet:aquires is not a refvet directive; want one of acquires, releases, borrowed, ref, ignore, owned, consumes, counted"},
	},
	{
		name: "no keyword",
		src:  "//refvet: acquires r\nfunc Open(r *ref.Ref)\n",
		want: []string{"1: error: //refvet: directive without a keyword; want one of acquires, releases, borrowed, ref, ignore, owned, consumes, counted"},
	},
	{
		name: "acquires without and with too many names",
		src: `//refvet:acquires
//refvet:releases a b
func Open(a, b *ref.Ref)
`,
		want: []string{
			"1: error: //refvet:acquires needs exactly one parameter name: //refvet:acquires <param>",
			"2: error: //refvet:releases needs exactly one parameter name: //refvet:releases <param>",
		},
	},
	{
		name: "not a parameter",
		src:  "//refvet:acquires rr\nfunc Open(r *ref.Ref)\n",
		want: []string{`1: error: //refvet:acquires: "rr" is not a parameter of Open`},
	},
	{
		name: "receiver and blank are not parameters",
		src: `type T struct{}

//refvet:releases t
//refvet:releases _
func (t *T) Close(_ *ref.Ref)
`,
		want: []string{
			`3: error: //refvet:releases: "t" is not a parameter of Close`,
			`4: error: //refvet:releases: "_" is not a parameter of Close`,
		},
	},
	{
		name: "parameter of the wrong type",
		src: `//refvet:acquires r
//refvet:releases n
func Open(r ref.Ref, n int)
`,
		want: []string{
			"1: error: //refvet:acquires: parameter r of Open has type ref.Ref, want *ref.Ref",
			"2: error: //refvet:releases: parameter n of Open has type int, want *ref.Ref",
		},
		untyped: []string{
			"1: func Open acquires r[0]",
			"2: func Open releases n[1]",
		},
	},
	{
		name: "duplicate acquires",
		src:  "//refvet:acquires r\n//refvet:acquires r\n//refvet:releases r\nfunc F(r *ref.Ref)\n",
		want: []string{
			"1: func F acquires r[0]",
			"2: error: //refvet:acquires r: duplicate directive on F",
			"3: func F releases r[0]",
		},
	},
	{
		name: "acquires misplaced",
		src: `type T struct {
	//refvet:acquires r
	r *ref.Ref
}

func F(r *ref.Ref) //refvet:releases r

//refvet:acquires r

func G(r *ref.Ref)

type I interface {
	//refvet:acquires r
	fmt.Stringer
}
`,
		want: []string{
			"2: error: //refvet:acquires must be in the doc comment of a function or an interface method",
			"6: error: //refvet:releases must be in the doc comment of a function or an interface method",
			"8: error: //refvet:acquires must be in the doc comment of a function or an interface method",
			"13: error: //refvet:acquires must be in the doc comment of a function or an interface method",
		},
	},
	{
		name: "acquires on a func-typed struct field",
		src: `type T struct {
	open func(r *ref.Ref) //refvet:acquires r
}
`,
		want: []string{"2: error: //refvet:acquires must be in the doc comment of a function or an interface method"},
	},
	{
		// On a function, borrowed is value mode's (its result is borrowed): a function
		// without a result is an error of that directive.
		name: "borrowed misplaced, and with a note",
		src: `//refvet:borrowed
func F() {}

type I interface {
	M() //refvet:borrowed
}

type MM struct{ users ref.Count }
type T struct {
	mm *MM //refvet:borrowed the owner outlives it
}

//refvet:borrowed
var v *MM
`,
		want: []string{
			"1: error: //refvet:borrowed: F has no result",
			"5: error: //refvet:borrowed: M has no result",
			"10: field mm borrowed",
			"13: error: //refvet:borrowed must be on a struct field (on the line above it or at the end of its line), or in the doc comment of a function or an interface method (its result is borrowed)",
		},
	},
	{
		name: "duplicate borrowed",
		src: `type MM struct{ users ref.Count }
type T struct {
	//refvet:borrowed
	mm *MM //refvet:borrowed
}
`,
		want: []string{
			"3: field mm borrowed",
			"4: error: //refvet:borrowed: duplicate directive on field mm",
		},
	},
	{
		name: "ref misplaced and malformed",
		src: `//refvet:ref mm
func F() {}

var x ref.Ref //refvet:ref mm

type MM struct{ users ref.Count }
type T struct {
	mm *MM
	//refvet:ref
	r1 ref.Ref
	r2 ref.Ref //refvet:ref mm extra
}
`,
		want: []string{
			"1: error: //refvet:ref must be on a ref.Ref struct field (on the line above it or at the end of its line)",
			"4: error: //refvet:ref must be on a ref.Ref struct field (on the line above it or at the end of its line)",
			"9: error: //refvet:ref needs exactly one field name: //refvet:ref <field>",
			"11: error: //refvet:ref needs exactly one field name: //refvet:ref <field>",
		},
	},
	{
		name: "ref naming no field, itself, on two names, wrong type",
		src: `type MM struct{ users ref.Count }
type T struct {
	mm *MM
	a ref.Ref //refvet:ref nn
	b ref.Ref //refvet:ref b
	c, d ref.Ref //refvet:ref mm
	e *ref.Ref //refvet:ref mm
}
`,
		want: []string{
			`4: error: //refvet:ref: "nn" is not a field of this struct`,
			"5: error: //refvet:ref: field b names itself",
			"6: error: //refvet:ref: must be on a single named field, alone on its declaration",
			"7: error: //refvet:ref: field e has type *ref.Ref, want ref.Ref",
		},
		untyped: []string{
			`4: error: //refvet:ref: "nn" is not a field of this struct`,
			"5: error: //refvet:ref: field b names itself",
			"6: error: //refvet:ref: must be on a single named field, alone on its declaration",
			"7: field e ref mm",
		},
	},
	{
		name: "borrowed and ref on one field",
		src: `type MM struct{ users ref.Count }
type T struct {
	mm *MM
	//refvet:ref mm
	//refvet:ref mm
	r ref.Ref //refvet:borrowed
}
`,
		want: []string{
			"4: field r ref mm",
			"5: error: //refvet:ref: field r already belongs to mm",
			"6: error: //refvet:borrowed: field r is a ref.Ref (it has //refvet:ref); borrowed belongs on a tracked pointer",
		},
	},
	{
		name: "ignore malformed",
		src: `var a = 1 //refvet:ignore
var b = 1 //refvet:ignore pairing
var c = 1 //refvet:ignore pairing   
var d = 1 //refvet:ignore all everything is fine
var e = 1 //refvet:ignore Pairing wrong case
`,
		want: []string{
			"1: error: //refvet:ignore needs a pass and a reason: //refvet:ignore <pass> <reason>",
			"2: error: //refvet:ignore needs a reason: //refvet:ignore pairing <reason>",
			"3: error: //refvet:ignore needs a reason: //refvet:ignore pairing <reason>",
			`4: error: //refvet:ignore: unknown pass "all"; want one of pairing, ownerparam, structmember, moveref`,
			`5: error: //refvet:ignore: unknown pass "Pairing"; want one of pairing, ownerparam, structmember, moveref`,
		},
	},
}

var nonDirectiveCases = []parseCase{
	{
		name: "space, block comment, other prefixes",
		src: `// refvet:acquires r
/*refvet:acquires r*/
//refvetacquires r
//go:noinline
// Say //refvet:acquires r in prose.
func Open(r *ref.Ref) {}
`,
		want: nil,
	},
}

// TestParseDegenerate feeds inputs no parser produces; Parse must not panic.
func TestParseDegenerate(t *testing.T) {
	fset := token.NewFileSet()
	dir := &ast.Comment{Text: "//refvet:acquires r"}
	handBuilt := &ast.File{
		Name:     &ast.Ident{Name: "p"},
		Comments: []*ast.CommentGroup{nil, {List: []*ast.Comment{nil, dir}}},
		Decls:    []ast.Decl{&ast.FuncDecl{Doc: &ast.CommentGroup{List: []*ast.Comment{dir}}}},
	}
	for _, tc := range []struct {
		name string
		fset *token.FileSet
		file *ast.File
	}{
		{"nil", nil, nil},
		{"nil fset", nil, handBuilt},
		{"empty file", fset, &ast.File{}},
		{"no positions", fset, handBuilt},
	} {
		if f := Parse(tc.fset, tc.file, nil); len(f.Errors)+len(f.Ignores)+len(f.Funcs) != 0 {
			t.Errorf("%s: got %+v", tc.name, f)
		}
	}
}
