// Package clean_pebble is correct pebble-style code that value mode must leave
// silent: a block handle released by a defer right after the error check, a
// handle handed over to the iterator that owns it (and releases it when
// re-initialised or closed). Written for refvet.
package clean_pebble

import (
	"errors"

	"github.com/cockroachdb/pebble/v2/sstable/block"
)

type reader struct{ size uint64 }

// readBlock returns an owned handle.
//
//refvet:owned
func (r *reader) readBlock(bh block.Handle) (block.BufferHandle, error) {
	if bh.Offset+bh.Length > r.size {
		return block.BufferHandle{}, errors.New("block out of range")
	}
	return block.Alloc(int(bh.Length)).MakeHandle(), nil
}

func (r *reader) blockLen(bh block.Handle) (int, error) {
	h, err := r.readBlock(bh)
	if err != nil {
		return 0, err
	}
	defer h.Release()
	return len(h.BlockData()), nil
}

// indexIter owns the handle of the block it iterates.
type indexIter struct {
	h    block.BufferHandle
	data []byte
}

// initHandle consumes blk: the iterator owns it until the next init or Close.
//
//refvet:consumes blk
func (i *indexIter) initHandle(blk block.BufferHandle) {
	i.h.Release()
	i.h = blk
	i.data = blk.BlockData()
}

func (i *indexIter) Close() {
	i.h.Release()
	i.h = block.BufferHandle{}
	i.data = nil
}

func (r *reader) openIndex(bh block.Handle, it *indexIter) error {
	h, err := r.readBlock(bh)
	if err != nil {
		return err
	}
	it.initHandle(h)
	return nil
}
