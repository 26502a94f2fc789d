// Package condresultmemberstore: the result of a conditional acquire stored straight into the
// tracked-pointer field whose member the call fills: `e.blk, err = dev.Read(n, &e.blkRef)`,
// `e.blk = dev.Find(n, &e.blkRef)`. On the paths where the acquire fails, the call's result is
// nil, so the store stores nil (SPEC exempts stores of nil: "stores a non-nil tracked pointer
// ... without taking a reference"); where the caller never tests the condition, the reference
// counts as held (SPEC, "Conditions the caller never tests"). refvet reports each store as
// having "no reference behind it" at the failure return, with "e.blk = the value" for the
// tuple assignment. Expected: silence for the correct functions, one diagnostic for the bug.
package condresultmemberstore

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

var ErrIO = errors.New("io")

// Block is tracked.
type Block struct {
	users ref.Count
	n     uint64
}

// Dev reads blocks.
type Dev struct{ bad map[uint64]bool }

// Read returns block n with a reference in r when err is nil; nil otherwise.
func (d *Dev) Read(n uint64, r *ref.Ref) (*Block, error) {
	if d.bad[n] {
		return nil, ErrIO
	}
	b := &Block{n: n}
	b.users.Get(r)
	return b, nil
}

// Find returns block n with a reference in r, or nil.
func (d *Dev) Find(n uint64, r *ref.Ref) *Block {
	if d.bad[n] {
		return nil
	}
	b := &Block{n: n}
	b.users.Get(r)
	return b
}

type entry struct {
	blk    *Block
	blkRef ref.Ref
}

// Load stores Read's result into the field whose member it fills. Correct.
func Load(d *Dev, n uint64) (*entry, error) {
	e := &entry{}
	var err error
	e.blk, err = d.Read(n, &e.blkRef)
	if err != nil {
		return nil, err
	}
	return e, nil
}

// LoadFind stores Find's result and tests the field. Correct.
func LoadFind(d *Dev, n uint64) *entry {
	e := &entry{}
	e.blk = d.Find(n, &e.blkRef)
	if e.blk == nil {
		return nil
	}
	return e
}

// LoadUntested never tests Read's error (n is known good). Correct: held.
func LoadUntested(d *Dev, n uint64) *entry {
	e := &entry{}
	e.blk, _ = d.Read(n, &e.blkRef)
	return e
}

// LoadWrongRef takes the reference into a local that it drops, and stores the block in the
// entry with nothing behind it. Bug (one report: the store; the local is balanced).
func LoadWrongRef(d *Dev, n uint64) (*entry, error) {
	e := &entry{}
	var r ref.Ref
	b, err := d.Read(n, &r)
	if err != nil {
		return nil, err
	}
	e.blk = b // want `e.blk = b stores a tracked pointer with no reference behind it`
	b.users.Put(&r)
	return e, nil
}
