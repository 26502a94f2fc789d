package valuemode

import (
	"fmt"
	"go/ast"
	"strings"
	"testing"
)

// familyCalls lists, from the syntax, every call x.M() with no arguments where M is a family
// method name: "file:line M".
func familyCalls(c *corpus, paths []string) map[string]bool {
	names := map[string]bool{}
	for _, f := range Families {
		names[f.Retain], names[f.Release] = true, true
	}
	out := map[string]bool{}
	for _, p := range paths {
		pkg := c.pkgs[p]
		for _, f := range pkg.Syntax {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) != 0 {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok || !names[sel.Sel.Name] {
					return true
				}
				pos := c.prog.Fset.Position(call.Pos())
				out[fmt.Sprintf("%s:%d %s", shortFile(pos.Filename), pos.Line, sel.Sel.Name)] = true
				return true
			})
		}
	}
	return out
}

// TestClassifyCorpus checks Classify on every call of the stubs, the history reproductions
// and the clean corpus: each no-argument call of a family method is classified (with the
// operation its name says), and nothing else is.
func TestClassifyCorpus(t *testing.T) {
	c := load(t)
	paths := append(append([]string(nil), stubs[:len(stubs)-1]...), corpusPkgs...)
	got := classified(t, c, paths)
	t.Logf("classified:\n%s", strings.Join(got, "\n"))
	calls := familyCalls(c, paths)
	seen := map[string]bool{}
	for _, g := range got {
		// "file:line [defer |go ]Op value (Type)"
		fields := strings.Fields(g)
		at, rest := fields[0], fields[1:]
		if rest[0] == "defer" || rest[0] == "go" {
			rest = rest[1:]
		}
		op := rest[0]
		matched := false
		for name := range calls {
			if !strings.HasPrefix(name, at+" ") {
				continue
			}
			m := strings.TrimPrefix(name, at+" ")
			isRelease := m == "Release" || m == "Free" || m == "DecrRef" || m == "Unref"
			if (op == "Release") == isRelease {
				matched = true
				seen[name] = true
			}
		}
		if !matched {
			t.Errorf("classified a call the source does not spell as a family method: %s", g)
		}
	}
	for name := range calls {
		if !seen[name] {
			t.Errorf("family call not classified: %s", name)
		}
	}
	want := strings.TrimSpace(corpusGolden)
	if strings.Join(got, "\n") != want {
		t.Errorf("classification changed:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

const corpusGolden = `
arrow_arrdata_recordat_not_released/ioutil.go:91 defer Release extract0(call) (arrow.RecordBatch)
arrow_arrjson_slice_double_release/arrjson.go:39 defer Release data (arrow.Array)
arrow_arrjson_slice_double_release/arrjson.go:54 defer Release call (*array.Int64Builder)
arrow_arrjson_slice_double_release/arrjson.go:64 defer Release call (*array.Int64Builder)
arrow_arrjson_slice_double_release/arrjson.go:66 defer Release call (arrow.Array)
arrow_arrjson_slice_double_release/arrjson.go:72 Release call (arrow.Array)
arrow_arrjson_slice_double_release/arrjson.go:80 defer Release call (*array.Int64Builder)
arrow_arrjson_slice_double_release/arrjson.go:82 defer Release call (arrow.Array)
arrow_cdata_imported_array_not_released/cdata.go:79 defer Release extract1(call) (arrow.Array)
arrow_concat_out_leak_on_error/concat.go:54 Release **ssa.IndexAddr (*memory.Buffer)
arrow_concat_out_leak_on_error/concat.go:58 Release **ssa.IndexAddr (*arrow_concat_out_leak_on_error.Data)
arrow_concat_out_leak_on_error/concat.go:143 Release *out (*arrow_concat_out_leak_on_error.Data)
arrow_example_releases_borrowed_builder/example.go:34 defer Release call (*array.ListBuilder) via baseListBuilder
arrow_example_releases_borrowed_builder/example.go:37 defer Release *ssa.TypeAssert (*array.Int64Builder)
arrow_example_releases_borrowed_builder/example.go:50 defer Release *ssa.TypeAssert (*array.List)
arrow_example_releases_borrowed_builder/example.go:68 defer Release call (*array.ListBuilder) via baseListBuilder
arrow_example_releases_borrowed_builder/example.go:83 defer Release *ssa.TypeAssert (*array.List)
arrow_ipc_cat_releases_borrowed_record/main.go:48 Release extract0(call) (arrow.RecordBatch)
arrow_ipc_readschema_defer_in_loop/file_reader.go:43 defer Release call (*memory.Buffer)
arrow_ipc_readschema_defer_in_loop/file_reader.go:50 defer Release call (*memory.Buffer)
arrow_ipc_readschema_defer_in_loop/file_reader.go:62 Retain v (arrow.Array)
arrow_ipc_readschema_defer_in_loop/file_reader.go:72 defer Release call (*array.Int64Builder)
arrow_ipc_readschema_defer_in_loop/file_reader.go:107 defer Release extract0(call) (*ipc.Message)
arrow_ipc_readschema_defer_in_loop/file_reader.go:114 Release extract1(call) (arrow.Array)
arrow_ipc_readschema_defer_in_loop/file_reader.go:137 Release extract0(call) (*ipc.Message)
arrow_ipc_readschema_defer_in_loop/file_reader.go:142 Release extract1(call) (arrow.Array)
arrow_pqarrow_chunks_to_single_mixed/helpers.go:47 Retain call (arrow.ArrayData)
arrow_pqarrow_list_item_array_leak/column_readers.go:65 Retain call (arrow.ArrayData)
arrow_pqarrow_list_item_array_leak/column_readers.go:87 defer Release call (*memory.Buffer)
arrow_pqarrow_list_item_array_leak/column_readers.go:91 defer Release call (*memory.Buffer)
arrow_pqarrow_list_item_array_leak/column_readers.go:108 defer Release extract0(call) (arrow.ArrayData)
arrow_pqarrow_list_item_array_leak/column_readers.go:115 defer Release call (*array.Data)
arrow_pqarrow_list_item_array_leak/column_readers.go:117 defer Release call (arrow.Array)
arrow_pqarrow_list_item_array_leak/column_readers.go:137 defer Release call (*memory.Buffer)
arrow_pqarrow_list_item_array_leak/column_readers.go:141 defer Release call (*memory.Buffer)
arrow_pqarrow_list_item_array_leak/column_readers.go:152 defer Release extract0(call) (*arrow.Chunked)
arrow_pqarrow_list_item_array_leak/column_readers.go:159 defer Release extract0(call) (arrow.ArrayData)
arrow_pqarrow_list_item_array_leak/column_readers.go:166 defer Release call (*array.Data)
arrow_pqarrow_list_item_array_leak/column_readers.go:168 defer Release call (arrow.Array)
arrow_pqarrow_struct_child_leak_in_loop/column_readers.go:76 Retain call (arrow.ArrayData)
arrow_pqarrow_struct_child_leak_in_loop/column_readers.go:86 Release **ssa.IndexAddr (arrow.ArrayData)
arrow_pqarrow_struct_child_leak_in_loop/column_readers.go:130 defer Release call (*array.Data)
arrow_pqarrow_struct_child_leak_in_loop/column_readers.go:132 defer Release call (arrow.Array)
arrow_pqarrow_struct_child_leak_in_loop/column_readers.go:144 defer Release call (*memory.Buffer)
arrow_pqarrow_struct_child_leak_in_loop/column_readers.go:166 Release extract0(call) (*arrow.Chunked)
arrow_pqarrow_struct_child_leak_in_loop/column_readers.go:178 defer Release call (*array.Data)
arrow_pqarrow_struct_child_leak_in_loop/column_readers.go:180 defer Release call (arrow.Array)
badger_defer_decrref_before_errcheck/flush.go:25 Retain t (*table.Table)
badger_defer_decrref_before_errcheck/flush.go:34 defer Release extract0(call) (*table.Table)
badger_defer_decrref_before_errcheck/flush.go:51 defer Release extract0(call) (*table.Table)
badger_defer_decrref_in_loop/flush.go:32 Retain t (*table.Table)
badger_defer_decrref_in_loop/flush.go:62 defer Release extract0(call) (*table.Table)
badger_defer_decrref_in_loop/flush.go:85 Release extract0(call) (*table.Table)
badger_opentable_ref_not_dropped/stream_writer.go:32 Retain t (*table.Table)
badger_opentable_ref_not_dropped/stream_writer.go:66 Release extract0(call) (*table.Table)
badger_stream_releases_borrowed_allocator/stream.go:50 Release call (*z.Allocator)
badger_stream_releases_borrowed_allocator/stream.go:63 defer Release call (*z.Allocator)
clean_arrow/clean.go:29 defer Release call (*array.Int64Builder)
clean_arrow/clean.go:43 defer Release call (arrow.Array)
clean_arrow/clean.go:45 defer Release call (arrow.Array)
clean_arrow/clean.go:55 defer Release extract0(call) (arrow.RecordBatch)
clean_arrow/clean.go:64 Retain call (arrow.RecordBatch)
clean_arrow/clean.go:69 Release **ssa.IndexAddr (arrow.RecordBatch)
clean_arrow/clean.go:80 Retain rec (arrow.RecordBatch)
clean_arrow/clean.go:82 Release *&c.last (arrow.RecordBatch)
clean_arrow/clean.go:89 Retain rec (arrow.RecordBatch)
clean_arrow/clean.go:92 Release *&c.last (arrow.RecordBatch)
clean_arrow/clean.go:99 Release *&c.last (arrow.RecordBatch)
clean_arrow/clean.go:123 Release **ssa.IndexAddr (arrow.Array)
clean_arrow/clean.go:138 Release call (arrow.RecordBatch)
clean_arrow/clean.go:150 Release *&o.col (arrow.Array)
clean_badger/clean.go:23 Retain t (*table.Table)
clean_badger/clean.go:34 Retain **ssa.IndexAddr (*table.Table)
clean_badger/clean.go:39 Release **ssa.IndexAddr (*table.Table)
clean_badger/clean.go:50 Release extract0(call) (*table.Table)
clean_badger/clean.go:70 Release **ssa.IndexAddr (*table.Table)
clean_grpc_mem/clean.go:40 Retain data (mem.BufferSlice)
clean_grpc_mem/clean.go:42 Release data (mem.BufferSlice)
clean_grpc_mem/clean.go:52 Release extract0(call) (mem.BufferSlice)
clean_grpc_mem/clean.go:56 Release extract0(call) (mem.BufferSlice)
clean_grpc_mem/clean.go:71 Release *d (mem.BufferSlice)
clean_grpc_mem/clean.go:90 defer Release extract0(call) (mem.BufferSlice)
clean_pebble/clean.go:30 defer Release extract0(call) (block.BufferHandle)
clean_pebble/clean.go:44 Release *&i.h (block.BufferHandle)
clean_pebble/clean.go:50 Release *&i.h (block.BufferHandle)
github.com/apache/arrow-go/v18/arrow/array/array.go:28 Retain **ssa.IndexAddr (*memory.Buffer)
github.com/apache/arrow-go/v18/arrow/array/array.go:33 Retain **ssa.IndexAddr (arrow.ArrayData)
github.com/apache/arrow-go/v18/arrow/array/array.go:50 Release **ssa.IndexAddr (*memory.Buffer)
github.com/apache/arrow-go/v18/arrow/array/array.go:55 Release **ssa.IndexAddr (arrow.ArrayData)
github.com/apache/arrow-go/v18/arrow/array/array.go:65 Retain data (arrow.ArrayData)
github.com/apache/arrow-go/v18/arrow/array/array.go:91 Release *&a.arrData (arrow.ArrayData)
github.com/apache/arrow-go/v18/arrow/array/array.go:94 Release *&a.data (*memory.Buffer)
github.com/apache/arrow-go/v18/arrow/array/array.go:140 Retain *&extract0(*ssa.TypeAssert).data (*memory.Buffer)
github.com/apache/arrow-go/v18/arrow/array/array.go:145 Retain arr (arrow.Array)
github.com/apache/arrow-go/v18/arrow/array/array.go:163 Release *&s.parent (arrow.Array)
github.com/apache/arrow-go/v18/arrow/array/array.go:179 Retain **ssa.IndexAddr (arrow.Array)
github.com/apache/arrow-go/v18/arrow/array/array.go:194 Release **ssa.IndexAddr (arrow.Array)
github.com/apache/arrow-go/v18/arrow/array/array.go:266 Release *&b.values (array.Builder)
github.com/apache/arrow-go/v18/arrow/array/array.go:311 Release *&a.values (arrow.Array)
github.com/apache/arrow-go/v18/arrow/arrow.go:52 Retain **ssa.IndexAddr (arrow.Array)
github.com/apache/arrow-go/v18/arrow/arrow.go:71 Release **ssa.IndexAddr (arrow.Array)
github.com/apache/arrow-go/v18/arrow/cdata/cdata.go:36 defer Release call (*array.Int64Builder)
github.com/apache/arrow-go/v18/arrow/ipc/ipc.go:29 Retain meta (*memory.Buffer)
github.com/apache/arrow-go/v18/arrow/ipc/ipc.go:30 Retain body (*memory.Buffer)
github.com/apache/arrow-go/v18/arrow/ipc/ipc.go:45 Release *&m.meta (*memory.Buffer)
github.com/apache/arrow-go/v18/arrow/ipc/ipc.go:46 Release *&m.body (*memory.Buffer)
github.com/apache/arrow-go/v18/arrow/ipc/ipc.go:71 Release *&f.cur (arrow.RecordBatch)
github.com/apache/arrow-go/v18/arrow/ipc/ipc.go:84 Release *&f.cur (arrow.RecordBatch)
github.com/apache/arrow-go/v18/arrow/ipc/ipc.go:102 defer Release call (*array.Int64Builder)
github.com/apache/arrow-go/v18/arrow/ipc/ipc.go:107 defer Release call (arrow.Array)
google.golang.org/grpc/mem/mem.go:61 Retain **ssa.IndexAddr (mem.Buffer)
google.golang.org/grpc/mem/mem.go:67 Release **ssa.IndexAddr (mem.Buffer)
grpc_unary_request_not_freed/unary.go:60 defer Release extract0(call) (mem.BufferSlice)
pebble_index_handle_leak_on_error/reader.go:140 defer Release extract0(call) (block.BufferHandle)
pebble_index_handle_leak_on_error/reader.go:154 defer Release extract0(call) (block.BufferHandle)
`
