package directive

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

// FuzzParse parses arbitrary source and checks that Parse does not panic
// and that what it returns is consistent. The seed corpus in
// testdata/fuzz/FuzzParse covers every directive form and error.
//
//	go test -run='^$' -fuzz=FuzzParse -fuzztime=60s ./internal/directive
func FuzzParse(f *testing.F) {
	f.Add(header + matchSrc)
	f.Fuzz(func(t *testing.T, src string) {
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, "fuzz.go", src, parser.ParseComments|parser.SkipObjectResolution)
		if file == nil {
			return
		}
		var info *types.Info
		if err == nil {
			info = typeCheck(fset, file)
		}
		// A partial AST must not make Parse panic either: analysis
		// drivers may hand us files with syntax errors.
		f := ParseValues(fset, file, info, testValues)
		checkInvariants(t, fset, file, f)
		if err == nil {
			checkPlacement(t, fset, src, f)
		}
	})
}

// checkPlacement compares the placement of ignores with what the tokens of
// src say: an ignore is at the end of a line of code if a token starts or
// ends on its line before it. This checks Parse's AST-based shortcut.
func checkPlacement(t *testing.T, fset *token.FileSet, src string, f *File) {
	if len(f.Ignores) == 0 {
		return
	}
	tf := token.NewFileSet().AddFile("x.go", -1, len(src))
	var s scanner.Scanner
	s.Init(tf, []byte(src), nil, 0)
	first := make(map[int]int) // line -> earliest token start or end offset
	note := func(off int) {
		l := tf.Line(tf.Pos(off))
		if cur, ok := first[l]; !ok || off < cur {
			first[l] = off
		}
	}
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue // inserted, not written
		}
		off := tf.Offset(pos)
		note(off)
		note(off + tokenLen(src[off:], tok, lit))
	}
	ptf := fset.File(f.Ignores[0].Pos)
	for _, ig := range f.Ignores {
		off := ptf.Offset(ig.Pos)
		l := ptf.Line(ig.Pos)
		codeBefore := false
		if cur, ok := first[l]; ok && cur <= off {
			codeBefore = true
		}
		if codeBefore != (ig.Line == l) {
			t.Errorf("ignore at line %d covers line %d, but code before it on its line = %v", l, ig.Line, codeBefore)
		}
	}
}

// tokenLen is the length of the token at the start of src. Raw strings
// are measured in src because the scanner drops their carriage returns.
func tokenLen(src string, tok token.Token, lit string) int {
	switch {
	case tok == token.STRING && strings.HasPrefix(src, "`"):
		if i := strings.IndexByte(src[1:], '`'); i >= 0 {
			return i + 2
		}
	case lit != "":
		return len(lit)
	}
	return len(tok.String())
}

func checkInvariants(t *testing.T, fset *token.FileSet, file *ast.File, f *File) {
	tf := fset.File(file.Pos())
	if tf == nil {
		return
	}
	inFile := func(what string, pos token.Pos) {
		if !pos.IsValid() || int(pos) < tf.Base() || int(pos) > tf.Base()+tf.Size() {
			t.Errorf("%s: position %d outside the file [%d, %d]", what, pos, tf.Base(), tf.Base()+tf.Size())
		}
	}
	for i, e := range f.Errors {
		inFile("error "+e.Msg, e.Pos)
		if !strings.HasPrefix(e.Msg, "//refvet:") {
			t.Errorf("error message does not name the directive: %q", e.Msg)
		}
		if i > 0 && f.Errors[i-1].Pos > e.Pos {
			t.Errorf("errors out of order: %v", f.Errors)
		}
	}
	for _, ig := range f.Ignores {
		inFile("ignore", ig.Pos)
		if ig.Line < 1 || ig.Line > tf.LineCount()+1 {
			t.Errorf("ignore line %d outside [1, %d]", ig.Line, tf.LineCount()+1)
		}
		if !IsPass(ig.Pass) || ig.Reason == "" || ig.Reason != strings.TrimSpace(ig.Reason) {
			t.Errorf("bad ignore %+v", ig)
		}
	}
	checkFuncs(t, inFile, f)
	for _, fld := range f.Fields {
		inFile("field", fld.Pos)
		if fld.Borrowed == (fld.Ref != "") {
			t.Errorf("field directive is both or neither borrowed and ref: %+v", fld)
		}
	}
	checkIndex(t, fset, tf, f)
}

func checkFuncs(t *testing.T, inFile func(string, token.Pos), f *File) {
	check := func(fn *Func, ft *ast.FuncType) {
		n := ft.Params.NumFields()
		for _, p := range append(fn.Acquires[:len(fn.Acquires):len(fn.Acquires)], fn.Releases...) {
			inFile("param "+p.Name, p.Pos)
			if p.Index < 0 || p.Index >= n {
				t.Errorf("param %s index %d outside [0, %d)", p.Name, p.Index, n)
			}
		}
	}
	for decl, fn := range f.Funcs {
		check(fn, decl.Type)
	}
	for m, fn := range f.Methods {
		check(fn, m.Type.(*ast.FuncType))
	}
	checkValue := func(fn *ValueFunc, recv *ast.FieldList, ft *ast.FuncType) {
		if fn.Result == nil && len(fn.Consumes) == 0 {
			t.Errorf("empty value directives record")
		}
		if r := fn.Result; r != nil {
			inFile("result", r.Pos)
			if n := ft.Results.NumFields(); r.Index < 0 || r.Index >= n {
				t.Errorf("result index %d outside [0, %d)", r.Index, n)
			}
		}
		for _, p := range fn.Consumes {
			inFile("consumes "+p.Name, p.Pos)
			if n := ft.Params.NumFields(); p.Index < -1 || p.Index >= n || p.Index == -1 && recv.NumFields() == 0 {
				t.Errorf("consumes %s index %d outside [-1, %d)", p.Name, p.Index, n)
			}
		}
	}
	for decl, fn := range f.ValueFuncs {
		checkValue(fn, decl.Recv, decl.Type)
	}
	for m, fn := range f.ValueMethods {
		checkValue(fn, nil, m.Type.(*ast.FuncType))
	}
	for _, typ := range f.Types {
		inFile("counted", typ.Pos)
		for _, r := range append(typ.Releases[:len(typ.Releases):len(typ.Releases)], typ.Retain) {
			if r != "" && !token.IsIdentifier(r) {
				t.Errorf("counted method %q is not an identifier", r)
			}
		}
	}
}

// checkIndex checks that every ignore suppresses its own pass on its line.
func checkIndex(t *testing.T, fset *token.FileSet, tf *token.File, f *File) {
	x := NewIndex(fset, []*File{f})
	for _, ig := range f.Ignores {
		if ig.Line > tf.LineCount() {
			continue // an ignore on the last line, covering nothing
		}
		if !x.Match(ig.Pass, tf.LineStart(ig.Line)) {
			t.Errorf("ignore %+v does not match its line", ig)
		}
	}
}
