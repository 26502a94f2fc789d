package directive

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"unicode"
)

// prefix starts every directive. Like //go: directives, there is no space
// after the slashes: "// refvet:" is an ordinary comment.
const prefix = "//refvet:"

// refPkgPath is the import path of the runtime library whose Ref type
// acquires/releases parameters must point to.
const refPkgPath = "github.com/refvet/refvet/ref"

// passes are the pass names an ignore directive may name, in the order
// used by error messages.
var passes = []string{"pairing", "ownerparam", "structmember", "moveref"}

// IsPass reports whether name is the name of a refvet pass, i.e. a valid
// first argument of //refvet:ignore.
func IsPass(name string) bool {
	for _, p := range passes {
		if p == name {
			return true
		}
	}
	return false
}

// File is the set of directives of one Go file.
//
// The maps are nil when the file has no directive of their kind; reading a
// nil map is fine.
type File struct {
	Funcs   map[*ast.FuncDecl]*Func // acquires/releases in a FuncDecl's doc comment
	Methods map[*ast.Field]*Func    // the same on an interface method (an InterfaceType.Methods field)
	Fields  map[*ast.Field]*Field   // borrowed / ref on a struct field (Field.Doc or Field.Comment)
	Ignores []*Ignore               // well-formed ignore directives, in source order
	Errors  []Error                 // malformed or misplaced directives, in source order

	// Value mode (SPEC-VALUE.md). They are kept apart from Funcs and Methods so that a
	// function with only value-mode directives gets no declared ref summary.
	ValueFuncs   map[*ast.FuncDecl]*ValueFunc // owned / borrowed / consumes in a FuncDecl's doc comment
	ValueMethods map[*ast.Field]*ValueFunc    // the same on an interface method
	Types        map[*ast.TypeSpec]*Type      // counted on a type declaration
}

// Func is the summary declared by directives on a function or interface method.
type Func struct{ Acquires, Releases []Param }

// Param is one parameter named by //refvet:acquires or //refvet:releases.
type Param struct {
	Name string
	// Index is the parameter's index in the function's parameter list
	// (receiver excluded), counting every name of a grouped "a, b T".
	// Parse stores only parameters it found, so Index is never -1 in its
	// result; a directive naming no parameter is reported in File.Errors.
	Index int
	Pos   token.Pos // position of the directive comment
}

// Field is what directives say about one struct field.
type Field struct {
	Borrowed bool      // //refvet:borrowed: a tracked pointer that holds no reference
	Ref      string    // //refvet:ref NAME on a ref.Ref field: the tracked-pointer field it belongs to
	Pos      token.Pos // position of the field's first directive
}

// ValueFunc is what value-mode directives say about a function, method or interface method:
// //refvet:owned or //refvet:borrowed on its result, //refvet:consumes on its parameters.
type ValueFunc struct {
	Result   *Result      // nil without owned or borrowed
	Consumes []ValueParam // in directive order
}

// Result is //refvet:owned [RESULT] or //refvet:borrowed [RESULT] on a function.
type Result struct {
	Borrowed bool // false: owned
	// Index is the result's index. Without type information and without a RESULT argument
	// it is 0; with types, the one result of a counted type.
	Index int
	Pos   token.Pos // the directive comment
}

// ValueParam is one parameter named by //refvet:consumes.
type ValueParam struct {
	Name  string
	Index int       // among the parameters, receiver excluded; -1 is the receiver
	Pos   token.Pos // the directive comment
}

// Type is //refvet:counted [RELEASES[/RETAIN]] on a type declaration.
type Type struct {
	Releases []string  // the release methods named; empty: the family rule's
	Retain   string    // the retain method named; "" with Releases set: release-only
	Pos      token.Pos // the directive comment
}

// Values lets Parse check value-mode directives against the package's types (value mode's
// Catalog provides them). Each check is skipped when its function is nil, or when Parse has no
// type information.
type Values struct {
	// Counted reports whether t is a counted type: //refvet:owned and //refvet:borrowed need
	// a counted result (and without RESULT, exactly one), //refvet:consumes a counted
	// parameter.
	Counted func(t types.Type) bool
	// CheckCounted explains why "//refvet:counted RELEASES/RETAIN" cannot stand on obj (a
	// method is missing or takes arguments), or returns "". releases is empty for a bare
	// //refvet:counted.
	CheckCounted func(obj *types.TypeName, releases []string, retain string) string
}

// Ignore is one //refvet:ignore directive with a pass and a reason.
type Ignore struct {
	Pass   string    // one of pairing, ownerparam, structmember, moveref
	Reason string    // the rest of the line; never empty
	Pos    token.Pos // the directive comment
	Line   int       // the source line it suppresses
	Used   bool      // set by Index.Match
}

// Error is a malformed or misplaced directive.
type Error struct {
	Pos token.Pos // the directive comment
	Msg string
}

// Parse reads every //refvet: directive in file. info may be nil; when
// non-nil it is used to check that parameters named by acquires/releases
// have type *ref.Ref and that //refvet:ref stands on a ref.Ref field.
//
// Parse never panics. A file without directives costs one scan of its
// comments and no allocation beyond the result.
func Parse(fset *token.FileSet, file *ast.File, info *types.Info) *File {
	return ParseValues(fset, file, info, nil)
}

// ParseValues is Parse with value-mode directives checked against vals (nil: not checked):
// see Values.
func ParseValues(fset *token.FileSet, file *ast.File, info *types.Info, vals *Values) *File {
	out := new(File)
	if fset == nil || file == nil {
		return out
	}
	dirs := findDirectives(file)
	if len(dirs) == 0 {
		return out
	}
	tf := fileOf(fset, file)
	if tf == nil {
		return out // positions we cannot map to lines: nothing reliable to say
	}
	p := newReader(tf, info, out, dirs)
	if vals != nil {
		p.vals = *vals
	}
	p.walk(file)
	for _, d := range dirs {
		p.directive(d)
	}
	sortErrors(out.Errors)
	return out
}

// dirComment is a directive comment and the group it belongs to; the group
// decides what the directive is attached to.
type dirComment struct {
	group   *ast.CommentGroup
	comment *ast.Comment
}

// findDirectives returns the directive comments of file in source order.
// It looks only at the start of each comment's raw text: cheaper than
// CommentGroup.Text, which allocates and drops directive lines anyway.
func findDirectives(file *ast.File) []dirComment {
	var dirs []dirComment
	for _, g := range file.Comments {
		if g == nil {
			continue
		}
		for _, c := range g.List {
			if c != nil && strings.HasPrefix(c.Text, prefix) {
				dirs = append(dirs, dirComment{g, c})
			}
		}
	}
	return dirs
}

// fileOf returns the token.File of file, or nil.
func fileOf(fset *token.FileSet, file *ast.File) *token.File {
	for _, pos := range []token.Pos{file.FileStart, file.Package, file.Pos()} {
		if pos.IsValid() {
			if tf := fset.File(pos); tf != nil {
				return tf
			}
		}
	}
	return nil
}

// cutField splits s into its first whitespace-separated field and the
// rest, both trimmed.
func cutField(s string) (first, rest string) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}
