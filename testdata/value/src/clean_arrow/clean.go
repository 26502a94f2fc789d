// Package clean_arrow is correct arrow-go-style code that value mode must leave
// silent: borrowed accessors, owned builder results, defer after the error
// check, ownership handed to a field, a result, a channel, Retain before
// storing, release loops over owned columns. Written for refvet.
package clean_arrow

import (
	"errors"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// sumColumn reads a borrowed column: no Release.
func sumColumn(rec arrow.RecordBatch, i int) int64 {
	col := rec.Column(i).(*array.Int64)
	var s int64
	for j := 0; j < col.Len(); j++ {
		s += col.Value(j)
	}
	return s
}

// buildInts owns the builder and hands the array to its caller.
func buildInts(mem memory.Allocator, vals []int64) arrow.Array {
	b := array.NewInt64Builder(mem)
	defer b.Release()
	for _, v := range vals {
		b.Append(v)
	}
	return b.NewArray()
}

// buildRecord releases its own column references after NewRecordBatch retained
// them; the batch is returned owned.
func buildRecord(mem memory.Allocator, a, b []int64) (arrow.RecordBatch, error) {
	if len(a) != len(b) {
		return nil, errors.New("length mismatch")
	}
	colA := buildInts(mem, a)
	defer colA.Release()
	colB := buildInts(mem, b)
	defer colB.Release()
	return array.NewRecordBatch(&arrow.Schema{Names: []string{"a", "b"}}, []arrow.Array{colA, colB}, int64(len(a))), nil
}

// total uses an owned batch and releases it after the error check.
func total(mem memory.Allocator, a, b []int64) (int64, error) {
	rec, err := buildRecord(mem, a, b)
	if err != nil {
		return 0, err
	}
	defer rec.Release()
	return sumColumn(rec, 0) + sumColumn(rec, 1), nil
}

// collect reads borrowed batches from a reader and Retains the ones it keeps.
func collect(rdr array.RecordReader) ([]arrow.RecordBatch, error) {
	var out []arrow.RecordBatch
	for rdr.Next() {
		rec := rdr.RecordBatch()
		rec.Retain()
		out = append(out, rec)
	}
	if err := rdr.Err(); err != nil {
		for _, r := range out {
			r.Release()
		}
		return nil, err
	}
	return out, nil
}

// cache stores an owned batch in a field, releasing the old one first.
type cache struct{ last arrow.RecordBatch }

func (c *cache) put(rec arrow.RecordBatch) {
	rec.Retain()
	if c.last != nil {
		c.last.Release()
	}
	c.last = rec
}

func (c *cache) swap(rec arrow.RecordBatch) {
	old := c.last
	rec.Retain()
	c.last = rec
	if old != nil {
		old.Release()
	}
}

// Release releases the field the type owns.
func (c *cache) Release() {
	if c.last != nil {
		c.last.Release()
		c.last = nil
	}
}

// produce sends owned batches on a channel: the receiver owns them.
func produce(mem memory.Allocator, n int, ch chan<- arrow.RecordBatch) error {
	defer close(ch)
	for i := 0; i < n; i++ {
		rec, err := buildRecord(mem, []int64{int64(i)}, []int64{int64(-i)})
		if err != nil {
			return fmt.Errorf("batch %d: %w", i, err)
		}
		ch <- rec
	}
	return nil
}

// buildColumns releases the columns built so far on the error path.
func buildColumns(mem memory.Allocator, data [][]int64) ([]arrow.Array, error) {
	cols := make([]arrow.Array, 0, len(data))
	for i, d := range data {
		if len(d) == 0 {
			for _, c := range cols {
				c.Release()
			}
			return nil, fmt.Errorf("column %d is empty", i)
		}
		cols = append(cols, buildInts(mem, d))
	}
	return cols, nil
}

// slices takes an owned slice per iteration and releases it in the same one.
func slices(rec arrow.RecordBatch, step int64) int64 {
	var rows int64
	for i := int64(0); i+step <= rec.NumRows(); i += step {
		s := rec.NewSlice(i, i+step)
		rows += s.NumRows()
		s.Release()
	}
	return rows
}

// newOwner stores an owned array in the struct it returns.
type owner struct{ col arrow.Array }

func newOwner(mem memory.Allocator, vals []int64) *owner {
	return &owner{col: buildInts(mem, vals)}
}

func (o *owner) Release() { o.col.Release() }
