// Package clean_grpc_mem is correct grpc-go mem-style code that value mode must
// leave silent: Ref before handing a buffer to a queue and Free on its error
// path (the shape of grpc-go #8360's http2Client.write), a free guarded by a
// flag so that it runs once (the shape of grpc-go #7998's processUnaryRPC),
// ReadAll's result freed on its error path too. Written for refvet.
package clean_grpc_mem

import (
	"errors"
	"io"

	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/mem"
)

type dataFrame struct {
	streamID uint32
	data     mem.BufferSlice
}

type controlBuffer struct {
	closed bool
	items  []*dataFrame
}

// put takes the frame (and the reference its data carries) on success only.
func (c *controlBuffer) put(df *dataFrame) error {
	if c.closed {
		return errors.New("transport closing")
	}
	c.items = append(c.items, df)
	return nil
}

// write keeps the caller's reference on data: it takes its own for the queue.
func write(cb *controlBuffer, id uint32, data mem.BufferSlice) error {
	if data.Len() == 0 {
		return nil
	}
	data.Ref()
	if err := cb.put(&dataFrame{streamID: id, data: data}); err != nil {
		data.Free()
		return err
	}
	return nil
}

// readMessage frees what ReadAll returned even when it failed.
func readMessage(r io.Reader, pool mem.BufferPool, max int) (mem.BufferSlice, error) {
	out, err := mem.ReadAll(r, pool)
	if err != nil {
		out.Free()
		return nil, err
	}
	if out.Len() > max {
		out.Free()
		return nil, errors.New("message too large")
	}
	return out, nil
}

// unary frees d once, either inside df or at return.
func unary(r io.Reader, pool mem.BufferPool, codec encoding.CodecV2, req any, handle func(func(any) error) error) error {
	d, err := readMessage(r, pool, 4<<20)
	if err != nil {
		return err
	}
	freed := false
	dataFree := func() {
		if !freed {
			d.Free()
			freed = true
		}
	}
	defer dataFree()
	df := func(v any) error {
		defer dataFree()
		return codec.Unmarshal(d, v)
	}
	return handle(df)
}

// marshalAndSend hands the marshalled buffers to write, which takes its own
// reference, and frees its own.
func marshalAndSend(cb *controlBuffer, codec encoding.CodecV2, msg any) error {
	data, err := codec.Marshal(msg)
	if err != nil {
		return err
	}
	defer data.Free()
	return write(cb, 1, data)
}

// copyBuffer returns a new owned buffer built from pooled bytes.
func copyBuffer(src []byte, pool mem.BufferPool) mem.Buffer {
	buf := pool.Get(len(src))
	copy(*buf, src)
	return mem.NewBuffer(buf, pool)
}
