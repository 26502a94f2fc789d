// Package arrow_ipc_readschema_defer_in_loop reproduces a leak in a loop fixed in
// the Go Arrow module (now arrow-go): the IPC file reader read each dictionary
// message of the file in a loop and dropped it with a defer, so every message
// (metadata and body buffers) stayed referenced until readSchema returned.
//
// Provenance: https://github.com/apache/arrow/pull/8046 (ARROW-9850, commit
// e0c3f483 in arrow-go's imported history, "[Go] Defer should not be used
// inside a loop").
// Versions: Apache Arrow 1.0.x (and earlier) → 2.0.0; at the fix the Go module
// was github.com/apache/arrow/go/arrow.
// Real code: arrow/ipc/file_reader.go, (*FileReader).readSchema, the
// blk.NewMessage() call inside the loop over the dictionaries. The same commit
// fixed the same defer in the loops of arrow-cat and arrow-ls.
// fileBlock.NewMessage is written in its later shape (buffers from the reader's
// allocator, ARROW-16002), so that its owned result is plain from its body.
// Written for refvet from the shape of the real code, not copied.
package arrow_ipc_readschema_defer_in_loop

import (
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

type fileBlock struct {
	Offset int64
	Meta   int32
	Body   int64
	r      io.Reader
	mem    memory.Allocator
}

// NewMessage reads the block's message; the caller owns it (declared for refvet,
// as the other reproductions do for their own helpers).
//
//refvet:owned
func (blk fileBlock) NewMessage() (*ipc.Message, error) {
	meta := memory.NewResizableBuffer(blk.mem)
	defer meta.Release()
	meta.Resize(int(blk.Meta))
	if _, err := io.ReadFull(blk.r, meta.Bytes()); err != nil {
		return nil, fmt.Errorf("arrow/ipc: could not read message metadata: %w", err)
	}

	body := memory.NewResizableBuffer(blk.mem)
	defer body.Release()
	body.Resize(int(blk.Body))
	if _, err := io.ReadFull(blk.r, body.Bytes()); err != nil {
		return nil, fmt.Errorf("arrow/ipc: could not read message body: %w", err)
	}
	return ipc.NewMessage(meta, body), nil
}

// dictMemo keeps the dictionaries by id, each with its own reference.
type dictMemo struct{ id2dict map[int64]arrow.Array }

func (memo *dictMemo) Add(id int64, v arrow.Array) {
	v.Retain()
	memo.id2dict[id] = v
}

// readDictionary decodes a dictionary batch; the caller owns the dictionary.
func readDictionary(msg *ipc.Message, mem memory.Allocator) (int64, arrow.Array, error) {
	if msg.BodyLen() == 0 {
		return 0, nil, fmt.Errorf("arrow/ipc: empty dictionary batch")
	}
	bldr := array.NewInt64Builder(mem)
	defer bldr.Release()
	bldr.Append(msg.BodyLen())
	return msg.BodyLen(), bldr.NewArray(), nil
}

type FileReader struct {
	blocks []fileBlock
	mem    memory.Allocator
	memo   dictMemo
}

func (f *FileReader) NumDictionaries() int { return len(f.blocks) }

func (f *FileReader) dict(i int) (fileBlock, error) {
	if i < 0 || i >= len(f.blocks) {
		return fileBlock{}, fmt.Errorf("arrow/ipc: no dictionary %d", i)
	}
	return f.blocks[i], nil
}

// readSchema is the shape before the fix.
func (f *FileReader) readSchema() error {
	for i := 0; i < f.NumDictionaries(); i++ {
		blk, err := f.dict(i)
		if err != nil {
			return fmt.Errorf("arrow/ipc: could read dictionary[%d]: %w", i, err)
		}
		if blk.Offset%8 != 0 {
			return fmt.Errorf("arrow/ipc: invalid file offset=%d for dictionary %d", blk.Offset, i)
		}

		msg, err := blk.NewMessage() // want "leaks"
		if err != nil {
			return err
		}
		defer msg.Release()

		id, dict, err := readDictionary(msg, f.mem)
		if err != nil {
			return fmt.Errorf("arrow/ipc: could not read dictionary %d from file: %w", i, err)
		}
		f.memo.Add(id, dict)
		dict.Release() // memo.Add increases ref-count of dict.
	}
	return nil
}

// readSchemaFixed is the shape after the fix: the message is released in the
// iteration that read it, right after its dictionary is decoded.
func (f *FileReader) readSchemaFixed() error {
	for i := 0; i < f.NumDictionaries(); i++ {
		blk, err := f.dict(i)
		if err != nil {
			return fmt.Errorf("arrow/ipc: could read dictionary[%d]: %w", i, err)
		}
		if blk.Offset%8 != 0 {
			return fmt.Errorf("arrow/ipc: invalid file offset=%d for dictionary %d", blk.Offset, i)
		}

		msg, err := blk.NewMessage()
		if err != nil {
			return err
		}

		id, dict, err := readDictionary(msg, f.mem)
		msg.Release()
		if err != nil {
			return fmt.Errorf("arrow/ipc: could not read dictionary %d from file: %w", i, err)
		}
		f.memo.Add(id, dict)
		dict.Release() // memo.Add increases ref-count of dict.
	}
	return nil
}
