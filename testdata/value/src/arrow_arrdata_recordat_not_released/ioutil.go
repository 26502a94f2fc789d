// Package arrow_arrdata_recordat_not_released reproduces a leak fixed in the Go
// Arrow module (now arrow-go): the test helper that reads an IPC file's batches
// concurrently got each one from FileReader.RecordAt, which transfers ownership
// to the caller, compared it and never released it. The leak showed once the
// reader's allocator (a checked allocator in the tests) was used for message
// bodies.
//
// Provenance: https://github.com/apache/arrow/pull/11712 (ARROW-14717, commit
// d7c506c4 in arrow-go's imported history, "[Go] Use the ipc.Reader allocator
// in messageReader").
// Versions: Apache Arrow 6.0.x (and earlier) → 7.0.0; at the fix the Go module
// was github.com/apache/arrow/go/v7.
// Real code: arrow/internal/arrdata/ioutil.go, CheckArrowConcurrentFile, the
// r.RecordAt(i) call in the checkRecord closure (run as a goroutine per batch).
// The bug lives in a function literal: the engine must analyse closures' bodies
// to see it. ipc.NewFileReader's options are reduced to a schema and an
// allocator. Written for refvet from the shape of the real code, not copied.
package arrow_arrdata_recordat_not_released

import (
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// CheckArrowConcurrentFile is the shape before the fix.
func CheckArrowConcurrentFile(t *testing.T, f io.ReadSeeker, mem memory.Allocator, schema *arrow.Schema, recs []arrow.RecordBatch) {
	t.Helper()

	r, err := ipc.NewFileReader(f, schema, mem)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()

	var g sync.WaitGroup
	errs := make(chan error, r.NumRecords())
	checkRecord := func(i int) {
		defer g.Done()
		rec, err := r.RecordAt(i) // want "leaks"
		if err != nil {
			errs <- fmt.Errorf("could not read record %d: %v", i, err)
			return
		}
		if !array.RecordEqual(rec, recs[i]) {
			errs <- fmt.Errorf("records[%d] differ", i)
		}
	}

	for i := 0; i < r.NumRecords(); i++ {
		g.Add(1)
		go checkRecord(i)
	}

	g.Wait()
	close(errs)

	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// CheckArrowConcurrentFileFixed is the shape after the fix: `defer rec.Release()`
// after the error check.
func CheckArrowConcurrentFileFixed(t *testing.T, f io.ReadSeeker, mem memory.Allocator, schema *arrow.Schema, recs []arrow.RecordBatch) {
	t.Helper()

	r, err := ipc.NewFileReader(f, schema, mem)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()

	var g sync.WaitGroup
	errs := make(chan error, r.NumRecords())
	checkRecord := func(i int) {
		defer g.Done()
		rec, err := r.RecordAt(i)
		if err != nil {
			errs <- fmt.Errorf("could not read record %d: %v", i, err)
			return
		}
		defer rec.Release()
		if !array.RecordEqual(rec, recs[i]) {
			errs <- fmt.Errorf("records[%d] differ", i)
		}
	}

	for i := 0; i < r.NumRecords(); i++ {
		g.Add(1)
		go checkRecord(i)
	}

	g.Wait()
	close(errs)

	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}
