package ref_test

import (
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/refvet/refvet/ref"
)

var sink bool

// BenchmarkGetPut compares a Get+Put pair with what it replaces: in
// release builds a bare pair of atomic adds, in refdebug builds the
// stack capture that dominates its cost. Compare the columns with
//
//	go test -run '^$' -bench GetPut -count 6 ./ref | benchstat -col /impl -
func BenchmarkGetPut(b *testing.B) {
	b.Run("impl=atomic", func(b *testing.B) {
		var n atomic.Int32
		for b.Loop() {
			n.Add(1)
			sink = n.Add(-1) == 0
		}
	})
	b.Run("impl=callers16", func(b *testing.B) {
		var pcs [16]uintptr
		for b.Loop() {
			runtime.Callers(1, pcs[:])
		}
	})
	b.Run("impl=ref", func(b *testing.B) {
		var o obj
		var r, anchor ref.Ref
		o.users.Get(&anchor)
		for b.Loop() {
			o.users.Get(&r)
			sink = o.users.Put(&r)
		}
		o.users.Put(&anchor)
	})
}

// BenchmarkGetPutParallel is the same with every goroutine taking its own
// references on one shared count, so the count's cache line is contended.
func BenchmarkGetPutParallel(b *testing.B) {
	b.Run("impl=atomic", func(b *testing.B) {
		var n atomic.Int32
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				n.Add(1)
				sink = n.Add(-1) == 0
			}
		})
	})
	b.Run("impl=callers16", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			var pcs [16]uintptr
			for pb.Next() {
				runtime.Callers(1, pcs[:])
			}
		})
	})
	b.Run("impl=ref", func(b *testing.B) {
		var o obj
		var anchor ref.Ref
		o.users.Get(&anchor)
		b.RunParallel(func(pb *testing.PB) {
			var r ref.Ref
			for pb.Next() {
				o.users.Get(&r)
				sink = o.users.Put(&r)
			}
		})
		o.users.Put(&anchor)
	})
}
