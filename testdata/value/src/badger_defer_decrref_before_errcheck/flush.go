// Package badger_defer_decrref_before_errcheck reproduces a bug fixed in badger:
// the release of the table that OpenTable returned was deferred before the
// error check, so on the error path it released a nil table that held nothing
// (a nil dereference in DecrRef instead of the error being returned).
//
// Provenance: https://github.com/dgraph-io/badger/commit/fc138ad3 ("Fix error
// cleanup in and after OpenTable calls", 2017-07-16).
// Versions: badger before v1.0.0 (no tag; master of July 2017).
// Real code: kv.go, (*KV).flushMemtable, the `defer tbl.DecrRef()` line.
// SPEC-VALUE does not name this case; it is SPEC.md's "put of a ref that holds
// nothing on some path" carried over to values (an acquiring call's err != nil
// branch holds nothing), reported at the deferred release. Written for refvet
// from the shape of the real code, not copied.
package badger_defer_decrref_before_errcheck

import (
	"log"

	"github.com/dgraph-io/badger/v4/table"
)

type levelsController struct{ level0 []*table.Table }

func (lc *levelsController) addLevel0Table(t *table.Table) {
	t.IncrRef()
	lc.level0 = append(lc.level0, t)
}

type KV struct{ lc *levelsController }

// flushOne is the shape before the fix.
func (s *KV) flushOne(fd string, id uint64) error {
	tbl, err := table.OpenTable(fd, id)
	defer tbl.DecrRef() // want "nil|holds nothing|not held|released"

	if err != nil {
		log.Printf("ERROR while opening table: %v", err)
		return err
	}
	s.lc.addLevel0Table(tbl) // This will incrRef again.
	return nil
}

// flushOneFixed is the shape after the fix: the defer follows the error check.
func (s *KV) flushOneFixed(fd string, id uint64) error {
	tbl, err := table.OpenTable(fd, id)
	if err != nil {
		log.Printf("ERROR while opening table: %v", err)
		return err
	}
	defer tbl.DecrRef()
	s.lc.addLevel0Table(tbl) // This will incrRef again.
	return nil
}
