// Package arrow_ipc_cat_releases_borrowed_record reproduces a release of a
// borrowed value fixed in the Go Arrow module (now arrow-go): arrow-cat printed
// each batch of an IPC file got from FileReader.Record(i), which is valid until
// the next call to Record and stays owned by the reader, and released it; the
// reader released it again on the next Record and on Close. The fix came when
// the tests were first run with the `assert` build tag, whose "too many
// releases" assertion caught it.
//
// Provenance: https://github.com/apache/arrow/pull/11276 (ARROW-6946, commit
// 63e37d95 in arrow-go's imported history, "[Go] Run tests with assert build
// tag enabled to ensure safety"). The release was a `defer rec.Release()` in the
// loop until ARROW-9850 (https://github.com/apache/arrow/pull/8046) made it a
// plain release at the end of the iteration.
// Versions: Apache Arrow 5.0.0 (and earlier) → 6.0.0; at the fix the Go module
// was github.com/apache/arrow/go/arrow.
// Real code: arrow/ipc/cmd/arrow-cat/main.go, processFile, the `rec.Release()`
// at the end of the loop. FileReader.Record's borrowed result comes from the
// arrow-go preset. ipc.NewFileReader's options are reduced to a schema and an
// allocator. Written for refvet from the shape of the real code, not copied.
package arrow_ipc_cat_releases_borrowed_record

import (
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// processFile is the shape before the fix.
func processFile(w io.Writer, f io.ReadSeeker) error {
	r, err := ipc.NewFileReader(f, nil, memory.DefaultAllocator)
	if err != nil {
		return err
	}
	defer r.Close()

	for i := 0; i < r.NumRecords(); i++ {
		fmt.Fprintf(w, "record %d/%d...\n", i+1, r.NumRecords())
		rec, err := r.Record(i)
		if err != nil {
			return err
		}

		for i, col := range rec.Columns() {
			fmt.Fprintf(w, "  col[%d]: %v\n", i, col)
		}
		rec.Release() // want "borrowed"
	}
	return nil
}

// processFileFixed is the shape after the fix: the reader keeps the batch.
func processFileFixed(w io.Writer, f io.ReadSeeker) error {
	r, err := ipc.NewFileReader(f, nil, memory.DefaultAllocator)
	if err != nil {
		return err
	}
	defer r.Close()

	for i := 0; i < r.NumRecords(); i++ {
		fmt.Fprintf(w, "record %d/%d...\n", i+1, r.NumRecords())
		rec, err := r.Record(i)
		if err != nil {
			return err
		}

		for i, col := range rec.Columns() {
			fmt.Fprintf(w, "  col[%d]: %v\n", i, col)
		}
	}
	return nil
}
