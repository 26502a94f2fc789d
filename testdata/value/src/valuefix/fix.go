// Package valuefix holds value-mode leaks whose fix is unambiguous: refvet suggests
// `defer x.Release()` after the call, or after the error check that follows it.
package valuefix

import (
	"errors"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

func open(cols []arrow.Array) (arrow.RecordBatch, error) {
	if len(cols) == 0 {
		return nil, errors.New("no columns")
	}
	return array.NewRecordBatch(nil, cols, 1), nil
}

// rows never releases the batch: the release goes after the error check.
func rows(cols []arrow.Array) (int64, error) {
	rec, err := open(cols) // want "rec leaks"
	if err != nil {
		return 0, err
	}
	return rec.NumRows(), nil
}

// length never releases the builder: the release goes right after the call.
func length(mem memory.Allocator) int {
	b := array.NewInt64Builder(mem) // want "b leaks"
	b.Append(1)
	return b.Len()
}

// partial releases on one path only: no fix is offered, the release belongs on the other.
func partial(cols []arrow.Array, keep bool) int64 {
	rec, _ := open(cols) // want "rec leaks"
	if keep {
		return rec.NumRows()
	}
	rec.Release()
	return 0
}
