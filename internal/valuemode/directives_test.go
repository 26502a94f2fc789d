package valuemode

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

const dirSrc = `package p

import "errors"

type Buf struct{ n int }

func (b *Buf) Retain()  {}
func (b *Buf) Release() {}

//refvet:counted Close
type File struct{}

func (*File) Close() {}

// Open returns an owned buffer.
//
//refvet:owned
func Open() (*Buf, error) { return &Buf{}, errors.New("x") }

//refvet:borrowed b
func Pair() (a, b *Buf) { return nil, nil }

//refvet:owned 1
func Second() (int, *Buf) { return 0, nil }

type Iter struct{ h *Buf }

//refvet:consumes h
func (it *Iter) Init(h *Buf) { it.h = h }

//refvet:consumes b
func (b *Buf) Into(it *Iter) { it.h = b }

type Source interface {
	//refvet:owned
	Next() (*Buf, error)
	Peek() *Buf //refvet:borrowed
}

type S struct {
	//refvet:borrowed the owner outlives it
	owner *Buf
}

// Bad ones.

//refvet:owned
func NoResult() {}

//refvet:owned
func NotCounted() int { return 0 }

//refvet:owned
func TwoCounted() (*Buf, *Buf) { return nil, nil }

//refvet:owned c
func NoSuch() (a *Buf) { return nil }

//refvet:owned 2
func OutOfRange() (*Buf, error) { return nil, nil }

//refvet:owned a b
func TooMany() (a *Buf) { return nil }

//refvet:owned
//refvet:borrowed
func Both() *Buf { return nil }

//refvet:owned
//refvet:owned
func Twice() *Buf { return nil }

//refvet:consumes
func ConsumesNothing(b *Buf) {}

//refvet:consumes x
func ConsumesMissing(b *Buf) {}

//refvet:consumes n
func ConsumesInt(n int) {}

//refvet:consumes b
//refvet:consumes b
func ConsumesTwice(b *Buf) {}

//refvet:counted
func CountedFunc() {}

//refvet:counted
type NoRelease struct{}

//refvet:counted Drop/Keep
type Missing struct{}

//refvet:counted Release Retain
type Spaces struct{}

//refvet:counted
//refvet:counted
type Dup struct{}

func (*Dup) Free() {}

type T struct {
	f *Buf //refvet:owned
}

//refvet:consumes b
var v int

//refvet:ownedx
func Unknown() {}
`

func parseDir(t *testing.T, withTypes bool) (*token.FileSet, *Directives) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", dirSrc, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	if !withTypes {
		return fset, ParseDirectives(f, nil, nil)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := New(pkg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	counted := func(t types.Type) bool { _, ok := cat.Counted(t); return ok }
	return fset, ParseDirectives(f, info, counted)
}

func TestDirectives(t *testing.T) {
	fset, d := parseDir(t, true)
	var got []string
	for _, fd := range d.Funcs {
		s := fd.Name.Name + ":"
		if fd.Result != nil {
			s += fmt.Sprintf(" %s r%d", fd.Result.Own, fd.Result.Result)
		}
		for _, p := range fd.Consumes {
			s += fmt.Sprintf(" consumes %s(%d)", p.Name, p.Param)
		}
		got = append(got, s)
	}
	for _, td := range d.Types {
		got = append(got, fmt.Sprintf("type %s: %s", td.Spec.Name.Name, td.Fact()))
	}
	want := []string{
		"Open: owned r0",
		"Pair: borrowed r1",
		"Second: owned r1",
		"Init: consumes h(0)",
		"Into: consumes b(-1)",
		"Next: owned r0",
		"Peek: borrowed r0",
		// The first of two conflicting or duplicate directives stands; the second is an error.
		"Both: owned r0",
		"Twice: owned r0",
		"ConsumesTwice: consumes b(0)",
		"type File: counted Close",
		"type Dup: counted",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("directives:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	var errs []string
	for _, e := range d.Errors {
		p := fset.Position(e.Pos)
		errs = append(errs, fmt.Sprintf("%d:%d: %s", p.Line, p.Column, e.Msg))
	}
	wantErrs := []string{
		"47:1: //refvet:owned: NoResult has no result",
		"50:1: //refvet:owned: NotCounted has no result of a counted type",
		"53:1: //refvet:owned: TwoCounted has 2 counted results; name one: //refvet:owned <result>",
		`56:1: //refvet:owned: "c" is not a result of NoSuch`,
		"59:1: //refvet:owned: OutOfRange has no result 2 (it has 2)",
		"62:1: //refvet:owned takes at most one argument, the result: //refvet:owned [result]",
		"66:1: //refvet:borrowed: Both is already declared owned",
		"70:1: //refvet:owned: duplicate directive on Twice",
		"73:1: //refvet:consumes needs exactly one parameter name: //refvet:consumes <param>",
		`76:1: //refvet:consumes: "x" is not a parameter of ConsumesMissing`,
		"79:1: //refvet:consumes: parameter n of ConsumesInt has type int, not a counted type",
		"83:1: //refvet:consumes b: duplicate directive on ConsumesTwice",
		"86:1: //refvet:counted must be in the doc comment of a type declaration, not on CountedFunc",
		"89:1: //refvet:counted: NoRelease has no release method of a family (Release, Free, DecrRef, Unref) taking no arguments; name it: //refvet:counted <Release>",
		"92:1: //refvet:counted: Missing has no method Drop taking no arguments",
		"95:1: //refvet:counted takes at most one argument: //refvet:counted [Release[/Retain]]",
		"99:1: //refvet:counted: duplicate directive on Dup",
		"105:9: //refvet:owned must be in the doc comment of a function or method, or on an interface method",
		"108:1: //refvet:consumes must be in the doc comment of a function or method, or on an interface method",
	}
	if strings.Join(errs, "\n") != strings.Join(wantErrs, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(wantErrs, "\n"))
	}
}

// Without type information the directives are read, and only the checks that need types are
// skipped.
func TestDirectivesNoTypes(t *testing.T) {
	_, d := parseDir(t, false)
	n := 0
	for _, fd := range d.Funcs {
		if fd.Name.Name == "NotCounted" || fd.Name.Name == "TwoCounted" || fd.Name.Name == "ConsumesInt" {
			n++
			if fd.Name.Name == "TwoCounted" && fd.Result.Result != 0 {
				t.Errorf("bare owned without types: result %d, want 0", fd.Result.Result)
			}
		}
	}
	if n != 3 {
		t.Errorf("type-dependent checks applied without types: %d of 3 accepted", n)
	}
}

func TestDirectiveFacts(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", dirSrc, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, fd := range ParseDirectives(f, info, nil).Funcs {
		obj := fd.Object(info)
		if obj == nil {
			t.Fatalf("%s: no object", fd.Name.Name)
		}
		got[fd.Name.Name] = fd.Fact(obj.Type().(*types.Signature)).String()
	}
	for name, want := range map[string]string{
		"Open":   "values: r0 owned if r1 == nil by directive",
		"Pair":   "values: r1 borrowed by directive",
		"Second": "values: r1 owned by directive",
		"Init":   "values: consumes h by directive",
		"Into":   "values: consumes b by directive",
		"Next":   "values: r0 owned if r1 == nil by directive",
	} {
		if got[name] != want {
			t.Errorf("%s: %q, want %q", name, got[name], want)
		}
	}
}
