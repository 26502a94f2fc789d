// Package arrow_concat_out_leak_on_error reproduces a leak fixed in the Go Arrow
// module (now arrow-go): concat allocates the output array.Data with one
// reference and fills in its buffers as it goes; every error return (`return
// nil, err`, an unsupported type) dropped it without a Release, so the buffers
// already concatenated into it were never given back to the allocator. (The same
// held for panics, which Concatenate recovered into errors; SPEC-VALUE leaves
// panics out.)
//
// Provenance: https://github.com/apache/arrow/pull/36854 (GH-36850, commit
// c5b08b3c in arrow-go's imported history, "[Go] Arrow Concatenate fix, ensure
// allocations are Free'd").
// Versions: Apache Arrow 12.0.x (and earlier) → 13.0.0; at the fix the Go module
// was github.com/apache/arrow/go/v13.
// Real code: arrow/array/concat.go, concat, the `out := &Data{refCount: 1, ...}`
// allocation. Data stands here for array.Data (a counted struct of the package
// itself), with the buffer and child handling reduced to a few cases.
// The fixed function releases out in a deferred closure that reads the named
// error result: the engine needs to follow that closure to stay silent on it.
// Written for refvet from the shape of the real code, not copied.
package arrow_concat_out_leak_on_error

import (
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

type Type int

const (
	INT64 Type = iota
	BINARY
	LIST
)

// Data is the counted internal representation of an array.
type Data struct {
	refCount  int64
	dtype     Type
	nulls     int
	length    int
	buffers   []*memory.Buffer
	childData []*Data
}

func (d *Data) Retain() { atomic.AddInt64(&d.refCount, 1) }

func (d *Data) Release() {
	if atomic.AddInt64(&d.refCount, -1) == 0 {
		for _, b := range d.buffers {
			if b != nil {
				b.Release()
			}
		}
		for _, c := range d.childData {
			c.Release()
		}
		d.buffers, d.childData = nil, nil
	}
}

func concatBitmaps(data []*Data, mem memory.Allocator) (*memory.Buffer, error) {
	if len(data) == 0 {
		return nil, errors.New("arrow/concat: no bitmaps")
	}
	out := memory.NewResizableBuffer(mem)
	out.Resize(len(data))
	return out, nil
}

func concatOffsets(data []*Data, mem memory.Allocator) (*memory.Buffer, error) {
	total := 0
	for _, d := range data {
		total += d.length
	}
	if total > 1<<31-1 {
		return nil, errors.New("arrow/concat: offset overflow")
	}
	out := memory.NewResizableBuffer(mem)
	out.Resize(4 * (total + 1))
	return out, nil
}

func concatBuffers(data []*Data, idx int, mem memory.Allocator) *memory.Buffer {
	out := memory.NewResizableBuffer(mem)
	n := 0
	for _, d := range data {
		n += len(d.buffers[idx].Bytes())
	}
	out.Resize(n)
	return out
}

// concat is the shape before the fix.
func concat(data []*Data, mem memory.Allocator) (*Data, error) {
	out := &Data{refCount: 1, dtype: data[0].dtype} // want "leaks"
	for _, d := range data {
		out.length += d.length
		out.nulls += d.nulls
	}

	out.buffers = make([]*memory.Buffer, len(data[0].buffers))
	if out.nulls != 0 {
		bm, err := concatBitmaps(data, mem)
		if err != nil {
			return nil, err
		}
		out.buffers[0] = bm
	}

	switch out.dtype {
	case INT64:
		out.buffers[1] = concatBuffers(data, 1, mem)
	case BINARY:
		offsetBuffer, err := concatOffsets(data, mem)
		if err != nil {
			return nil, err
		}
		out.buffers[1] = offsetBuffer
		out.buffers[2] = concatBuffers(data, 2, mem)
	default:
		return nil, fmt.Errorf("concatenate not implemented for type %d", out.dtype)
	}
	return out, nil
}

// concatFixed is the shape after the fix: a deferred function recovers a panic
// into an error and releases out whenever an error is returned.
func concatFixed(data []*Data, mem memory.Allocator) (arr *Data, err error) {
	out := &Data{refCount: 1, dtype: data[0].dtype}
	defer func() {
		if pErr := recover(); pErr != nil {
			switch e := pErr.(type) {
			case error:
				err = fmt.Errorf("arrow/concat: %w", e)
			default:
				err = fmt.Errorf("arrow/concat: %v", pErr)
			}
		}
		if err != nil {
			out.Release()
		}
	}()
	for _, d := range data {
		out.length += d.length
		out.nulls += d.nulls
	}

	out.buffers = make([]*memory.Buffer, len(data[0].buffers))
	if out.nulls != 0 {
		bm, err := concatBitmaps(data, mem)
		if err != nil {
			return nil, err
		}
		out.buffers[0] = bm
	}

	switch out.dtype {
	case INT64:
		out.buffers[1] = concatBuffers(data, 1, mem)
	case BINARY:
		offsetBuffer, err := concatOffsets(data, mem)
		if err != nil {
			return nil, err
		}
		out.buffers[1] = offsetBuffer
		out.buffers[2] = concatBuffers(data, 2, mem)
	default:
		return nil, fmt.Errorf("concatenate not implemented for type %d", out.dtype)
	}
	return out, nil
}
