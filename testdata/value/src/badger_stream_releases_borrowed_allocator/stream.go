// Package badger_stream_releases_borrowed_allocator reproduces a double free
// fixed in badger: Stream.streamKVs looked up the allocator of each received
// KV list with z.AllocatorFrom (a borrowed pointer: the producer and
// Orchestrate own the allocator) and released it after sending the batch;
// Orchestrate released it again.
//
// Provenance: https://github.com/dgraph-io/badger/pull/1588 (commit 02b81bb4,
// "fix(stream): double free from stream writer", 2020-11-06); the bug came with
// https://github.com/dgraph-io/badger/pull/1593 days earlier on master.
// Versions: master of November 2020, fixed before v3.2011.0 (badger v20.11).
// Real code: stream.go, (*Stream).streamKVs, the allocs release loops. The real
// code collected the allocators in a local slice and released them in a loop
// in sendBatch and in a deferred closure; this reproduction keeps one allocator
// per batch (the slice and the closures are the engine's business, not the
// bug's). z.Allocator is Release-only: the badger preset makes it counted and
// says AllocatorFrom's result is borrowed (its body reads a map).
// Written for refvet from the shape of the real code, not copied.
package badger_stream_releases_borrowed_allocator

import (
	"errors"

	"github.com/dgraph-io/ristretto/v2/z"
)

type KVList struct {
	Kv       [][]byte
	AllocRef uint64
}

type Stream struct {
	Send func(*KVList) error
	sent int
}

func (st *Stream) sendBatch(batch *KVList) error {
	if st.Send == nil {
		return errors.New("no Send")
	}
	st.sent += len(batch.Kv)
	return st.Send(batch)
}

// streamOne is the shape before the fix.
func (st *Stream) streamOne(kvs *KVList) error {
	a := z.AllocatorFrom(kvs.AllocRef)
	if err := st.sendBatch(kvs); err != nil {
		return err
	}
	a.Release() // want "borrowed"
	return nil
}

// streamOneFixed is the shape after the fix: the allocator is left to the
// producer that owns it.
func (st *Stream) streamOneFixed(kvs *KVList) error {
	return st.sendBatch(kvs)
}

// produce owns the allocator it creates and releases it itself (silent).
func (st *Stream) produce(keys [][]byte) error {
	a := z.NewAllocator(1<<10, "Stream")
	defer a.Release()
	kvs := &KVList{AllocRef: a.Ref}
	for _, k := range keys {
		buf := a.Allocate(len(k))
		copy(buf, k)
		kvs.Kv = append(kvs.Kv, buf)
	}
	return st.streamOneFixed(kvs)
}
