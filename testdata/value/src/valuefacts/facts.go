// Package valuefacts holds the value-mode summaries the engine infers from bodies, as fact // want package:"usesValues"
// expectations: owned and borrowed results (with their conditions), consumed parameters,
// parameters that escape, and results that are owned on some paths only.
package valuefacts

import (
	"errors"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// build returns the array its builder made: owned (the preset says NewArray is).
func build(mem memory.Allocator, vals []int64) arrow.Array { // want build:"values: r0 owned by inference"
	b := array.NewInt64Builder(mem)
	defer b.Release()
	for _, v := range vals {
		b.Append(v)
	}
	return b.NewArray()
}

// buildChecked is owned when its error is nil.
func buildChecked(mem memory.Allocator, vals []int64) (arrow.Array, error) { // want buildChecked:"values: r0 owned if r1 == nil by inference"
	if len(vals) == 0 {
		return nil, errors.New("empty")
	}
	return build(mem, vals), nil
}

type holder struct{ arr arrow.Array }

// Array hands out the field: borrowed.
func (h *holder) Array() arrow.Array { return h.arr } // want Array:"values: r0 borrowed by inference"

// Retained retains the field before handing it out: owned.
func (h *holder) Retained() arrow.Array { // want Retained:"values: r0 owned by inference"
	h.arr.Retain()
	return h.arr
}

// Mixed hands out the field on one path and a new array on the other.
func (h *holder) Mixed(mem memory.Allocator) arrow.Array { // want Mixed:"values: r0 mixed by inference"
	if h.arr != nil {
		return h.arr
	}
	return build(mem, nil)
}

// Set stores the array without a Retain: SPEC-VALUE's "consumes", which callers do not count
// as a release (it may be a reference the array's owner keeps): they stop judging the value.
func (h *holder) Set(arr arrow.Array) { // want Set:"values: keeps arr by inference"
	if h.arr != nil {
		h.arr.Release()
	}
	h.arr = arr
}

// Keep stores its own reference: the caller keeps its own.
func (h *holder) Keep(arr arrow.Array) { // want Keep:"values: retains arr by inference"
	arr.Retain()
	h.arr = arr
}

// Take releases the array it is given, or keeps it: consumed either way.
func (h *holder) Take(arr arrow.Array, keep bool) { // want Take:"values: keeps arr by inference"
	if keep {
		h.arr = arr
		return
	}
	arr.Release()
}

// Moved hands out the field and clears it: the reference moves to the caller.
func (h *holder) Moved() arrow.Array { // want Moved:"values: r0 owned by inference"
	arr := h.arr
	h.arr = nil
	return arr
}

// Lazy sets the field on first use and hands it out: still the holder's, borrowed.
func (h *holder) Lazy(mem memory.Allocator) arrow.Array { // want Lazy:"values: r0 borrowed by inference"
	if h.arr == nil {
		h.arr = build(mem, nil)
	}
	return h.arr
}

// Drop releases the array it is given.
func Drop(arr arrow.Array) { arr.Release() } // want Drop:"values: consumes arr by inference"

// Hand passes the array to a function value the engine cannot follow.
func Hand(arr arrow.Array, f func(any)) { f(arr) } // want Hand:"values: lets escape arr by inference"

// First returns its parameter as it is: borrowed.
func First(arr arrow.Array) arrow.Array { return arr } // want First:"values: r0 borrowed by inference"
