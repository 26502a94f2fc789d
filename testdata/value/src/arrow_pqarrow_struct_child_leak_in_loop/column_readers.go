// Package arrow_pqarrow_struct_child_leak_in_loop reproduces two leaks fixed in
// the Go Arrow module (now arrow-go), in the Parquet struct column reader:
// each child's BuildArray result (an owned chunked array) was taken in the loop
// over the children and never released, and the struct's null bitmap, allocated
// owned and handed to array.NewData (which retains its buffers), was never
// released either.
//
// Provenance: https://github.com/apache/arrow/pull/35973 (GH-35015, commit
// 07c85f27 in arrow-go's imported history, "[Go] Fix parquet memleak").
// Versions: Apache Arrow 12.0.x (and earlier) → 13.0.0; at the fix the Go module
// was github.com/apache/arrow/go/v13.
// Real code: parquet/pqarrow/column_readers.go, (*structReader).BuildArray: the
// child.BuildArray call in the loop (fix: `field.Release()` after
// chunksToSingle) and the memory.NewResizableBuffer call for the null bitmap
// (fix: `defer nullBitmap.Release()`).
// The null bitmap reaches NewData through an element of a local slice
// (`buffers[0] = nullBitmap`): the engine must follow local slices to see that
// it is not handed over. The fixed function gathers the children's owned data in
// a local slice released by a deferred helper (`defer
// releaseArrayData(childArrData)`), the real fix's shape. colReaderImpl's owned
// BuildArray result is declared with //refvet:owned; chunksToSingle is in its
// fixed shape (owned) in both functions (its own bug is
// arrow_pqarrow_chunks_to_single_mixed). Written for refvet from the shape of
// the real code, not copied.
package arrow_pqarrow_struct_child_leak_in_loop

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

type colReaderImpl interface {
	GetDefLevels() ([]int16, error)
	// BuildArray returns the column's values; the caller must release them.
	//
	//refvet:owned
	BuildArray(boundedLen int64) (*arrow.Chunked, error)
}

type structType struct{}

func (structType) Name() string { return "struct" }

type structReader struct {
	mem      memory.Allocator
	nullable bool
	children []colReaderImpl
}

func (sr *structReader) GetDefLevels() ([]int16, error) {
	if len(sr.children) == 0 {
		return nil, nil
	}
	return sr.children[0].GetDefLevels()
}

func defLevelsToBitmap(defLevels []int16, validBits []byte) (read, nullCount int64) {
	for i, d := range defLevels {
		if d == 0 {
			nullCount++
		} else if i/8 < len(validBits) {
			validBits[i/8] |= 1 << (i % 8)
		}
	}
	return int64(len(defLevels)), nullCount
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

func releaseArrayData(data []arrow.ArrayData) {
	for _, d := range data {
		if d != nil {
			d.Release()
		}
	}
}

// BuildArray is the shape before the fix.
func (sr *structReader) BuildArray(lenBound int64) (*arrow.Chunked, error) {
	read, nullCount := lenBound, int64(0)

	var nullBitmap *memory.Buffer
	if lenBound > 0 && sr.nullable {
		nullBitmap = memory.NewResizableBuffer(sr.mem) // want "leaks"
		nullBitmap.Resize(int(lenBound+7) / 8)
		defLevels, err := sr.GetDefLevels()
		if err != nil {
			return nil, err
		}
		read, nullCount = defLevelsToBitmap(defLevels, nullBitmap.Bytes())
	}

	if nullBitmap != nil {
		nullBitmap.Resize(int(read+7) / 8)
	}

	childArrData := make([]arrow.ArrayData, 0)
	// gather children arrays and def levels
	for _, child := range sr.children {
		field, err := child.BuildArray(lenBound) // want "leaks"
		if err != nil {
			return nil, err
		}
		arrdata, err := chunksToSingle(field)
		if err != nil {
			return nil, err
		}
		childArrData = append(childArrData, arrdata)
	}

	buffers := make([]*memory.Buffer, 1)
	if nullCount > 0 {
		buffers[0] = nullBitmap
	}

	data := array.NewData(structType{}, int(read), buffers, childArrData, int(nullCount), 0)
	defer data.Release()
	arr := array.MakeFromData(data)
	defer arr.Release()
	return arrow.NewChunked(structType{}, []arrow.Array{arr}), nil
}

// BuildArrayFixed is the shape after the fix.
func (sr *structReader) BuildArrayFixed(lenBound int64) (*arrow.Chunked, error) {
	read, nullCount := lenBound, int64(0)

	var nullBitmap *memory.Buffer
	if lenBound > 0 && sr.nullable {
		nullBitmap = memory.NewResizableBuffer(sr.mem)
		nullBitmap.Resize(int(lenBound+7) / 8)
		defer nullBitmap.Release()
		defLevels, err := sr.GetDefLevels()
		if err != nil {
			return nil, err
		}
		read, nullCount = defLevelsToBitmap(defLevels, nullBitmap.Bytes())
	}

	if nullBitmap != nil {
		nullBitmap.Resize(int(read+7) / 8)
	}

	childArrData := make([]arrow.ArrayData, len(sr.children))
	defer releaseArrayData(childArrData)
	// gather children arrays and def levels
	for i, child := range sr.children {
		field, err := child.BuildArray(lenBound)
		if err != nil {
			return nil, err
		}

		childArrData[i], err = chunksToSingle(field)
		field.Release() // release field before checking
		if err != nil {
			return nil, err
		}
	}

	buffers := make([]*memory.Buffer, 1)
	if nullCount > 0 {
		buffers[0] = nullBitmap
	}

	data := array.NewData(structType{}, int(read), buffers, childArrData, int(nullCount), 0)
	defer data.Release()
	arr := array.MakeFromData(data)
	defer arr.Release()
	return arrow.NewChunked(structType{}, []arrow.Array{arr}), nil
}
