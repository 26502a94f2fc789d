// Package bufpool is the value-mode half of refvet's bundled example: a pool of byte buffers
// counted by their own Retain and Release methods, as arrow-go's arrays and buffers are, with no
// ref.Ref and no annotations. refvet finds the methods, reads from Get's body that it returns
// an owned reference, and follows each buffer through the functions below. One of them has a
// bug; the others are correct and stay silent. Run
//
//	go run ./cmd/refvet ./testdata/example/...
//
// from the repository root to see it.
package bufpool

import (
	"errors"
	"hash/crc32"
	"io"
	"sync"
	"sync/atomic"
)

// Buffer is a pooled byte buffer. Whoever holds a reference calls Release once; the last
// Release gives the buffer back to its pool.
type Buffer struct {
	refs atomic.Int32
	data []byte
	pool *Pool
}

// Retain takes another reference on b.
func (b *Buffer) Retain() { b.refs.Add(1) }

// Release drops a reference on b; the last one returns b to its pool.
func (b *Buffer) Release() {
	if b.refs.Add(-1) == 0 {
		b.pool.put(b)
	}
}

// Bytes returns the buffer's memory, valid while the caller holds a reference.
func (b *Buffer) Bytes() []byte { return b.data }

// Pool hands out buffers of one size.
type Pool struct {
	mu     sync.Mutex
	size   int
	free   [][]byte
	closed bool
}

var errClosed = errors.New("bufpool: pool closed")

// Get returns a buffer holding one reference, which the caller owns and must Release.
func (p *Pool) Get() (*Buffer, error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, errClosed
	}
	data := make([]byte, p.size)
	if n := len(p.free); n > 0 {
		data, p.free = p.free[n-1], p.free[:n-1]
	}
	p.mu.Unlock()
	b := &Buffer{data: data, pool: p}
	b.refs.Store(1)
	return b, nil
}

func (p *Pool) put(b *Buffer) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.free = append(p.free, b.data)
}

// Checksum reads one block from r and returns its checksum. Bug: when the read fails, the
// early return keeps the buffer's reference and the buffer never goes back to the pool.
func Checksum(p *Pool, r io.Reader) (uint32, error) {
	buf, err := p.Get()
	if err != nil {
		return 0, err
	}
	n, err := io.ReadFull(r, buf.Bytes())
	if err != nil {
		return 0, err
	}
	sum := crc32.ChecksumIEEE(buf.Bytes()[:n])
	buf.Release()
	return sum, nil
}

// Copy copies r to w through a pooled buffer. Correct: the release is deferred right after the
// error check, so it runs on every later return.
func Copy(p *Pool, w io.Writer, r io.Reader) (int64, error) {
	buf, err := p.Get()
	if err != nil {
		return 0, err
	}
	defer buf.Release()
	return io.CopyBuffer(w, r, buf.Bytes())
}

// Frame is a message whose payload is a pooled buffer; the frame owns one reference on it.
type Frame struct {
	payload *Buffer
}

// NewFrame reads a payload from r into a frame. Correct: the buffer is released on the error
// path, and its reference is handed to the frame otherwise.
func NewFrame(p *Pool, r io.Reader) (*Frame, error) {
	buf, err := p.Get()
	if err != nil {
		return nil, err
	}
	if _, err := io.ReadFull(r, buf.Bytes()); err != nil {
		buf.Release()
		return nil, err
	}
	return &Frame{payload: buf}, nil
}

// Payload returns the frame's buffer, borrowed: the frame keeps its reference.
func (f *Frame) Payload() *Buffer { return f.payload }

// Release drops the frame's reference on its payload.
func (f *Frame) Release() { f.payload.Release() }

// Send writes the frame's payload to w. Correct: the payload is borrowed, so it is not released
// here.
func Send(w io.Writer, f *Frame) error {
	_, err := w.Write(f.Payload().Bytes())
	return err
}

// Broadcast reads one block from r and writes it to every writer from a goroutine of its own.
// Correct: each goroutine is handed a reference of its own, taken by Retain, and releases it;
// the deferred release drops the one Get gave.
func Broadcast(p *Pool, r io.Reader, ws []io.Writer) error {
	buf, err := p.Get()
	if err != nil {
		return err
	}
	defer buf.Release()
	if _, err := io.ReadFull(r, buf.Bytes()); err != nil {
		return err
	}
	var wg sync.WaitGroup
	for _, w := range ws {
		buf.Retain()
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer buf.Release()
			w.Write(buf.Bytes())
		}()
	}
	wg.Wait()
	return nil
}
