// Package arrow_example_releases_borrowed_builder reproduces a release of a
// borrowed value fixed in the Go Arrow module (now arrow-go), in the package's
// documentation examples: Example_listArray got the list builder's value builder
// from ValueBuilder(), which the list builder keeps owning, and deferred a
// Release on it, so the list builder's own release later released it once too
// many. The same bug was in Example_fixedSizeListArray and Example_structArray
// (FieldBuilder, Field, ListValues) and in TestStructArrayStringer. The fix came
// when the tests were first run with the `assert` build tag, whose "too many
// releases" assertion caught it.
//
// Provenance: https://github.com/apache/arrow/pull/11276 (ARROW-6946, commit
// 63e37d95 in arrow-go's imported history, "[Go] Run tests with assert build
// tag enabled to ensure safety").
// Versions: Apache Arrow 5.0.0 (and earlier) → 6.0.0; at the fix the Go module
// was github.com/apache/arrow/go/arrow.
// Real code: arrow/example_test.go, Example_listArray, the `defer vb.Release()`
// after `vb := lb.ValueBuilder().(*array.Int64Builder)`. ValueBuilder's borrowed
// result comes from the arrow-go preset (entry added with this reproduction).
// Written for refvet from the shape of the real code, not copied.
package arrow_example_releases_borrowed_builder

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Example_listArray is the shape before the fix.
func Example_listArray() {
	pool := memory.DefaultAllocator

	lb := array.NewListBuilder(pool, nil)
	defer lb.Release()

	vb := lb.ValueBuilder().(*array.Int64Builder)
	defer vb.Release() // want "borrowed"

	lb.Append(true)
	vb.Append(0)
	vb.Append(1)
	vb.Append(2)

	lb.AppendNull()

	lb.Append(true)
	vb.Append(3)

	arr := lb.NewArray().(*array.List)
	defer arr.Release()

	fmt.Printf("NullN()   = %d\n", arr.NullN())
	fmt.Printf("Len()     = %d\n", arr.Len())
	fmt.Printf("Offsets() = %v\n", arr.Offsets())

	varr := arr.ListValues().(*array.Int64)
	for j := 0; j < varr.Len(); j++ {
		fmt.Printf("%v ", varr.Value(j))
	}
}

// Example_listArrayFixed is the shape after the fix: the list builder releases
// its value builder.
func Example_listArrayFixed() {
	pool := memory.DefaultAllocator

	lb := array.NewListBuilder(pool, nil)
	defer lb.Release()

	vb := lb.ValueBuilder().(*array.Int64Builder)

	lb.Append(true)
	vb.Append(0)
	vb.Append(1)
	vb.Append(2)

	lb.AppendNull()

	lb.Append(true)
	vb.Append(3)

	arr := lb.NewArray().(*array.List)
	defer arr.Release()

	fmt.Printf("NullN()   = %d\n", arr.NullN())
	fmt.Printf("Len()     = %d\n", arr.Len())
	fmt.Printf("Offsets() = %v\n", arr.Offsets())

	varr := arr.ListValues().(*array.Int64)
	for j := 0; j < varr.Len(); j++ {
		fmt.Printf("%v ", varr.Value(j))
	}
}
