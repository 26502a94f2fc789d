// Package arrow is a stub written for refvet's value-mode tests, in the shape of // want package:"usesCounted declares github.com/apache/arrow-go/v18"
// github.com/apache/arrow-go/v18/arrow (v18.8.0). It is not the real module.
package arrow

import (
	"errors"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// ErrNotImplemented is returned for what is not implemented yet.
var ErrNotImplemented = errors.New("not implemented")

// DataType describes the type of an array.
type DataType interface{ Name() string }

// Array is a reference-counted array: Retain/Release.
type Array interface {
	Len() int
	// Data returns the array's internal data, borrowed: the array keeps owning it.
	Data() ArrayData // want Data:"values: r0 borrowed by preset"
	Retain()
	Release()
}

// ArrayData is the reference-counted internal representation of an array.
type ArrayData interface {
	Len() int
	DataType() DataType
	// Buffers and Children are borrowed: the data keeps owning them.
	Buffers() []*memory.Buffer // want Buffers:"values: r0 borrowed by preset"
	Children() []ArrayData     // want Children:"values: r0 borrowed by preset"
	Retain()
	Release()
}

// Chunked is a reference-counted list of arrays of one type.
type Chunked struct {
	refCount atomic.Int64
	dtype    DataType
	chunks   []Array
	length   int
}

// NewChunked returns an owned chunked array; it retains each chunk (the caller
// keeps its own references).
func NewChunked(dtype DataType, chunks []Array) *Chunked {
	c := &Chunked{dtype: dtype, chunks: chunks}
	c.refCount.Add(1)
	for _, chk := range chunks {
		chk.Retain()
		c.length += chk.Len()
	}
	return c
}

func (a *Chunked) Len() int           { return a.length }
func (a *Chunked) DataType() DataType { return a.dtype }

// Chunks returns the chunks, borrowed.
func (a *Chunked) Chunks() []Array { return a.chunks }

// Chunk returns the i-th chunk, borrowed.
func (a *Chunked) Chunk(i int) Array { return a.chunks[i] }

func (a *Chunked) Retain() { a.refCount.Add(1) }
func (a *Chunked) Release() {
	if a.refCount.Add(-1) == 0 {
		for _, c := range a.chunks {
			c.Release()
		}
		a.chunks = nil
	}
}

// RecordBatch is a reference-counted batch of columns.
type RecordBatch interface {
	NumRows() int64
	// Column returns a borrowed column: the batch keeps owning it.
	Column(i int) Array // want Column:"values: r0 borrowed by preset"
	Columns() []Array   // want Columns:"values: r0 borrowed by preset"
	// NewSlice returns an owned slice of the batch.
	NewSlice(i, j int64) RecordBatch // want NewSlice:"values: r0 owned by preset"
	Retain()
	Release()
}

// Record is the deprecated name of RecordBatch.
type Record = RecordBatch

// Schema describes the columns of a batch.
type Schema struct{ Names []string }

// Field describes one column: its name and whether it may hold nulls.
type Field struct {
	Name     string
	Nullable bool
}
