package valuemode

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
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

//refvet:owned
func OpenFile() (*File, error) { return nil, nil }
`

func parseDir(t *testing.T) (*token.FileSet, *types.Info, *Directives) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", dirSrc, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
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
	return fset, info, cat.ReadDirectives(fset, []*ast.File{f}, info)
}

// TestDirectives checks the directives read with the catalog's checks (internal/directive's
// tests cover the syntax and the placement): counted results and parameters, and
// //refvet:counted types, including one declared by directive (File, counted by Close) that a
// function then returns owned.
func TestDirectives(t *testing.T) {
	fset, _, d := parseDir(t)
	var got []string
	for fn, f := range d.Funcs {
		got = append(got, fn.Name()+": "+f.String())
	}
	for tn, f := range d.Types {
		got = append(got, fmt.Sprintf("type %s: %s", tn.Name(), f))
	}
	sort.Strings(got)
	want := []string{
		// The first of two conflicting or duplicate directives stands; the second is an error.
		"Both: values: r0 owned by directive",
		"ConsumesTwice: values: consumes b by directive",
		"Init: values: consumes h by directive",
		"Into: values: consumes b by directive",
		"Next: values: r0 owned if r1 == nil by directive",
		"Open: values: r0 owned if r1 == nil by directive",
		"OpenFile: values: r0 owned if r1 == nil by directive",
		"Pair: values: r1 borrowed by directive",
		"Peek: values: r0 borrowed by directive",
		"Second: values: r1 owned by directive",
		"Twice: values: r0 owned by directive",
		"type Dup: counted",
		"type File: counted Close",
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
		"105:9: //refvet:owned must be in the doc comment of a function or an interface method",
		"108:1: //refvet:consumes must be in the doc comment of a function or an interface method",
		"111:1: //refvet:ownedx is not a refvet directive; want one of acquires, releases, borrowed, ref, ignore, owned, consumes, counted",
	}
	if strings.Join(errs, "\n") != strings.Join(wantErrs, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(wantErrs, "\n"))
	}
}
