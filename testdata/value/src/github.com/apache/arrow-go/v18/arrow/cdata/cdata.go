// Package cdata is a stub written for refvet's value-mode tests, in the shape of // want package:"usesCounted github.com/apache/arrow-go/v18"
// github.com/apache/arrow-go/v18/arrow/cdata (v18.6.0), without cgo: the C Data
// Interface structs are plain Go structs here. It is not the real module.
package cdata

import (
	"errors"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// CArrowArray stands for the C struct ArrowArray.
type CArrowArray struct {
	Length int64
	Values []int64
}

// CArrowSchema stands for the C struct ArrowSchema.
type CArrowSchema struct {
	Name   string
	Format string
}

// ImportCArray imports a C ArrowArray and ArrowSchema. The returned array owns
// the imported memory: the caller must Release it.
func ImportCArray(arr *CArrowArray, schema *CArrowSchema) (arrow.Field, arrow.Array, error) { // want ImportCArray:"values: r1 owned if r2 == nil by preset"
	if arr == nil || schema == nil {
		return arrow.Field{}, nil, errors.New("arrow/cdata: nil ArrowArray or ArrowSchema")
	}
	if schema.Format != "l" {
		return arrow.Field{}, nil, errors.New("arrow/cdata: unsupported format " + schema.Format)
	}
	bldr := array.NewInt64Builder(memory.DefaultAllocator)
	defer bldr.Release()
	for _, v := range arr.Values {
		bldr.Append(v)
	}
	return arrow.Field{Name: schema.Name, Nullable: true}, bldr.NewArray(), nil
}
