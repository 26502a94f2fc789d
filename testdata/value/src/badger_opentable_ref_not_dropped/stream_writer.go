// Package badger_opentable_ref_not_dropped reproduces a leak fixed in badger:
// the stream writer opened a table (OpenTable returns it with one reference),
// added it to a level (which takes its own reference) and never dropped the
// reference OpenTable gave it, so the table file could never be deleted.
//
// Provenance: https://github.com/dgraph-io/badger/pull/1038 (commit cbdef650,
// "Fix windows build for badger", item 2 of its description).
// Versions: buggy in v2.0.0-rc3 (and v1.6.0), fixed in v2.0.0.
// Real code: stream_writer.go, (*sortedWriter).createTable, the table.OpenTable
// call. The fixed shape here follows badger v4.9.6 (addTable, which cannot
// fail): in the v2.0.0 fix the replaceTables error return still leaked.
// Written for refvet from the shape of the real code, not copied.
package badger_opentable_ref_not_dropped

import (
	"fmt"
	"sync"

	"github.com/dgraph-io/badger/v4/table"
)

type levelHandler struct {
	sync.Mutex
	level  int
	tables []*table.Table
}

// addTable takes its own reference on t: it does not consume the caller's.
func (s *levelHandler) addTable(t *table.Table) {
	s.Lock()
	defer s.Unlock()
	t.IncrRef()
	s.tables = append(s.tables, t)
}

type sortedWriter struct {
	dir      string
	streamID uint32
	lhandler *levelHandler
	logf     func(format string, args ...any)
}

// createTable is the shape before the fix.
func (w *sortedWriter) createTable(fileID uint64) error {
	fd := fmt.Sprintf("%s/%06d.sst", w.dir, fileID)
	tbl, err := table.OpenTable(fd, fileID) // want "leaks"
	if err != nil {
		return err
	}
	w.lhandler.addTable(tbl)
	w.logf("Table created: %d at level: %d for stream: %d. Size: %d\n",
		fileID, w.lhandler.level, w.streamID, tbl.Size())
	return nil
}

// createTableFixed is the shape after the fix: the reference held by
// OpenTable is dropped once the level holds its own.
func (w *sortedWriter) createTableFixed(fileID uint64) error {
	fd := fmt.Sprintf("%s/%06d.sst", w.dir, fileID)
	tbl, err := table.OpenTable(fd, fileID)
	if err != nil {
		return err
	}
	w.lhandler.addTable(tbl)
	// Release the ref held by OpenTable.
	_ = tbl.DecrRef()
	w.logf("Table created: %d at level: %d for stream: %d. Size: %d\n",
		fileID, w.lhandler.level, w.streamID, tbl.Size())
	return nil
}
