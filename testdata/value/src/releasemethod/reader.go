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

// Cursor owns its current batch: Release releases it.
type Cursor struct {
	refs atomic.Int64
	cur  arrow.RecordBatch
}

func (c *Cursor) Retain() { c.refs.Add(1) }

func (c *Cursor) Release() {
	if c.refs.Add(-1) == 0 && c.cur != nil {
		c.cur.Release()
	}
}

// Next replaces the current batch inside `if c.cur != nil` without releasing it.
func (c *Cursor) Next(cols []arrow.Array) {
	if c.cur != nil {
		c.cur = array.NewRecordBatch(nil, cols, 1) // want "this store overwrites c.cur, which still owns a reference"
		return
	}
	c.cur = array.NewRecordBatch(nil, cols, 1)
}

// NextFixed releases the old batch first.
func (c *Cursor) NextFixed(cols []arrow.Array) {
	if c.cur != nil {
		c.cur.Release()
	}
	c.cur = array.NewRecordBatch(nil, cols, 1)
}

// Swap keeps the old batch and hands it back: silent (old := c.cur; c.cur = x).
func (c *Cursor) Swap(rec arrow.RecordBatch) arrow.RecordBatch {
	old := c.cur
	c.cur = rec
	return old
}

// Twice stores twice: the first batch is lost.
func (c *Cursor) Twice(cols []arrow.Array) {
	c.cur = array.NewRecordBatch(nil, cols, 1)
	if len(cols) > 1 {
		c.cur = array.NewRecordBatch(nil, cols[1:], 1) // want "this store overwrites c.cur"
	}
}

// Link keeps a batch it does not own in a field its type never releases: no finding.
type Link struct {
	refs atomic.Int64
	peer arrow.RecordBatch
}

func (l *Link) Retain()  { l.refs.Add(1) }
func (l *Link) Release() { l.refs.Add(-1) }

func (l *Link) Point(rec arrow.RecordBatch) {
	if l.peer != nil {
		l.peer = rec
	}
}
