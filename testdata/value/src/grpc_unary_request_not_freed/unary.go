// Package grpc_unary_request_not_freed reproduces a leak fixed in grpc-go: the
// unary server path received the request message as an owned mem.BufferSlice and
// never freed it, so pooled buffers were never returned (a regression of the
// mem.BufferSlice codec, grpc-go v1.66.0).
//
// Provenance: https://github.com/grpc/grpc-go/pull/7571 (commit 093e09992),
// cherry-picked in https://github.com/grpc/grpc-go/pull/7616.
// Versions: buggy in v1.66.0 and v1.66.1, fixed in v1.66.2 (master: v1.67.0).
// Real code: server.go, (*Server).processUnaryRPC, the recvAndDecompress call.
// Written for refvet from the shape of the real code, not copied.
package grpc_unary_request_not_freed

import (
	"errors"
	"strings"

	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/mem"
)

type parser struct {
	wire string
	pool mem.BufferPool
}

type serverStream struct{ status error }

func (s *serverStream) WriteStatus(err error) { s.status = err }

// recvAndDecompress returns the next message; the caller owns it.
func recvAndDecompress(p *parser, maxSize int) (mem.BufferSlice, error) {
	if len(p.wire) > maxSize {
		return nil, errors.New("message larger than max")
	}
	return mem.ReadAll(strings.NewReader(p.wire), p.pool)
}

// processUnaryRPC is the shape before the fix: d is never freed.
func processUnaryRPC(p *parser, st *serverStream, codec encoding.CodecV2, req any) error {
	d, err := recvAndDecompress(p, 4<<20) // want "leaks"
	if err != nil {
		st.WriteStatus(err)
		return err
	}
	if err := codec.Unmarshal(d, req); err != nil {
		st.WriteStatus(err)
		return err
	}
	return nil
}

// processUnaryRPCFixed is the shape after the fix: defer d.Free() right after
// the error check.
func processUnaryRPCFixed(p *parser, st *serverStream, codec encoding.CodecV2, req any) error {
	d, err := recvAndDecompress(p, 4<<20)
	if err != nil {
		st.WriteStatus(err)
		return err
	}
	defer d.Free()
	if err := codec.Unmarshal(d, req); err != nil {
		st.WriteStatus(err)
		return err
	}
	return nil
}
