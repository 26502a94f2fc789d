// Package realshapes holds the shapes of correct code that value mode once reported on
// arrow-go v18.8.0 (docs/value-realcode.md), each written for refvet in the shape of the real
// code, beside the buggy variant that must still be reported. Every false positive found on
// real code becomes a case here.
package realshapes

import (
	"errors"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// newData defers one release per loop iteration, and keeps each array's data past the loop
// until NewData takes its own reference: the deferred releases are what keep the data alive
// until then (arrow/array/struct.go, (*StructBuilder).newData).
func newData(fields []array.Builder) arrow.ArrayData {
	out := make([]arrow.ArrayData, len(fields))
	for i, f := range fields {
		arr := f.NewArray()
		defer arr.Release()
		out[i] = arr.Data()
	}
	return array.NewData(nil, len(out), nil, out, 0, 0)
}

// appendData keeps each array's data past the loop with append: the deferred releases keep
// it alive until the return, as in newData.
func appendData(fields []array.Builder) arrow.ArrayData {
	var out []arrow.ArrayData
	for _, f := range fields {
		arr := f.NewArray()
		defer arr.Release()
		out = append(out, arr.Data())
	}
	return array.NewData(nil, len(out), nil, out, 0, 0)
}

// sumLens defers a release per iteration of a loop that uses each array in the iteration only:
// they all pile up until the return (arrow's readSchema before ARROW-9850; gocritic's
// deferInLoop).
func sumLens(fields []array.Builder) int {
	n := 0
	for _, f := range fields {
		arr := f.NewArray() // want "leaks: .* its release is deferred, so it runs only when the function returns"
		defer arr.Release()
		n += arr.Len()
	}
	return n
}

// sumLensFixed releases each array in its iteration.
func sumLensFixed(fields []array.Builder) int {
	n := 0
	for _, f := range fields {
		arr := f.NewArray()
		n += arr.Len()
		arr.Release()
	}
	return n
}

// drain defers a release per value received: the loop lives as long as the channel, so the
// releases pile up and never run (badger's flusher, SA9001's shape).
func drain(ch chan array.Builder, sink func(arrow.ArrayData)) {
	for b := range ch {
		arr := b.NewArray() // want "leaks: the reference taken here is still held when the loop comes back"
		defer arr.Release()
		sink(arr.Data())
	}
}

// maybeBitmap assigns the buffer on one branch only: the variable is nil on the other, which
// holds nothing, and the leak on the error return is the buffer's.
func maybeBitmap(mem memory.Allocator, nullable bool, fail func() error) (*memory.Buffer, error) {
	var bitmap *memory.Buffer
	if nullable {
		bitmap = memory.NewResizableBuffer(mem) // want "bitmap leaks"
		if err := fail(); err != nil {
			return nil, err
		}
	}
	return bitmap, nil
}

func maybeBitmapFixed(mem memory.Allocator, nullable bool, fail func() error) (*memory.Buffer, error) {
	var bitmap *memory.Buffer
	if nullable {
		bitmap = memory.NewResizableBuffer(mem)
		if err := fail(); err != nil {
			bitmap.Release()
			return nil, err
		}
	}
	return bitmap, nil
}

type stmt struct{ binding arrow.RecordBatch }

// SetParameters keeps its own reference, retained through the field it stored the value in
// (arrow/flight/flightsql/client.go): the caller keeps its own.
func (p *stmt) SetParameters(binding arrow.RecordBatch) {
	if p.binding != nil {
		p.binding.Release()
	}
	p.binding = binding
	if p.binding != nil {
		p.binding.Retain()
	}
}

func bind(p *stmt, cols []arrow.Array) {
	rec := array.NewRecordBatch(nil, cols, 1)
	defer rec.Release()
	p.SetParameters(rec)
}

// setOwned stores without a Retain: it takes the caller's reference over (SPEC-VALUE's
// "consumes"), so releasing it after the call is a double release.
func (p *stmt) setOwned(binding arrow.RecordBatch) {
	if p.binding != nil {
		p.binding.Release()
	}
	p.binding = binding
}

func bindThenRelease(p *stmt, cols []arrow.Array) {
	rec := array.NewRecordBatch(nil, cols, 1)
	p.setOwned(rec)
	rec.Release() // want "releases rec again: its reference was already released \\(handed to setOwned, which consumes it\\)"
}

func bindOnly(p *stmt, cols []arrow.Array) {
	rec := array.NewRecordBatch(nil, cols, 1)
	p.setOwned(rec)
}

// maybeWrap wraps the buffer only when it was made: on the nil edge it holds nothing
// (arrow's run-end encoding kernels).
type span struct{ owner *memory.Buffer }

func (s *span) wrap(b *memory.Buffer) { s.owner = b }

func maybeWrap(s *span, mem memory.Allocator, nullable bool) {
	var validity *memory.Buffer
	if nullable {
		validity = memory.NewResizableBuffer(mem)
	}
	if validity != nil {
		s.wrap(validity)
	}
}

// drop releases what it is given: the caller's reference is gone after the call.
func drop(rec arrow.RecordBatch) { rec.Release() }

func dropTwice(cols []arrow.Array) {
	rec := array.NewRecordBatch(nil, cols, 1)
	drop(rec)
	rec.Release() // want "releases rec again: its reference was already released \\(handed to drop, which consumes it\\)"
}

// finish moves the buffer out of its field: the caller owns it (parquet's BufferWriter.Finish).
type writer struct{ buf *memory.Buffer }

func (w *writer) finish() *memory.Buffer {
	buf := w.buf
	w.buf = nil
	return buf
}

func flush(w *writer) int {
	buf := w.finish()
	defer buf.Release()
	return len(buf.Bytes())
}

// take retains the data of an owned array through a second call of the accessor
// (arrow/compute/internal/kernels/vector_selection.go, getTakeIndices).
func take(b *array.Int64Builder) arrow.ArrayData {
	result := b.NewArray()
	defer result.Release()
	result.Data().Retain()
	return result.Data()
}

func useTake(b *array.Int64Builder) int {
	d := take(b)
	defer d.Release()
	return d.Len()
}

// openReader follows the error convention; the caller tests the result for nil, not the error
// (arrow/array/record_test.go).
func openReader(cols []arrow.Array, fail bool) (arrow.RecordBatch, error) {
	if fail {
		return nil, errors.New("bad schema")
	}
	return array.NewRecordBatch(nil, cols, 1), nil
}

func probe(cols []arrow.Array) error {
	rec, err := openReader(cols, false)
	if rec != nil {
		rec.Release()
	}
	return err
}

// mustOpen hands the error to a function that stops the test when it is not nil
// (require.NoError): the engine counts the reader as held, and does not judge the deferred
// release as if the failure continued.
func mustOpen(noError func(error), cols []arrow.Array) int64 {
	rec, err := openReader(cols, false)
	noError(err)
	defer rec.Release()
	return rec.NumRows()
}

func mustOpenLeak(noError func(error), cols []arrow.Array) int64 {
	rec, err := openReader(cols, false) // want "rec leaks"
	noError(err)
	return rec.NumRows()
}

// wrapBytes wraps Go memory: the preset says NewBufferBytes is not followed.
func wrapBytes(b []byte) *memory.Buffer { return memory.NewBufferBytes(b) }

func keep(bufs []*memory.Buffer) arrow.ArrayData {
	return array.NewData(nil, 1, append(bufs, memory.NewBufferBytes(nil)), nil, 0, 0)
}

// truncated returns its nil parameter as it is, and a retained or new buffer otherwise: owned
// on every path that returns a buffer (arrow/ipc/writer.go, getTruncatedBuffer).
func truncated(buf *memory.Buffer, n int) *memory.Buffer {
	if buf == nil {
		return buf
	}
	if n < len(buf.Bytes()) {
		return memory.NewResizableBuffer(nil)
	}
	buf.Retain()
	return buf
}

func useTruncated(buf *memory.Buffer) int {
	t := truncated(buf, 3)
	defer t.Release()
	return len(t.Bytes())
}

// dataOf retains what an accessor returns and returns it through a second call of the same
// accessor (arrow/compute/datum.go): owned.
func dataOf(arr arrow.Array) arrow.ArrayData {
	arr.Data().Retain()
	return arr.Data()
}

func useData(arr arrow.Array) int {
	d := dataOf(arr)
	defer d.Release()
	return d.Len()
}

// describe hands the value to fmt, which keeps nothing; the panic path is no return.
func describe(arr arrow.Array) string {
	if a, ok := arr.(interface{ Len() int }); ok {
		return fmt.Sprint(a.Len())
	}
	panic(fmt.Sprintf("%T", arr))
}

func useDescribe(b *array.Int64Builder) string {
	arr := b.NewArray()
	defer arr.Release()
	return describe(arr)
}

// child stores the builder it is given in the struct it returns, without a Retain, on some
// paths: a reference its owner keeps (arrow/extensions/variant.go), not judged.
type wrapper struct{ b array.Builder }

func child(b array.Builder, wrap bool) *wrapper {
	if wrap {
		return &wrapper{b: b}
	}
	return nil
}

func useChild(mem memory.Allocator) *wrapper {
	b := array.NewInt64Builder(mem)
	defer b.Release()
	return child(b, true)
}

// viaClosure captures the value in a closure it hands on: the closure's, not a home.
func viaClosure(arr arrow.Array, run func(func() int)) {
	run(func() int { return arr.Len() })
}

func useClosure(b *array.Int64Builder, run func(func() int)) {
	arr := b.NewArray()
	defer arr.Release()
	viaClosure(arr, run)
}

// versions keeps its versions in a list; the current one holds a reference the set keeps.
type versionList struct{ items []*array.Int64 }

func (l *versionList) Back() *array.Int64 { return l.items[len(l.items)-1] }

type versionSet struct{ versions versionList }

// install drops the set's own reference to the current version through its accessor
// (pebble's versionSet.append): the owner releasing what it keeps.
func (vs *versionSet) install(v *array.Int64, later func(func())) {
	vs.versions.Back().Release()
	v.Retain()
	vs.versions.items = append(vs.versions.items, v)
	later(func() { vs.versions.items = nil }) // vs is captured: the method reads it from a cell
}

// dropCurrent releases a version a stranger keeps: a borrowed reference.
func dropCurrent(vs *versionSet) {
	vs.versions.Back().Release() // want "releases a borrowed reference"
}

// useAfter releases the batch, then reads it.
func useAfter(cols []arrow.Array) int64 {
	rec := array.NewRecordBatch(nil, cols, 1)
	rec.Release()
	return rec.NumRows() // want "rec is used after its release"
}

// keeper keeps a reference of its own to what it is given.
type keeper struct{ rec arrow.RecordBatch }

func (k *keeper) keep(rec arrow.RecordBatch) {
	rec.Retain()
	k.rec = rec
}

// keepThenRead hands the batch to a keeper first: it lives on after the release
// (badger's addTable then tbl.Size()).
func keepThenRead(k *keeper, cols []arrow.Array) int64 {
	rec := array.NewRecordBatch(nil, cols, 1)
	k.keep(rec)
	rec.Release()
	return rec.NumRows()
}

// nullData hands the new array's reference on in its data (arrow/internal/arrjson): the caller
// releases the data.
func nullData(b *array.Int64Builder) arrow.ArrayData {
	return b.NewArray().Data()
}

// assertions stand for testify's: NoError stops the test when err is not nil, Error when it is.
type assertions struct{}

func (assertions) NoError(err error) {}
func (assertions) Error(err error)   {}

// expectFailure checks that opening fails: nothing was taken.
func expectFailure(require assertions, cols []arrow.Array) {
	_, err := openReader(cols, true)
	require.Error(err)
}

// mustRead checks that opening works, then leaks the batch.
func mustRead(require assertions, cols []arrow.Array) int64 {
	rec, err := openReader(cols, false) // want "rec leaks"
	require.NoError(err)
	return rec.NumRows()
}

// PanicTestFunc and Panics stand for testify's: the call inside is expected to panic and
// return nothing.
type PanicTestFunc func()

func Panics(f PanicTestFunc) {}

func expectPanic(cols []arrow.Array) {
	Panics(func() { array.NewRecordBatch(nil, cols, -1) })
}

var errPanicked = errors.New("panicked")

// readRecovered turns panics into errors with a deferred recover, as arrow's ipc readers do:
// it is judged like any other function.
func readRecovered(b *array.Int64Builder) (n int, err error) {
	defer func() {
		if recover() != nil {
			err = errPanicked
		}
	}()
	arr := b.NewArray() // want "arr leaks"
	return arr.Len(), nil
}

// deferClosure releases in a deferred closure: the same as `defer rec.Release()`.
func deferClosure(cols []arrow.Array) int64 {
	rec := array.NewRecordBatch(nil, cols, 1)
	defer func() {
		rec.Release()
	}()
	return rec.NumRows()
}

// deferClosureNil releases under a nil test in the deferred closure.
func deferClosureNil(cols []arrow.Array, make bool) int64 {
	var rec arrow.RecordBatch
	if make {
		rec = array.NewRecordBatch(nil, cols, 1)
	}
	defer func() {
		if rec != nil {
			rec.Release()
		}
	}()
	if rec == nil {
		return 0
	}
	return rec.NumRows()
}

// deferClosureTwice releases the batch, then its deferred closure releases it again.
func deferClosureTwice(cols []arrow.Array) {
	rec := array.NewRecordBatch(nil, cols, 1)
	defer func() { // want "releases rec again"
		rec.Release()
	}()
	rec.Release()
}

// deferClosureLeak's closure releases another value: the batch leaks.
func deferClosureLeak(cols []arrow.Array, mem memory.Allocator) int64 {
	b := array.NewInt64Builder(mem)
	rec := array.NewRecordBatch(nil, cols, 1) // want "rec leaks"
	defer func() { b.Release() }()
	return rec.NumRows()
}

// pick assigns the array on either branch and releases it once: the branch's reference moves
// into the variable.
func pick(b1, b2 *array.Int64Builder, first bool) int {
	var arr arrow.Array
	if first {
		arr = b1.NewArray()
	} else {
		arr = b2.NewArray()
	}
	defer arr.Release()
	return arr.Len()
}

// pickLeak forgets the release on its early return.
func pickLeak(b1, b2 *array.Int64Builder, first bool) int {
	var arr arrow.Array
	if first {
		arr = b1.NewArray() // want "arr leaks"
	} else {
		arr = b2.NewArray()
	}
	if arr.Len() == 0 {
		return 0
	}
	arr.Release()
	return 1
}

// pickOwned returns what either branch built: owned, so its callers must release it.
func pickOwned(b1, b2 *array.Int64Builder, first bool) arrow.Array {
	var arr arrow.Array
	if first {
		arr = b1.NewArray()
	} else {
		arr = b2.NewArray()
	}
	return arr
}

func usePick(b1, b2 *array.Int64Builder) int {
	arr := pickOwned(b1, b2, true) // want "arr leaks"
	return arr.Len()
}

// embedded counts through the struct it embeds: its Data and Release are promoted.
type base struct{ data arrow.ArrayData }

func (b *base) Data() arrow.ArrayData { return b.data }

type embedded struct {
	base
	refs int
}

func (e *embedded) Retain()  { e.refs++ }
func (e *embedded) Release() { e.refs-- }

func newEmbedded() *embedded { return &embedded{refs: 1} }

// embeddedData hands the new object's reference on in its data, through a promoted method
// (arrow/internal/arrjson: `return array.NewNull(n).Data()`).
func embeddedData() arrow.ArrayData {
	return newEmbedded().Data()
}

// embeddedLeak calls a promoted method and drops the object.
func embeddedLeak() int {
	e := newEmbedded() // want "e leaks"
	if e.Data() == nil {
		return 0
	}
	return 1
}

// counter is a counted object whose fields its users read.
type counter struct {
	refs int
	n    int64
}

func (c *counter) Retain()  { c.refs++ }
func (c *counter) Release() { c.refs-- }

func newCounter() *counter { return &counter{refs: 1} }

// readAfterRelease reads a field of the object after releasing the only reference to it.
func readAfterRelease() int64 {
	c := newCounter()
	c.Release()
	return c.n // want "c is used after its release: one of its fields is read here"
}

// readThenRelease reads it first.
func readThenRelease() int64 {
	c := newCounter()
	n := c.n
	c.Release()
	return n
}
