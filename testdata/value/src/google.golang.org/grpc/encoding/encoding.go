// Package encoding is a stub written for refvet's value-mode tests, in the shape of
// google.golang.org/grpc/encoding (v1.85.0). It is not the real module.
package encoding

import "google.golang.org/grpc/mem"

// CodecV2 encodes and decodes messages. Marshal's result is owned by the caller
// (gRPC frees it); Unmarshal borrows data: gRPC frees it after the call, and a
// codec that keeps it must take its own reference.
type CodecV2 interface {
	Marshal(v any) (out mem.BufferSlice, err error)
	Unmarshal(data mem.BufferSlice, v any) error
	Name() string
}
