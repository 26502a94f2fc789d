// Package array is a stub written for refvet's value-mode tests, in the shape of // want package:"usesCounted declares github.com/apache/arrow-go/v18"
// github.com/apache/arrow-go/v18/arrow/array (v18.8.0). It is not the real module.
package array

import (
	"errors"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Data is the reference-counted internal representation of an array.
type Data struct {
	refCount  atomic.Int64
	dtype     arrow.DataType
	length    int
	nulls     int
	buffers   []*memory.Buffer
	childData []arrow.ArrayData
}

// NewData returns owned data; it retains the buffers and the children (the
// caller keeps its own references).
func NewData(dtype arrow.DataType, length int, buffers []*memory.Buffer, childData []arrow.ArrayData, nulls, offset int) *Data {
	for _, b := range buffers {
		if b != nil {
			b.Retain()
		}
	}
	for _, c := range childData {
		if c != nil {
			c.Retain()
		}
	}
	d := &Data{dtype: dtype, length: length, nulls: nulls, buffers: buffers, childData: childData}
	d.refCount.Add(1)
	return d
}

func (d *Data) Len() int                    { return d.length }
func (d *Data) DataType() arrow.DataType    { return d.dtype }
func (d *Data) Buffers() []*memory.Buffer   { return d.buffers }
func (d *Data) Children() []arrow.ArrayData { return d.childData }
func (d *Data) Retain()                     { d.refCount.Add(1) }
func (d *Data) Release() {
	if d.refCount.Add(-1) == 0 {
		for _, b := range d.buffers {
			if b != nil {
				b.Release()
			}
		}
		for _, c := range d.childData {
			if c != nil {
				c.Release()
			}
		}
		d.buffers, d.childData = nil, nil
	}
}

// MakeFromData returns an owned array over data; it retains data (the caller
// keeps its own reference).
func MakeFromData(data arrow.ArrayData) arrow.Array {
	data.Retain()
	a := &Int64{arrData: data}
	a.refCount.Add(1)
	return a
}

// Int64 is a reference-counted array of int64.
type Int64 struct {
	refCount atomic.Int64
	data     *memory.Buffer
	arrData  arrow.ArrayData
	vals     []int64
}

func (a *Int64) Len() int { return len(a.vals) }
func (a *Int64) Data() arrow.ArrayData {
	if a.arrData == nil {
		a.arrData = NewData(nil, len(a.vals), []*memory.Buffer{nil, a.data}, nil, 0, 0)
	}
	return a.arrData
}
func (a *Int64) Value(i int) int64 { return a.vals[i] }
func (a *Int64) Retain()           { a.refCount.Add(1) }
func (a *Int64) Release() {
	if a.refCount.Add(-1) == 0 {
		if a.arrData != nil {
			a.arrData.Release()
		}
		if a.data != nil {
			a.data.Release()
		}
	}
}

// Builder is the interface of all builders; NewArray returns an owned array.
type Builder interface {
	Len() int
	NewArray() arrow.Array // want NewArray:"values: r0 owned by preset"
	Retain()
	Release()
}

// Int64Builder builds Int64 arrays.
type Int64Builder struct {
	refCount atomic.Int64
	mem      memory.Allocator
	vals     []int64
}

// NewInt64Builder returns an owned builder.
func NewInt64Builder(mem memory.Allocator) *Int64Builder {
	b := &Int64Builder{mem: mem}
	b.refCount.Add(1)
	return b
}

func (b *Int64Builder) Len() int              { return len(b.vals) }
func (b *Int64Builder) Append(v int64)        { b.vals = append(b.vals, v) }
func (b *Int64Builder) Retain()               { b.refCount.Add(1) }
func (b *Int64Builder) Release()              { b.refCount.Add(-1) }
func (b *Int64Builder) NewArray() arrow.Array { return b.NewInt64Array() }

// NewInt64Array returns an owned array and resets the builder.
func (b *Int64Builder) NewInt64Array() *Int64 {
	a := &Int64{data: memory.NewResizableBuffer(b.mem), vals: b.vals}
	a.refCount.Add(1)
	b.vals = nil
	return a
}

// NewSlice returns an owned zero-copy slice arr[i:j], of arr's concrete type
// where the stub knows it; the slice retains arr's data (the caller keeps its
// own reference).
func NewSlice(arr arrow.Array, i, j int64) arrow.Array { // want NewSlice:"values: r0 owned by preset"
	if a, ok := arr.(*Int64); ok {
		a.data.Retain()
		s := &Int64{data: a.data, vals: a.vals[i:j]}
		s.refCount.Add(1)
		return s
	}
	arr.Retain()
	s := &slice{parent: arr, n: int(j - i)}
	s.refCount.Add(1)
	return s
}

// slice is a view of part of a parent array.
type slice struct {
	refCount atomic.Int64
	parent   arrow.Array
	n        int
}

func (s *slice) Len() int              { return s.n }
func (s *slice) Data() arrow.ArrayData { return s.parent.Data() }
func (s *slice) Retain()               { s.refCount.Add(1) }
func (s *slice) Release() {
	if s.refCount.Add(-1) == 0 {
		s.parent.Release()
	}
}

type simpleRecord struct {
	refCount atomic.Int64
	cols     []arrow.Array
	rows     int64
}

// NewRecordBatch returns an owned batch; it retains each column (the caller
// keeps its own references to cols).
func NewRecordBatch(schema *arrow.Schema, cols []arrow.Array, nrows int64) arrow.RecordBatch { // want NewRecordBatch:"values: borrows cols by preset"
	rec := &simpleRecord{cols: cols, rows: nrows}
	rec.refCount.Add(1)
	for _, c := range cols {
		c.Retain()
	}
	return rec
}

func (r *simpleRecord) NumRows() int64           { return r.rows }
func (r *simpleRecord) Column(i int) arrow.Array { return r.cols[i] }
func (r *simpleRecord) Columns() []arrow.Array   { return r.cols }
func (r *simpleRecord) NewSlice(i, j int64) arrow.RecordBatch {
	return NewRecordBatch(nil, r.cols, j-i)
}
func (r *simpleRecord) Retain() { r.refCount.Add(1) }
func (r *simpleRecord) Release() {
	if r.refCount.Add(-1) == 0 {
		for _, c := range r.cols {
			c.Release()
		}
	}
}

// RecordEqual reports whether two batches hold the same rows.
func RecordEqual(left, right arrow.RecordBatch) bool {
	if left.NumRows() != right.NumRows() {
		return false
	}
	for i := range left.Columns() {
		if left.Column(i).Len() != right.Column(i).Len() {
			return false
		}
	}
	return true
}

// RecordReader iterates over record batches. RecordBatch (and the deprecated
// Record) return a borrowed batch, valid until the next call to Next.
type RecordReader interface {
	Retain()
	Release()
	Schema() *arrow.Schema
	Next() bool
	RecordBatch() arrow.RecordBatch // want RecordBatch:"values: r0 borrowed by preset"
	// Deprecated: use RecordBatch.
	Record() arrow.RecordBatch // want Record:"values: r0 borrowed by preset"
	Err() error
}

// ErrInvalid is returned for bad input.
var ErrInvalid = errors.New("invalid")

// baseListBuilder is the part of the list builders that owns the value builder.
type baseListBuilder struct {
	refCount atomic.Int64
	mem      memory.Allocator
	values   Builder
	offsets  []int32
	valid    []bool
}

// ListBuilder builds List arrays; its value builder belongs to it.
type ListBuilder struct {
	baseListBuilder
}

// NewListBuilder returns an owned list builder over a new Int64 value builder.
func NewListBuilder(mem memory.Allocator, etype arrow.DataType) *ListBuilder {
	b := &ListBuilder{baseListBuilder{mem: mem, values: NewInt64Builder(mem)}}
	b.refCount.Add(1)
	return b
}

// ValueBuilder returns the builder of the lists' values, borrowed: the list
// builder keeps owning it.
func (b *baseListBuilder) ValueBuilder() Builder { return b.values } // want ValueBuilder:"values: r0 borrowed by preset"

func (b *baseListBuilder) Len() int { return len(b.valid) }

// Append starts a new list (valid or not) at the current end of the values.
func (b *baseListBuilder) Append(v bool) {
	b.offsets = append(b.offsets, int32(b.values.Len()))
	b.valid = append(b.valid, v)
}

func (b *baseListBuilder) AppendNull() { b.Append(false) }

func (b *baseListBuilder) Retain() { b.refCount.Add(1) }
func (b *baseListBuilder) Release() {
	if b.refCount.Add(-1) == 0 {
		b.values.Release()
		b.values = nil
	}
}

// NewArray returns an owned List array and resets the builder.
func (b *ListBuilder) NewArray() arrow.Array { return b.NewListArray() }

// NewListArray returns an owned List array and resets the builder.
func (b *ListBuilder) NewListArray() *List {
	l := &List{values: b.values.NewArray(), offsets: append(b.offsets, int32(b.values.Len())), valid: b.valid}
	l.refCount.Add(1)
	b.offsets, b.valid = nil, nil
	return l
}

// List is a reference-counted array of lists; it owns its values array.
type List struct {
	refCount atomic.Int64
	values   arrow.Array
	offsets  []int32
	valid    []bool
}

func (a *List) Len() int              { return len(a.valid) }
func (a *List) IsValid(i int) bool    { return a.valid[i] }
func (a *List) Offsets() []int32      { return a.offsets }
func (a *List) Data() arrow.ArrayData { return a.values.Data() }

// ListValues returns the values of all the lists, borrowed: the list keeps owning them.
func (a *List) ListValues() arrow.Array { return a.values } // want ListValues:"values: r0 borrowed by preset"

func (a *List) NullN() int {
	n := 0
	for _, v := range a.valid {
		if !v {
			n++
		}
	}
	return n
}

func (a *List) Retain() { a.refCount.Add(1) }
func (a *List) Release() {
	if a.refCount.Add(-1) == 0 {
		a.values.Release()
	}
}
