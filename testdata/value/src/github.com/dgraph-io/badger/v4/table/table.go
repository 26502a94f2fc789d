// Package table is a stub written for refvet's value-mode tests, in the shape of // want package:"usesCounted declares github.com/dgraph-io/badger/v4"
// github.com/dgraph-io/badger/v4/table (v4.9.6). It is not the real module.
package table

import (
	"errors"
	"sync/atomic"
)

// Table is an SSTable, counted with IncrRef/DecrRef; the last DecrRef deletes
// the file.
type Table struct {
	ref  atomic.Int32
	id   uint64
	size int64
}

// OpenTable returns a table with one reference held by the caller.
func OpenTable(fd string, id uint64) (*Table, error) { // want OpenTable:"values: r0 owned if r1 == nil by preset"
	if fd == "" {
		return nil, errors.New("no file")
	}
	t := &Table{id: id, size: int64(len(fd))}
	t.ref.Store(1)
	return t, nil
}

func (t *Table) ID() uint64  { return t.id }
func (t *Table) Size() int64 { return t.size }
func (t *Table) IncrRef()    { t.ref.Add(1) }

// DecrRef drops a reference; the last one deletes the table's file.
func (t *Table) DecrRef() error {
	if t.ref.Add(-1) == 0 {
		return nil // the real one removes the file here
	}
	return nil
}
