package directive

import (
	"testing"
)

// bufSrc declares counted types for the value-mode cases (testValues counts *Buf and Handle).
const bufSrc = `type Buf struct{ n int }

func (b *Buf) Retain()  {}
func (b *Buf) Release() {}

type Handle interface {
	Ref()
	Free()
}
`

var valueCases = []parseCase{
	{
		name: "owned and borrowed, bare and named",
		src: bufSrc + `
// Open returns an owned buffer.
//
//refvet:owned
func Open() (*Buf, error) { return &Buf{}, nil }

//refvet:borrowed b
func Pair() (a, b *Buf) { return nil, nil }

//refvet:owned 1
func Second() (int, *Buf) { return 0, nil }

//refvet:borrowed
func Get(i int) (n int, h Handle) { return 0, nil }
`,
		want: []string{
			"13: func Open owned r0",
			"16: func Pair borrowed r1",
			"19: func Second owned r1",
			"22: func Get borrowed r1",
		},
		// Without types a bare directive cannot find the counted result: it means result 0.
		untyped: []string{
			"13: func Open owned r0",
			"16: func Pair borrowed r1",
			"19: func Second owned r1",
			"22: func Get borrowed r0",
		},
	},
	{
		name: "consumes a parameter or the receiver",
		src: bufSrc + `
type Iter struct{ h *Buf }

//refvet:consumes h
func (it *Iter) Init(n int, h *Buf) { it.h = h }

//refvet:consumes b
//refvet:consumes it
func (b *Buf) Into(it *Iter) {}

//refvet:owned
//refvet:consumes x
func Wrap(x Handle) Handle { return x }
`,
		want: []string{
			"13: func Init consumes h[1]",
			"16: func Into consumes b[-1]",
			"17: error: //refvet:consumes: parameter it of Into has type *Iter, not a counted type",
			"20: func Wrap owned r0",
			"21: func Wrap consumes x[0]",
		},
		untyped: []string{
			"13: func Init consumes h[1]",
			"16: func Into consumes b[-1]",
			"17: func Into consumes it[0]",
			"20: func Wrap owned r0",
			"21: func Wrap consumes x[0]",
		},
	},
	{
		name: "on interface methods, above and at the end of the line",
		src: bufSrc + `
type Source interface {
	//refvet:owned
	Next() (*Buf, error)
	Peek() *Buf //refvet:borrowed
	//refvet:consumes b
	Put(b *Buf)
}
`,
		want: []string{
			"12: method Next owned r0",
			"14: method Peek borrowed r0",
			"15: method Put consumes b[0]",
		},
	},
	{
		name: "borrowed on a field and on a function in one file",
		src: bufSrc + `
type MM struct{ users ref.Count }
type T struct {
	//refvet:borrowed the owner outlives it
	owner *MM
}

//refvet:borrowed
func (t *T) Buf() *Buf { return nil }
`,
		want: []string{
			"13: field owner borrowed",
			"17: func Buf borrowed r0",
		},
	},
	{
		name: "value and ref directives on one function",
		src: bufSrc + `
//refvet:acquires r
//refvet:owned
func Open(r *ref.Ref) (*Buf, error) { return nil, nil }
`,
		want: []string{
			"11: func Open acquires r[0]",
			"12: func Open owned r0",
		},
	},
	{
		name: "counted above, in a group, at the end of the line, local",
		src: bufSrc + `
//refvet:counted Close
type File struct{}

func (*File) Close() {}

type (
	//refvet:counted Unref|UnrefLocked/Ref
	Version struct{}
	Dup struct{} //refvet:counted
)

func (*Version) Unref()       {}
func (*Version) UnrefLocked() {}
func (*Version) Ref()         {}
func (*Dup) Free()            {}

func f() {
	//refvet:counted
	type local struct{ Buf }
	_ = local{}
}
`,
		want: []string{
			"11: type File counted Close",
			"17: type Version counted Unref|UnrefLocked/Ref",
			"19: type Dup counted",
			"28: type local counted",
		},
	},
}

var valueErrorCases = []parseCase{
	{
		name: "owned: no result, not counted, ambiguous, no such result, too many",
		src: bufSrc + `
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

//refvet:borrowed n
func NamedNotCounted() (n int, b *Buf) { return 0, nil }

//refvet:owned -1
func Negative() *Buf { return nil }
`,
		want: []string{
			"11: error: //refvet:owned: NoResult has no result",
			"14: error: //refvet:owned: NotCounted has no result of a counted type",
			"17: error: //refvet:owned: TwoCounted has 2 counted results; name one: //refvet:owned <result>",
			`20: error: //refvet:owned: "c" is not a result of NoSuch`,
			"23: error: //refvet:owned: OutOfRange has no result 2 (it has 2)",
			"26: error: //refvet:owned takes at most one argument, the result: //refvet:owned [result]",
			"29: error: //refvet:borrowed: result n of NamedNotCounted has type int, not a counted type",
			"32: error: //refvet:owned: Negative has no result -1 (it has 1)",
		},
		untyped: []string{
			"11: error: //refvet:owned: NoResult has no result",
			"14: func NotCounted owned r0",
			"17: func TwoCounted owned r0",
			`20: error: //refvet:owned: "c" is not a result of NoSuch`,
			"23: error: //refvet:owned: OutOfRange has no result 2 (it has 2)",
			"26: error: //refvet:owned takes at most one argument, the result: //refvet:owned [result]",
			"29: func NamedNotCounted borrowed r0",
			"32: error: //refvet:owned: Negative has no result -1 (it has 1)",
		},
	},
	{
		name: "owned and borrowed: conflicting and duplicate",
		src: bufSrc + `
//refvet:owned
//refvet:borrowed
func Both() *Buf { return nil }

//refvet:owned
//refvet:owned
func Twice() *Buf { return nil }
`,
		// The first of two conflicting or duplicate directives stands; the second is an error.
		want: []string{
			"11: func Both owned r0",
			"12: error: //refvet:borrowed: Both is already declared owned",
			"15: func Twice owned r0",
			"16: error: //refvet:owned: duplicate directive on Twice",
		},
	},
	{
		name: "consumes: none, missing, blank, not counted, twice",
		src: bufSrc + `
//refvet:consumes
func ConsumesNothing(b *Buf) {}

//refvet:consumes x
func ConsumesMissing(b *Buf) {}

//refvet:consumes n
func ConsumesInt(n int) {}

//refvet:consumes b
//refvet:consumes b
func ConsumesTwice(b *Buf) {}

//refvet:consumes _
func Blank(_ *Buf) {}

//refvet:consumes a b
func TwoNames(a, b *Buf) {}
`,
		want: []string{
			"11: error: //refvet:consumes needs exactly one parameter name: //refvet:consumes <param>",
			`14: error: //refvet:consumes: "x" is not a parameter of ConsumesMissing`,
			"17: error: //refvet:consumes: parameter n of ConsumesInt has type int, not a counted type",
			"20: func ConsumesTwice consumes b[0]",
			"21: error: //refvet:consumes b: duplicate directive on ConsumesTwice",
			`24: error: //refvet:consumes: "_" is not a parameter of Blank`,
			"27: error: //refvet:consumes needs exactly one parameter name: //refvet:consumes <param>",
		},
		untyped: []string{
			"11: error: //refvet:consumes needs exactly one parameter name: //refvet:consumes <param>",
			`14: error: //refvet:consumes: "x" is not a parameter of ConsumesMissing`,
			"17: func ConsumesInt consumes n[0]",
			"20: func ConsumesTwice consumes b[0]",
			"21: error: //refvet:consumes b: duplicate directive on ConsumesTwice",
			`24: error: //refvet:consumes: "_" is not a parameter of Blank`,
			"27: error: //refvet:consumes needs exactly one parameter name: //refvet:consumes <param>",
		},
	},
	{
		name: "counted: on a func, missing methods, spaces, bad names, twice",
		src: bufSrc + `
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

//refvet:counted Re-lease
type BadName struct{}

//refvet:counted Release/
type NoRetain struct{}

type (
	//refvet:counted
	A struct{}
	B struct{}
)
`,
		want: []string{
			"11: error: //refvet:counted must be in the doc comment of a type declaration, not on CountedFunc",
			"14: error: //refvet:counted: NoRelease has no release method",
			"17: error: //refvet:counted: Missing has no method Drop taking no arguments",
			"20: error: //refvet:counted takes at most one argument: //refvet:counted [Release[/Retain]]",
			"23: type Dup counted",
			"24: error: //refvet:counted: duplicate directive on Dup",
			`29: error: //refvet:counted: release method "Re-lease" is not a Go identifier (want //refvet:counted Release[/Retain], several releases joined by |)`,
			`32: error: //refvet:counted: retain method "" is not a Go identifier (want //refvet:counted Release[/Retain], several releases joined by |)`,
			"36: error: //refvet:counted: A has no release method",
		},
		untyped: []string{
			"11: error: //refvet:counted must be in the doc comment of a type declaration, not on CountedFunc",
			"14: type NoRelease counted",
			"17: type Missing counted Drop/Keep",
			"20: error: //refvet:counted takes at most one argument: //refvet:counted [Release[/Retain]]",
			"23: type Dup counted",
			"24: error: //refvet:counted: duplicate directive on Dup",
			`29: error: //refvet:counted: release method "Re-lease" is not a Go identifier (want //refvet:counted Release[/Retain], several releases joined by |)`,
			`32: error: //refvet:counted: retain method "" is not a Go identifier (want //refvet:counted Release[/Retain], several releases joined by |)`,
			"36: type A counted",
		},
	},
	{
		name: "value directives misplaced",
		src: bufSrc + `
type T struct {
	f *Buf //refvet:owned
	//refvet:consumes f
	g *Buf
	h *Buf //refvet:counted
}

//refvet:consumes b
var v int

//refvet:owned
type U struct{}

// Free-standing:
//refvet:counted

func F() {}
`,
		want: []string{
			"12: error: //refvet:owned must be in the doc comment of a function or an interface method",
			"13: error: //refvet:consumes must be in the doc comment of a function or an interface method",
			"15: error: //refvet:counted must be in the doc comment of a type declaration",
			"18: error: //refvet:consumes must be in the doc comment of a function or an interface method",
			"21: error: //refvet:owned must be in the doc comment of a function or an interface method",
			"25: error: //refvet:counted must be in the doc comment of a type declaration",
		},
	},
	{
		name: "unknown keyword near a value one",
		src: `//refvet:ownedx
func Unknown() {}
`,
		want: []string{"1: error: //refvet:ownedx is not a refvet directive; want one of acquires, releases, borrowed, ref, ignore, owned, consumes, counted"},
	},
}

func TestParseValuesNoDirectives(t *testing.T) {
	fset, file, info := parseSrc(t, header+bufSrc, true)
	f := ParseValues(fset, file, info, testValues)
	if f.ValueFuncs != nil || f.ValueMethods != nil || f.Types != nil || f.Errors != nil {
		t.Errorf("got %+v", f)
	}
}
