// Package pebble_index_handle_leak_on_error reproduces a leak fixed in pebble:
// EstimateDiskUsage on a table with a partitioned index read the two
// bottom-level index blocks through the block cache and never released their
// handles (on the error paths, and on the success path too).
//
// Provenance: https://github.com/cockroachdb/pebble/commit/962fc83774b9007efa0037f92d0bb79e2f84c71b
// ("sstable: unref cache handle on error in EstimateDiskUsage", 2020-04-09).
// Versions: before any tag (pseudo-version of 2020-04-09); first tag with the
// fix v1.0.0. Real code: sstable/reader.go, (*Reader).EstimateDiskUsage, the two
// r.readBlock calls. At the time the handle type was internal/cache.Handle; the
// stub uses its v2 successor block.BufferHandle (Release-only: the pebble preset
// makes it counted). Written for refvet from the shape of the real code.
package pebble_index_handle_leak_on_error

import (
	"errors"

	"github.com/cockroachdb/pebble/v2/sstable/block"
)

var errCorruptIndexEntry = errors.New("corrupt index entry")

type blockIter struct{ data []byte }

func newBlockIter(data []byte) (*blockIter, error) {
	if len(data) == 0 {
		return nil, errors.New("empty block")
	}
	return &blockIter{data: data}, nil
}

func (i *blockIter) SeekGE(key []byte) []byte {
	if len(i.data) == 0 {
		return nil
	}
	return i.data
}

func decodeBlockHandle(val []byte) (block.Handle, int) {
	return block.Handle{Offset: uint64(len(val))}, len(val)
}

type Reader struct {
	partitions int
	dataSize   uint64
	index      []byte
}

// readBlock returns the block's handle; the caller must release it.
//
//refvet:owned
func (r *Reader) readBlock(bh block.Handle) (block.BufferHandle, error) {
	if bh.Length > 1<<30 {
		return block.BufferHandle{}, errors.New("block too large")
	}
	return block.Alloc(int(bh.Length)).MakeHandle(), nil
}

// EstimateDiskUsage is the shape before the fix.
func (r *Reader) EstimateDiskUsage(start, end []byte) (uint64, error) {
	var startIdxIter, endIdxIter *blockIter
	if r.partitions == 0 {
		iter, err := newBlockIter(r.index)
		if err != nil {
			return 0, err
		}
		startIdxIter, endIdxIter = iter, iter
	} else {
		topIter, err := newBlockIter(r.index)
		if err != nil {
			return 0, err
		}
		val := topIter.SeekGE(start)
		if val == nil {
			return 0, nil
		}
		startIdxBH, n := decodeBlockHandle(val)
		if n == 0 {
			return 0, errCorruptIndexEntry
		}
		startIdxBlock, err := r.readBlock(startIdxBH) // want "leaks"
		if err != nil {
			return 0, err
		}
		startIdxIter, err = newBlockIter(startIdxBlock.BlockData())
		if err != nil {
			return 0, err
		}
		if val = topIter.SeekGE(end); val != nil {
			endIdxBH, n := decodeBlockHandle(val)
			if n == 0 {
				return 0, errCorruptIndexEntry
			}
			endIdxBlock, err := r.readBlock(endIdxBH) // want "leaks"
			if err != nil {
				return 0, err
			}
			endIdxIter, err = newBlockIter(endIdxBlock.BlockData())
			if err != nil {
				return 0, err
			}
		}
	}
	if startIdxIter.SeekGE(start) == nil {
		return 0, nil
	}
	if endIdxIter == nil {
		return r.dataSize, nil
	}
	return uint64(len(endIdxIter.SeekGE(end))), nil
}

// EstimateDiskUsageFixed is the shape after the fix: a deferred Release right
// after each read's error check.
func (r *Reader) EstimateDiskUsageFixed(start, end []byte) (uint64, error) {
	var startIdxIter, endIdxIter *blockIter
	if r.partitions == 0 {
		iter, err := newBlockIter(r.index)
		if err != nil {
			return 0, err
		}
		startIdxIter, endIdxIter = iter, iter
	} else {
		topIter, err := newBlockIter(r.index)
		if err != nil {
			return 0, err
		}
		val := topIter.SeekGE(start)
		if val == nil {
			return 0, nil
		}
		startIdxBH, n := decodeBlockHandle(val)
		if n == 0 {
			return 0, errCorruptIndexEntry
		}
		startIdxBlock, err := r.readBlock(startIdxBH)
		if err != nil {
			return 0, err
		}
		defer startIdxBlock.Release()
		startIdxIter, err = newBlockIter(startIdxBlock.BlockData())
		if err != nil {
			return 0, err
		}
		if val = topIter.SeekGE(end); val != nil {
			endIdxBH, n := decodeBlockHandle(val)
			if n == 0 {
				return 0, errCorruptIndexEntry
			}
			endIdxBlock, err := r.readBlock(endIdxBH)
			if err != nil {
				return 0, err
			}
			defer endIdxBlock.Release()
			endIdxIter, err = newBlockIter(endIdxBlock.BlockData())
			if err != nil {
				return 0, err
			}
		}
	}
	if startIdxIter.SeekGE(start) == nil {
		return 0, nil
	}
	if endIdxIter == nil {
		return r.dataSize, nil
	}
	return uint64(len(endIdxIter.SeekGE(end))), nil
}
