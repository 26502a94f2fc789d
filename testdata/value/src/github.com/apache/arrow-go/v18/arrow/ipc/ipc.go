// Package ipc is a stub written for refvet's value-mode tests, in the shape of // want package:"usesCounted declares github.com/apache/arrow-go/v18"
// github.com/apache/arrow-go/v18/arrow/ipc (v18.6.0). It is not the real module.
package ipc

import (
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Message is a reference-counted IPC message: metadata and body buffers.
type Message struct {
	refCount atomic.Int64
	meta     *memory.Buffer
	body     *memory.Buffer
}

// NewMessage returns an owned message; it retains meta and body (the caller
// keeps its own references).
func NewMessage(meta, body *memory.Buffer) *Message { // want NewMessage:"values: r0 owned by preset"
	if meta == nil || body == nil {
		panic("arrow/ipc: nil buffers")
	}
	meta.Retain()
	body.Retain()
	m := &Message{meta: meta, body: body}
	m.refCount.Add(1)
	return m
}

// BodyLen returns the length of the body.
func (m *Message) BodyLen() int64 { return int64(len(m.body.Bytes())) }

// Retain takes a reference.
func (m *Message) Retain() { m.refCount.Add(1) }

// Release drops a reference; the last one releases the buffers.
func (m *Message) Release() {
	if m.refCount.Add(-1) == 0 {
		m.meta.Release()
		m.body.Release()
		m.meta, m.body = nil, nil
	}
}

// FileReader reads the record batches of an IPC file. It is not counted: the
// real one has Close, no Retain/Release.
type FileReader struct {
	schema *arrow.Schema
	recs   [][]int64
	mem    memory.Allocator
	cur    arrow.RecordBatch
}

// NewFileReader opens an IPC file.
func NewFileReader(r io.ReadSeeker, schema *arrow.Schema, mem memory.Allocator) (*FileReader, error) {
	if r == nil {
		return nil, errors.New("arrow/ipc: nil reader")
	}
	return &FileReader{schema: schema, mem: mem}, nil
}

// Close closes the reader and releases the current batch.
func (f *FileReader) Close() error {
	if f.cur != nil {
		f.cur.Release()
		f.cur = nil
	}
	return nil
}

// NumRecords returns the number of record batches in the file.
func (f *FileReader) NumRecords() int { return len(f.recs) }

// Record returns the i-th record batch, valid until the next call to Record:
// borrowed (users need to call Retain to keep it longer).
func (f *FileReader) Record(i int) (arrow.RecordBatch, error) { // want Record:"values: r0 borrowed by preset"
	if f.cur != nil {
		f.cur.Release()
		f.cur = nil
	}
	rec, err := f.RecordAt(i)
	if err != nil {
		return nil, err
	}
	f.cur = rec
	return rec, nil
}

// RecordAt reads the i-th record batch. Safe for concurrent use; ownership is
// transferred to the caller, who must Release it.
func (f *FileReader) RecordAt(i int) (arrow.RecordBatch, error) { // want RecordAt:"values: r0 owned if r1 == nil by preset"
	if i < 0 || i >= len(f.recs) {
		return nil, fmt.Errorf("arrow/ipc: record index %d out of bounds", i)
	}
	bldr := array.NewInt64Builder(f.mem)
	defer bldr.Release()
	for _, v := range f.recs[i] {
		bldr.Append(v)
	}
	col := bldr.NewArray()
	defer col.Release()
	return array.NewRecordBatch(f.schema, []arrow.Array{col}, int64(col.Len())), nil
}
