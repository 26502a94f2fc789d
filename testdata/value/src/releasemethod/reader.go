// Package releasemethod holds counted types whose constructors store owned references in
// their fields: the release method must release them (structmember, at the field).
package releasemethod

import (
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Reader keeps the batch it built; its Release forgets it.
type Reader struct {
	refs atomic.Int64
	rec  arrow.RecordBatch // want "Reader.rec is never released: NewReader stores an owned reference in it"
	n    int
}

func NewReader(cols []arrow.Array) *Reader {
	r := &Reader{n: len(cols)}
	r.refs.Add(1)
	r.rec = array.NewRecordBatch(nil, cols, 1)
	return r
}

func (r *Reader) Retain() { r.refs.Add(1) }

func (r *Reader) Release() {
	if r.refs.Add(-1) == 0 {
		r.n = 0
	}
}

// Writer releases its builder through a helper: silent.
type Writer struct {
	refs atomic.Int64
	bldr *array.Int64Builder
}

func NewWriter(mem memory.Allocator) *Writer {
	w := &Writer{}
	w.refs.Add(1)
	w.bldr = array.NewInt64Builder(mem)
	return w
}

func (w *Writer) Retain() { w.refs.Add(1) }

func (w *Writer) Release() {
	if w.refs.Add(-1) == 0 {
		w.close()
	}
}

func (w *Writer) close() {
	if w.bldr != nil {
		w.bldr.Release()
		w.bldr = nil
	}
}
