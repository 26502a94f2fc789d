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
