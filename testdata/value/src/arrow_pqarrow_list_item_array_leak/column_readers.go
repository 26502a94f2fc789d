// Package arrow_pqarrow_list_item_array_leak reproduces a leak fixed in the Go
// Arrow module (now arrow-go): the Parquet list column reader built its items
// with the child reader's BuildArray, which returns an owned chunked array, took
// the single ArrayData out of it and never released the chunked array, on the
// error paths after the call and on success.
//
// Provenance: https://github.com/apache/arrow/pull/35973 (GH-35015, commit
// 07c85f27 in arrow-go's imported history, "[Go] Fix parquet memleak").
// Versions: Apache Arrow 12.0.x (and earlier) → 13.0.0; at the fix the Go module
// was github.com/apache/arrow/go/v13.
// Real code: parquet/pqarrow/column_readers.go, (*listReader).BuildArray, the
// lr.itemRdr.BuildArray call (the fix adds `defer arr.Release()`).
// colReaderImpl.BuildArray is an interface method: its owned result is declared
// with //refvet:owned, as a user of value mode would. Before the fix
// chunksToSingle returned the chunk's data borrowed on one path, and the
// `defer item.Release()` here released that borrowed data, in balance with the
// leaked chunked array; chunksToSingle's own bug is reproduced on its own in
// arrow_pqarrow_chunks_to_single_mixed, and both functions here call it in its
// fixed shape (owned), so that the one finding of this package is the leak.
// Levels, validity and offsets are reduced to what carries references.
// Written for refvet from the shape of the real code, not copied.
package arrow_pqarrow_list_item_array_leak

import (
	"errors"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

type colReaderImpl interface {
	GetDefLevels() ([]int16, error)
	GetRepLevels() ([]int16, error)
	// BuildArray returns the column's values; the caller must release them.
	//
	//refvet:owned
	BuildArray(boundedLen int64) (*arrow.Chunked, error)
}

type listType struct{}

func (listType) Name() string { return "list" }

type listReader struct {
	mem      memory.Allocator
	nullable bool
	itemRdr  colReaderImpl
}

func defRepLevelsToListInfo(def, rep []int16, offsets []byte) (read, nullCount int64, err error) {
	if len(def) != len(rep) {
		return 0, 0, errors.New("parquet: def and rep levels differ in length")
	}
	return int64(len(def)), 0, nil
}

// chunksToSingle in its fixed shape: owned.
func chunksToSingle(chunked *arrow.Chunked) (arrow.ArrayData, error) {
	switch len(chunked.Chunks()) {
	case 0:
		return array.NewData(chunked.DataType(), 0, []*memory.Buffer{nil, nil}, nil, 0, 0), nil
	case 1:
		data := chunked.Chunk(0).Data()
		data.Retain() // we pass control to the caller
		return data, nil
	default:
		return nil, arrow.ErrNotImplemented
	}
}

// BuildArray is the shape before the fix.
func (lr *listReader) BuildArray(lenBound int64) (*arrow.Chunked, error) {
	defLevels, err := lr.itemRdr.GetDefLevels()
	if err != nil {
		return nil, err
	}
	repLevels, err := lr.itemRdr.GetRepLevels()
	if err != nil {
		return nil, err
	}

	var validityBuffer *memory.Buffer
	if lr.nullable {
		validityBuffer = memory.NewResizableBuffer(lr.mem)
		validityBuffer.Resize(int(lenBound+7) / 8)
		defer validityBuffer.Release()
	}
	offsetsBuffer := memory.NewResizableBuffer(lr.mem)
	offsetsBuffer.Resize(4 * int(lenBound+1))
	defer offsetsBuffer.Release()

	read, nullCount, err := defRepLevelsToListInfo(defLevels, repLevels, offsetsBuffer.Bytes())
	if err != nil {
		return nil, err
	}

	arr, err := lr.itemRdr.BuildArray(read + nullCount) // want "leaks"
	if err != nil {
		return nil, err
	}

	offsetsBuffer.Resize(4 * int(read+1))
	item, err := chunksToSingle(arr)
	if err != nil {
		return nil, err
	}
	defer item.Release()

	buffers := []*memory.Buffer{nil, offsetsBuffer}
	if nullCount > 0 {
		buffers[0] = validityBuffer
	}
	data := array.NewData(listType{}, int(read), buffers, []arrow.ArrayData{item}, int(nullCount), 0)
	defer data.Release()
	out := array.MakeFromData(data)
	defer out.Release()
	return arrow.NewChunked(listType{}, []arrow.Array{out}), nil
}

// BuildArrayFixed is the shape after the fix: `defer arr.Release()` after the
// error check.
func (lr *listReader) BuildArrayFixed(lenBound int64) (*arrow.Chunked, error) {
	defLevels, err := lr.itemRdr.GetDefLevels()
	if err != nil {
		return nil, err
	}
	repLevels, err := lr.itemRdr.GetRepLevels()
	if err != nil {
		return nil, err
	}

	var validityBuffer *memory.Buffer
	if lr.nullable {
		validityBuffer = memory.NewResizableBuffer(lr.mem)
		validityBuffer.Resize(int(lenBound+7) / 8)
		defer validityBuffer.Release()
	}
	offsetsBuffer := memory.NewResizableBuffer(lr.mem)
	offsetsBuffer.Resize(4 * int(lenBound+1))
	defer offsetsBuffer.Release()

	read, nullCount, err := defRepLevelsToListInfo(defLevels, repLevels, offsetsBuffer.Bytes())
	if err != nil {
		return nil, err
	}

	arr, err := lr.itemRdr.BuildArray(read + nullCount)
	if err != nil {
		return nil, err
	}
	defer arr.Release()

	offsetsBuffer.Resize(4 * int(read+1))
	item, err := chunksToSingle(arr)
	if err != nil {
		return nil, err
	}
	defer item.Release()

	buffers := []*memory.Buffer{nil, offsetsBuffer}
	if nullCount > 0 {
		buffers[0] = validityBuffer
	}
	data := array.NewData(listType{}, int(read), buffers, []arrow.ArrayData{item}, int(nullCount), 0)
	defer data.Release()
	out := array.MakeFromData(data)
	defer out.Release()
	return arrow.NewChunked(listType{}, []arrow.Array{out}), nil
}
