package valuemode

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"
)

// corpusPkgs are the history reproductions and the clean corpus of testdata/value.
var corpusPkgs = []string{
	"arrow_arrdata_recordat_not_released",
	"arrow_arrjson_slice_double_release",
	"arrow_cdata_imported_array_not_released",
	"arrow_concat_out_leak_on_error",
	"arrow_example_releases_borrowed_builder",
	"arrow_ipc_cat_releases_borrowed_record",
	"arrow_ipc_readschema_defer_in_loop",
	"arrow_pqarrow_chunks_to_single_mixed",
	"arrow_pqarrow_list_item_array_leak",
	"arrow_pqarrow_struct_child_leak_in_loop",
	"badger_defer_decrref_before_errcheck",
	"badger_defer_decrref_in_loop",
	"badger_opentable_ref_not_dropped",
	"badger_stream_releases_borrowed_allocator",
	"clean_arrow",
	"clean_badger",
	"clean_grpc_mem",
	"clean_pebble",
	"grpc_unary_request_not_freed",
	"pebble_index_handle_leak_on_error",
}

// describe spells an SSA value for test expectations.
func describe(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return v.Name()
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return "*" + describe(v.X)
		}
	case *ssa.FieldAddr:
		st := v.X.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Struct)
		return "&" + describe(v.X) + "." + st.Field(v.Field).Name()
	case *ssa.Field:
		return describe(v.X) + "." + v.X.Type().Underlying().(*types.Struct).Field(v.Field).Name()
	case *ssa.Call:
		return "call"
	case *ssa.Extract:
		return fmt.Sprintf("extract%d(%s)", v.Index, describe(v.Tuple))
	case *ssa.MakeInterface:
		return describe(v.X)
	case *ssa.Phi:
		return "phi"
	}
	return fmt.Sprintf("%T", v)
}

// classified runs Classify over every call of the packages' own functions (closures
// included) and returns "file:line Op value (Type)" lines, sorted by position.
func classified(t *testing.T, c *corpus, paths []string) []string {
	t.Helper()
	cats := map[string]*Catalog{}
	for _, p := range paths {
		pkg := c.pkgs[p]
		cat, err := New(pkg.Types, Options{})
		if err != nil {
			t.Fatal(err)
		}
		cat.ReadDirectives(pkg.Fset, pkg.Syntax, pkg.TypesInfo)
		cats[p] = cat
	}
	type line struct {
		pos  token.Position
		text string
	}
	var lines []line
	for _, fn := range sourceFuncs(c, paths) {
		cat := cats[fn.Pkg.Pkg.Path()]
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				ci, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				call, ok := cat.Classify(ci.Common())
				if !ok {
					continue
				}
				pos := c.prog.Fset.Position(instr.Pos())
				kind := ""
				switch instr.(type) {
				case *ssa.Defer:
					kind = "defer "
				case *ssa.Go:
					kind = "go "
				}
				text := fmt.Sprintf("%s:%d %s%s %s (%s)", shortFile(pos.Filename), pos.Line, kind, call.Op, describe(call.Value), types.TypeString(call.Counted.Type, pkgName))
				if len(call.Embedded) > 0 {
					var names []string
					for _, f := range call.Embedded {
						names = append(names, f.Name())
					}
					text += " via " + strings.Join(names, ".")
				}
				lines = append(lines, line{pos, text})
			}
		}
	}
	sort.Slice(lines, func(i, j int) bool {
		a, b := lines[i].pos, lines[j].pos
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return lines[i].text < lines[j].text
	})
	var out []string
	for _, l := range lines {
		out = append(out, l.text)
	}
	return out
}

// sourceFuncs lists the functions declared in the packages' syntax, each followed by its
// closures.
func sourceFuncs(c *corpus, paths []string) []*ssa.Function {
	var out []*ssa.Function
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		out = append(out, fn)
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	for _, p := range paths {
		pkg := c.pkgs[p]
		for _, f := range pkg.Syntax {
			for _, decl := range f.Decls {
				fd, ok := decl.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				if fn := c.prog.FuncValue(pkg.TypesInfo.Defs[fd.Name].(*types.Func)); fn != nil {
					add(fn)
				}
			}
		}
	}
	return out
}

func shortFile(name string) string {
	i := strings.LastIndex(name, "/src/")
	return name[i+len("/src/"):]
}

func TestClassifyShapes(t *testing.T) {
	got := classified(t, load(t), []string{"shapes"})
	want := []string{
		"shapes/shapes.go:65 Release o (*shapes.Outer) via Inner",
		"shapes/shapes.go:66 Retain o (*shapes.Outer) via Inner",
		"shapes/shapes.go:67 Release ov (*shapes.OuterVal) via Inner",
		"shapes/shapes.go:68 Release w (shapes.WithArray) via Array",
		"shapes/shapes.go:70 Release b (*memory.Buffer)",
		"shapes/shapes.go:71 Retain b (*memory.Buffer)",
		"shapes/shapes.go:72 defer Release a (arrow.Array)",
		"shapes/shapes.go:73 go Release b (*memory.Buffer)",
		"shapes/shapes.go:74 Release g (*shapes.Gen[int])",
		"shapes/shapes.go:75 Release s (*shapes.Shadow)",
		"shapes/shapes.go:76 Retain s (*shapes.Shadow) via Inner",
		"shapes/shapes.go:77 Release h (shapes.Handle)",
		"shapes/shapes.go:78 Release t (*table.Table)",
		"shapes/shapes.go:87 Retain x (T)",
		"shapes/shapes.go:88 defer Release x (T)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
