// Package arrow_cdata_imported_array_not_released reproduces a leak fixed in
// arrow-go: a test of the C Data Interface imported an array with
// cdata.ImportCArray, which returns the array owned (it owns the imported C
// memory), read it and never released it. Go 1.25's leak sanitizer, run on the
// tests, found it with several C-side leaks.
//
// Provenance: https://github.com/apache/arrow-go/pull/603 (commit 64e07d94,
// "fix(arrow/cdata): fix leaks identified by leak-sanitizer", issue #597).
// Versions: buggy up to v18.4.1, fixed in v18.5.0.
// Real code: arrow/cdata/cdata_test.go, TestSimpleArrayAndSchema, the
// ImportCArray call (the fix adds `defer arr.Release()` after the asserts).
// The bug is in test code; testify's assert.NoError, which does not return, is
// spelled here as a helper that does not return either, so the error result is
// never tested on a branch (SPEC-VALUE: a condition the caller never tests counts
// as held). The real array is an Int32 array; the stub imports Int64.
// Written for refvet from the shape of the real code, not copied.
package arrow_cdata_imported_array_not_released

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/cdata"
)

func exportInt64TypeSchema() cdata.CArrowSchema {
	return cdata.CArrowSchema{Name: "ints", Format: "l"}
}

func exportInt64Array() *cdata.CArrowArray {
	return &cdata.CArrowArray{Length: 10, Values: []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}
}

// assertNoError reports err like testify's assert.NoError: it does not stop the test.
func assertNoError(t *testing.T, err error) bool {
	if err != nil {
		t.Errorf("unexpected error: %v", err)
		return false
	}
	return true
}

// assertEqual reports a mismatch like testify's assert.EqualValues.
func assertEqual(t *testing.T, want, got any) bool {
	if want != got {
		t.Errorf("want %v, got %v", want, got)
		return false
	}
	return true
}

// TestSimpleArrayAndSchema is the shape before the fix: arr is never released.
func TestSimpleArrayAndSchema(t *testing.T) {
	sc := exportInt64TypeSchema()
	testarr := exportInt64Array()

	fld, arr, err := cdata.ImportCArray(testarr, &sc) // want "leaks"
	assertNoError(t, err)
	assertEqual(t, "ints", fld.Name)
	assertEqual(t, 10, arr.Len())

	// and that the values are correct
	vals := arr.(*array.Int64)
	for i := 0; i < vals.Len(); i++ {
		assertEqual(t, int64(i+1), vals.Value(i))
	}
}

// TestSimpleArrayAndSchemaFixed is the shape after the fix: `defer arr.Release()`
// after the asserts on the import.
func TestSimpleArrayAndSchemaFixed(t *testing.T) {
	sc := exportInt64TypeSchema()
	testarr := exportInt64Array()

	fld, arr, err := cdata.ImportCArray(testarr, &sc)
	assertNoError(t, err)
	assertEqual(t, "ints", fld.Name)
	assertEqual(t, 10, arr.Len())
	defer arr.Release()

	// and that the values are correct
	vals := arr.(*array.Int64)
	for i := 0; i < vals.Len(); i++ {
		assertEqual(t, int64(i+1), vals.Value(i))
	}
}
