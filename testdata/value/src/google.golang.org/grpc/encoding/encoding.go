// Package encoding is a stub written for refvet's value-mode tests, in the shape of // want package:"usesCounted google.golang.org/grpc"
// google.golang.org/grpc/encoding (v1.85.0). It is not the real module.
package encoding

import "google.golang.org/grpc/mem"

// CodecV2 encodes and decodes messages. Marshal's result is owned by the caller
// (gRPC frees it); Unmarshal borrows data: gRPC frees it after the call, and a
// codec that keeps it must take its own reference.
type CodecV2 interface {
	Marshal(v any) (out mem.BufferSlice, err error) // want Marshal:"values: r0 owned if r1 == nil by preset"
	Unmarshal(data mem.BufferSlice, v any) error    // want Unmarshal:"values: borrows data by preset"
	Name() string
}
