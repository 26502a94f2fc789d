// Package arrow is a stub written for refvet's value-mode tests, in the shape of // want package:"usesCounted declares github.com/apache/arrow-go/v18"
// github.com/apache/arrow-go/v18/arrow (v18.8.0). It is not the real module.
package arrow

// Array is a reference-counted array: Retain/Release.
type Array interface {
	Len() int
	Retain()
	Release()
}

// RecordBatch is a reference-counted batch of columns.
type RecordBatch interface {
	NumRows() int64
	// Column returns a borrowed column: the batch keeps owning it.
	Column(i int) Array // want Column:"values: r0 borrowed by preset"
	Columns() []Array   // want Columns:"values: r0 borrowed by preset"
	// NewSlice returns an owned slice of the batch.
	NewSlice(i, j int64) RecordBatch // want NewSlice:"values: r0 owned by preset"
	Retain()
	Release()
}

// Record is the deprecated name of RecordBatch.
type Record = RecordBatch

// Schema describes the columns of a batch.
type Schema struct{ Names []string }

// Field describes one column: its name and whether it may hold nulls.
type Field struct {
	Name     string
	Nullable bool
}
