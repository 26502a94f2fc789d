// Package badger_defer_decrref_in_loop reproduces a leak fixed in badger: the
// memtable flusher, a loop that runs for the life of the DB, dropped the
// reference OpenTable gave it with a defer, so every flushed table kept an extra
// reference until the DB closed.
//
// Provenance: https://github.com/dgraph-io/badger/commit/90c3fbf8 ("Avoid use of
// defer in infinite looped flushMetable", 2017-07-31).
// Versions: badger before v1.0.0 (no tag; master of July 2017), fixed in the
// same month.
// Real code: kv.go, (*KV).flushMemtable, the table.OpenTable call inside the loop.
// Written for refvet from the shape of the real code, not copied.
package badger_defer_decrref_in_loop

import (
	"fmt"
	"sync"

	"github.com/dgraph-io/badger/v4/table"
)

type memTable struct{ id uint64 }

type levelsController struct {
	mu     sync.Mutex
	level0 []*table.Table
}

// addLevel0Table takes its own reference on t.
func (lc *levelsController) addLevel0Table(t *table.Table) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	t.IncrRef()
	lc.level0 = append(lc.level0, t)
}

type KV struct {
	sync.Mutex
	dir     string
	lc      *levelsController
	imm     []*memTable
	flushCh chan *memTable
}

func (s *KV) writeLevel0Table(mt *memTable) (string, error) {
	if mt == nil {
		return "", fmt.Errorf("nil memtable")
	}
	return fmt.Sprintf("%s/%06d.sst", s.dir, mt.id), nil
}

// flushMemtable is the shape before the fix.
func (s *KV) flushMemtable() error {
	for mt := range s.flushCh {
		fd, err := s.writeLevel0Table(mt)
		if err != nil {
			return err
		}
		tbl, err := table.OpenTable(fd, mt.id) // want "leaks"
		if err != nil {
			return err
		}
		defer tbl.DecrRef()
		s.lc.addLevel0Table(tbl) // This will incrRef again.

		s.Lock()
		s.imm = s.imm[1:]
		s.Unlock()
	}
	return nil
}

// flushMemtableFixed is the shape after the fix.
func (s *KV) flushMemtableFixed() error {
	for mt := range s.flushCh {
		fd, err := s.writeLevel0Table(mt)
		if err != nil {
			return err
		}
		tbl, err := table.OpenTable(fd, mt.id)
		if err != nil {
			return err
		}
		// We own a ref on tbl.
		s.lc.addLevel0Table(tbl) // This will incrRef.
		_ = tbl.DecrRef()        // Releases our ref.

		s.Lock()
		s.imm = s.imm[1:]
		s.Unlock()
	}
	return nil
}
