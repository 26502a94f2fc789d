// Package mem is a stub written for refvet's value-mode tests, in the shape of // want package:"usesCounted declares google.golang.org/grpc"
// google.golang.org/grpc/mem (v1.85.0). It is not the real module.
package mem

import (
	"io"
	"sync/atomic"
)

// BufferPool hands out byte slices; Get/Put are not a reference-count family.
type BufferPool interface {
	Get(length int) *[]byte
	Put(*[]byte)
}

// Buffer is a reference-counted byte buffer: Ref/Free.
type Buffer interface {
	ReadOnlyData() []byte
	Ref()
	Free()
	Len() int
}

type buffer struct {
	data []byte
	refs atomic.Int32
	pool BufferPool
	orig *[]byte
}

// NewBuffer returns an owned Buffer (one reference) over data from pool.
func NewBuffer(data *[]byte, pool BufferPool) Buffer { // want NewBuffer:"values: r0 owned by preset"
	b := &buffer{data: *data, pool: pool, orig: data}
	b.refs.Store(1)
	return b
}

func (b *buffer) ReadOnlyData() []byte { return b.data }
func (b *buffer) Len() int             { return len(b.data) }
func (b *buffer) Ref()                 { b.refs.Add(1) }
func (b *buffer) Free() {
	if b.refs.Add(-1) == 0 {
		b.pool.Put(b.orig)
		b.data = nil
	}
}

// BufferSlice is a list of Buffers, counted as a whole: Ref/Free on each.
type BufferSlice []Buffer

func (s BufferSlice) Len() int {
	n := 0
	for _, b := range s {
		n += b.Len()
	}
	return n
}

func (s BufferSlice) Ref() {
	for _, b := range s {
		b.Ref()
	}
}

func (s BufferSlice) Free() {
	for _, b := range s {
		b.Free()
	}
}

// ReadAll reads r to EOF into pooled buffers. The result is owned by the caller
// even when err != nil (partially read buffers must be freed too): the grpc-go
// preset says so, as the real function's documentation does.
func ReadAll(r io.Reader, pool BufferPool) (BufferSlice, error) { // want ReadAll:"values: r0 owned by preset"
	var out BufferSlice
	for {
		buf := pool.Get(512)
		n, err := r.Read(*buf)
		*buf = (*buf)[:n]
		out = append(out, NewBuffer(buf, pool))
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
}
