// Package clean_badger is correct badger-style code that value mode must leave
// silent: a table opened, handed to a level that takes its own reference, then
// DecrRef'd; memtables returned with a reference each and a closure that drops
// them (the shape of badger's getMemTables); the compaction error path that
// drops the new tables it built. Written for refvet.
package clean_badger

import (
	"fmt"
	"sync"

	"github.com/dgraph-io/badger/v4/table"
)

type levelHandler struct {
	sync.RWMutex
	tables []*table.Table
}

func (s *levelHandler) addTable(t *table.Table) {
	s.Lock()
	defer s.Unlock()
	t.IncrRef()
	s.tables = append(s.tables, t)
}

// getTables returns the level's tables with one reference each, and the
// function that drops them.
func (s *levelHandler) getTables() ([]*table.Table, func()) {
	s.RLock()
	defer s.RUnlock()
	out := make([]*table.Table, 0, len(s.tables))
	for _, t := range s.tables {
		t.IncrRef()
		out = append(out, t)
	}
	return out, func() {
		for _, t := range out {
			_ = t.DecrRef()
		}
	}
}

func addFile(lh *levelHandler, dir string, id uint64) error {
	tbl, err := table.OpenTable(fmt.Sprintf("%s/%06d.sst", dir, id), id)
	if err != nil {
		return err
	}
	lh.addTable(tbl)
	return tbl.DecrRef()
}

func totalSize(lh *levelHandler) int64 {
	tables, decr := lh.getTables()
	defer decr()
	var n int64
	for _, t := range tables {
		n += t.Size()
	}
	return n
}

// buildTables opens n tables; on error it drops the ones it opened.
func buildTables(dir string, ids []uint64) ([]*table.Table, error) {
	var out []*table.Table
	for _, id := range ids {
		t, err := table.OpenTable(fmt.Sprintf("%s/%06d.sst", dir, id), id)
		if err != nil {
			for _, o := range out {
				_ = o.DecrRef()
			}
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}
