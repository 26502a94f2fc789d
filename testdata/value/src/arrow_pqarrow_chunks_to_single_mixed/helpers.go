// Package arrow_pqarrow_chunks_to_single_mixed reproduces an ownership bug fixed
// in the Go Arrow module (now arrow-go): chunksToSingle, which turns a column
// reader's chunked result into one ArrayData, returned new data (owned) for an
// empty chunked array but the only chunk's Data() (borrowed) for a single
// chunk, so its callers could not know whether to release what they got; they
// released it, which only worked because they also leaked the chunked array
// (see arrow_pqarrow_list_item_array_leak). The fix retains the chunk's data,
// "we pass control to the caller".
//
// Provenance: https://github.com/apache/arrow/pull/35973 (GH-35015, commit
// 07c85f27 in arrow-go's imported history, "[Go] Fix parquet memleak").
// Versions: Apache Arrow 12.0.x (and earlier) → 13.0.0; at the fix the Go module
// was github.com/apache/arrow/go/v13.
// Real code: parquet/pqarrow/column_readers.go, chunksToSingle.
// SPEC-VALUE: "a function whose body returns a borrowed value on one path and an
// owned one on another" → ownerparam, at the function's name. It rests on
// inference from the bodies: array.NewData's result is owned (a fresh counted
// allocation it returns), arrow.Array.Data's borrowed (preset).
// Written for refvet from the shape of the real code, not copied.
package arrow_pqarrow_chunks_to_single_mixed

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// chunksToSingle is the shape before the fix.
func chunksToSingle(chunked *arrow.Chunked) (arrow.ArrayData, error) { // want "borrowed"
	switch len(chunked.Chunks()) {
	case 0:
		return array.NewData(chunked.DataType(), 0, []*memory.Buffer{nil, nil}, nil, 0, 0), nil
	case 1:
		return chunked.Chunk(0).Data(), nil
	default: // if an item reader yields a chunked array, this is not yet implemented
		return nil, arrow.ErrNotImplemented
	}
}

// chunksToSingleFixed is the shape after the fix: owned on both paths.
func chunksToSingleFixed(chunked *arrow.Chunked) (arrow.ArrayData, error) {
	switch len(chunked.Chunks()) {
	case 0:
		return array.NewData(chunked.DataType(), 0, []*memory.Buffer{nil, nil}, nil, 0, 0), nil
	case 1:
		data := chunked.Chunk(0).Data()
		data.Retain() // we pass control to the caller
		return data, nil
	default: // if an item reader yields a chunked array, this is not yet implemented
		return nil, arrow.ErrNotImplemented
	}
}
