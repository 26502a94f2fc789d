package directive

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// owner is the declaration a directive comment group is attached to.
// At most one of fn, method, field and typ is set; none for a free-standing
// comment.
type owner struct {
	fn     *ast.FuncDecl   // the group is fn.Doc
	method *ast.Field      // the group is the Doc or Comment of an interface method
	field  *ast.Field      // the group is the Doc or Comment of a field of strct
	strct  *ast.StructType // the struct of field
	typ    *ast.TypeSpec   // the group is typ's Doc or Comment, or the Doc of its lone-spec type declaration
}

// reader holds what one Parse call learns about a file.
type reader struct {
	tf    *token.File
	info  *types.Info
	out   *File
	vals  Values
	local *types.Package // the package of the function a value directive stands on, for messages

	groups map[*ast.CommentGroup]bool  // groups holding a directive
	owners map[*ast.CommentGroup]owner // their attachment, if any

	// Ignore placement. spans are the lines where we need to know whether
	// there is code, sorted; code[l] is the earliest node boundary on line l.
	// Every token on a line is, or shares the line with, the start or end of
	// some AST node (a lone "}" ends a block, a lone ")" ends a call or a
	// parameter list, "default:" starts a clause), so the earliest boundary
	// tells whether code precedes a comment without reading the source.
	spans []span
	code  map[int]token.Pos
}

func newReader(tf *token.File, info *types.Info, out *File, dirs []dirComment) *reader {
	p := &reader{
		tf:     tf,
		info:   info,
		out:    out,
		groups: make(map[*ast.CommentGroup]bool),
		owners: make(map[*ast.CommentGroup]owner),
		code:   make(map[int]token.Pos),
	}
	var lines []int
	for _, d := range dirs {
		p.groups[d.group] = true
		lines = append(lines, p.line(d.comment.Pos()), p.line(d.group.End()))
	}
	slices.Sort(lines)
	for _, l := range slices.Compact(lines) {
		if l > 0 {
			p.spans = append(p.spans, p.lineSpan(l))
		}
	}
	return p
}

// span is the positions [start, end) of a line, so that the walk compares
// positions instead of asking the token.File for lines (which locks).
type span struct {
	line       int
	start, end token.Pos
}

func (p *reader) lineSpan(l int) span {
	end := token.Pos(p.tf.Base() + p.tf.Size() + 1)
	if l < p.tf.LineCount() {
		end = p.tf.LineStart(l + 1)
	}
	return span{l, p.tf.LineStart(l), end}
}

// spanAt returns the index of the first span ending after pos.
func (p *reader) spanAt(pos token.Pos) int {
	i, _ := slices.BinarySearchFunc(p.spans, pos, func(s span, pos token.Pos) int {
		if s.end <= pos {
			return -1
		}
		return 1
	})
	return i
}

// line returns the line of pos in the parsed file, or 0 if pos is not in it.
// token.File.Line would silently clamp a foreign position; we would rather
// see it as "no line".
func (p *reader) line(pos token.Pos) int {
	base := p.tf.Base()
	if int(pos) < base || int(pos) > base+p.tf.Size() {
		return 0
	}
	return p.tf.Line(pos)
}

// walk records the owners of directive groups and the code boundaries on
// the lines of interest. It descends only into nodes spanning such a line,
// so its cost is proportional to the directives, not to the file.
func (p *reader) walk(file *ast.File) {
	for _, d := range file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Doc != nil && p.groups[d.Doc] {
				p.owners[d.Doc] = owner{fn: d}
			}
		case *ast.GenDecl:
			p.typeOwners(d)
		}
	}
	ast.Inspect(file, p.visit)
}

func (p *reader) visit(n ast.Node) bool {
	switch n := n.(type) {
	case nil, *ast.Comment, *ast.CommentGroup:
		return false
	case *ast.DeclStmt:
		// A local type declaration's doc comment lies before the node: record it
		// before the walk prunes nodes that do not span a directive's line.
		if d, ok := n.Decl.(*ast.GenDecl); ok {
			p.typeOwners(d)
		}
	}
	if !p.spansLineOfInterest(n) {
		return false
	}
	p.boundary(n.Pos())
	p.boundary(n.End())
	switch n := n.(type) {
	case *ast.StructType:
		p.structOwners(n)
	case *ast.InterfaceType:
		p.methodOwners(n)
	}
	return true
}

func (p *reader) spansLineOfInterest(n ast.Node) bool {
	lo, hi := n.Pos(), n.End()
	if !lo.IsValid() || hi < lo {
		return true // odd positions (bad syntax): look inside rather than miss
	}
	i := p.spanAt(lo)
	return i < len(p.spans) && p.spans[i].start <= hi
}

// boundary records pos as a code position on its line.
func (p *reader) boundary(pos token.Pos) {
	if !pos.IsValid() {
		return
	}
	i := p.spanAt(pos)
	if i == len(p.spans) || pos < p.spans[i].start {
		return
	}
	l := p.spans[i].line
	if cur, ok := p.code[l]; !ok || pos < cur {
		p.code[l] = pos
	}
}

func (p *reader) structOwners(st *ast.StructType) {
	if st.Fields == nil {
		return
	}
	for _, f := range st.Fields.List {
		p.own(f.Doc, owner{field: f, strct: st})
		p.own(f.Comment, owner{field: f, strct: st})
	}
}

func (p *reader) methodOwners(it *ast.InterfaceType) {
	if it.Methods == nil {
		return
	}
	for _, f := range it.Methods.List {
		if _, ok := f.Type.(*ast.FuncType); !ok || len(f.Names) != 1 {
			continue // an embedded interface or a type union: not a method
		}
		p.own(f.Doc, owner{method: f})
		p.own(f.Comment, owner{method: f})
	}
}

// typeOwners records the type specs of a type declaration as owners: of their
// own doc and line comments, and of the declaration's doc comment when it
// declares a single type (the usual "//refvet:counted" above "type T ...").
func (p *reader) typeOwners(d *ast.GenDecl) {
	if d.Tok != token.TYPE {
		return
	}
	for _, s := range d.Specs {
		if ts, ok := s.(*ast.TypeSpec); ok {
			if len(d.Specs) == 1 {
				p.own(d.Doc, owner{typ: ts})
			}
			p.own(ts.Doc, owner{typ: ts})
			p.own(ts.Comment, owner{typ: ts})
		}
	}
}

func (p *reader) own(g *ast.CommentGroup, o owner) {
	if g != nil && p.groups[g] {
		p.owners[g] = o
	}
}

// target returns the line an ignore directive suppresses.
//
// At the end of a line of code it suppresses that line. Standing on its own
// line it suppresses the line after its comment block, so that ignores for
// several passes can be stacked, and an ignore among a function's doc
// comment lines (where gofmt moves directives) covers the func line.
func (p *reader) target(d dirComment) int {
	l := p.line(d.comment.Pos())
	if first, ok := p.code[l]; ok && first <= d.comment.Pos() {
		return l
	}
	end := p.line(d.group.End())
	if end == 0 {
		return l + 1
	}
	if _, ok := p.code[end]; ok {
		// "/* c */ x := f()": the block ends on a line whose code
		// follows its last comment.
		return end
	}
	return end + 1
}
