// Package arrow_arrjson_slice_double_release reproduces a double release fixed
// in the Go Arrow module (now arrow-go): arrayFromJSON built a list's values by
// slicing the child array and handing each slice to buildArray, which releases
// its argument (`defer data.Release()`), then released the slice again. The
// fix came when the tests were first run with the `assert` build tag, whose
// "too many releases" assertion caught it.
//
// Provenance: https://github.com/apache/arrow/pull/11276 (ARROW-6946, commit
// 63e37d95 in arrow-go's imported history, "[Go] Run tests with assert build
// tag enabled to ensure safety").
// Versions: Apache Arrow 5.0.0 (and earlier) → 6.0.0; at the fix the Go module
// was github.com/apache/arrow/go/arrow (arrow-go v18.0.0 has the fixed code).
// Real code: arrow/internal/arrjson/arrjson.go, arrayFromJSON, the
// *arrow.ListType case, the `slice.Release()` after buildArray. The same bug was
// in the FixedSizeList, Struct and Map cases.
// Simplified: the list builder is left out; the slices' values go to an
// Int64Builder (the real code appends them to the list builder's
// ValueBuilder()). buildArray's consuming its parameter is inferred from its
// body. Written for refvet from the shape of the real code, not copied.
package arrow_arrjson_slice_double_release

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Array is the JSON form of an array in the integration files.
type Array struct {
	Data     []int64
	Offset   []int32
	Children []Array
}

// buildArray appends data's values to bldr and releases data.
func buildArray(bldr array.Builder, data arrow.Array) {
	defer data.Release()

	switch bldr := bldr.(type) {
	case *array.Int64Builder:
		data := data.(*array.Int64)
		for i := 0; i < data.Len(); i++ {
			bldr.Append(data.Value(i))
		}
	default:
		panic(fmt.Errorf("unknown builder %T", bldr))
	}
}

func leafFromJSON(mem memory.Allocator, arr Array) arrow.Array {
	bldr := array.NewInt64Builder(mem)
	defer bldr.Release()
	for _, v := range arr.Data {
		bldr.Append(v)
	}
	return bldr.NewArray()
}

// listFromJSON is the shape before the fix.
func listFromJSON(mem memory.Allocator, arr Array) arrow.Array {
	bldr := array.NewInt64Builder(mem)
	defer bldr.Release()
	elems := leafFromJSON(mem, arr.Children[0])
	defer elems.Release()
	for i := 0; i+1 < len(arr.Offset); i++ {
		beg := int64(arr.Offset[i])
		end := int64(arr.Offset[i+1])
		slice := array.NewSlice(elems, beg, end)
		buildArray(bldr, slice)
		slice.Release() // want "already released"
	}
	return bldr.NewArray()
}

// listFromJSONFixed is the shape after the fix: buildArray's release is the only one.
func listFromJSONFixed(mem memory.Allocator, arr Array) arrow.Array {
	bldr := array.NewInt64Builder(mem)
	defer bldr.Release()
	elems := leafFromJSON(mem, arr.Children[0])
	defer elems.Release()
	for i := 0; i+1 < len(arr.Offset); i++ {
		beg := int64(arr.Offset[i])
		end := int64(arr.Offset[i+1])
		buildArray(bldr, array.NewSlice(elems, beg, end))
	}
	return bldr.NewArray()
}
