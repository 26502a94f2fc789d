package refstate

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/refvet/refvet/internal/valuemode"
)

// This file follows values through closures: deferred closures that only release what they
// capture, and variables a closure captures, kept in cells.

// A closureRelease is a captured value that a deferred closure releases.
type closureRelease struct {
	binding int         // its index among the closure's bindings
	method  *types.Func // its release method
}

// deferredReleases lists the tracked bindings of closure mc, deferred and called nowhere
// else, that its body releases on every path (or under a test that the value is not nil) and
// does nothing else with.
func (vs *valueScan) deferredReleases(mc *ssa.MakeClosure) []closureRelease {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || fn.Blocks == nil || !onlyDeferred(mc) {
		return nil
	}
	var out []closureRelease
	for k, fv := range fn.FreeVars {
		if vs.bound(mc.Bindings[k]) == nil {
			continue
		}
		if m := vs.releasedByClosure(fn, fv); m != nil {
			out = append(out, closureRelease{binding: k, method: m})
		}
	}
	return out
}

// onlyDeferred reports whether the closure mc is used only as the function of a defer.
func onlyDeferred(mc *ssa.MakeClosure) bool {
	n := 0
	for _, r := range *mc.Referrers() {
		switch r := r.(type) {
		case *ssa.Defer:
			if r.Call.Value != mc {
				return false
			}
			n++
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return n == 1
}

// releasedByClosure returns the release method closure fn calls on its free variable fv on
// every path (in its entry block, or right under `if fv != nil`), when that and nil tests are
// all it does with fv; nil otherwise.
func (vs *valueScan) releasedByClosure(fn *ssa.Function, fv *ssa.FreeVar) *types.Func {
	values := []ssa.Value{fv}
	if _, isCell := fv.Type().Underlying().(*types.Pointer); isCell && fv.Referrers() != nil {
		values = nil // a captured variable: what the closure does with its reads
		for _, r := range *fv.Referrers() {
			switch r := r.(type) {
			case *ssa.UnOp:
				values = append(values, r)
			case *ssa.DebugRef:
			default:
				return nil // it assigns the variable, or hands its address on
			}
		}
	}
	var release *types.Func
	for _, v := range values {
		for _, r := range *v.Referrers() {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.BinOp:
				if !isNilConst(r.X) && !isNilConst(r.Y) {
					return nil
				}
			case ssa.CallInstruction:
				call, ok := vs.cat.Classify(r.Common())
				if !ok || call.Op != valuemode.Release || call.Value != v || release != nil || !unconditional(r.Block(), values) {
					return nil
				}
				release = call.Method
			default:
				return nil
			}
		}
	}
	return release
}

// unconditional reports whether block b runs whenever its function does, or whenever fv is not
// nil: it is the entry block, or the entry block's `if fv != nil` leads to it alone.
func unconditional(b *ssa.BasicBlock, reads []ssa.Value) bool {
	entry := b.Parent().Blocks[0]
	if b == entry {
		return true
	}
	if len(b.Preds) != 1 || b.Preds[0] != entry {
		return false
	}
	ifi, ok := entry.Instrs[len(entry.Instrs)-1].(*ssa.If)
	if !ok || entry.Succs[0] != b {
		return false
	}
	cmp, ok := ifi.Cond.(*ssa.BinOp)
	is := func(v ssa.Value) bool {
		for _, r := range reads {
			if v == r {
				return true
			}
		}
		return false
	}
	return ok && cmp.Op == token.NEQ && (is(cmp.X) && isNilConst(cmp.Y) || is(cmp.Y) && isNilConst(cmp.X))
}

// releasedBindings is the set of values closure mc captures only to release them when it runs
// deferred: they do not escape into it (valueSites makes their deferred releases).
func (a *fnAnalysis) releasedBindings(mc *ssa.MakeClosure) map[ssa.Value]bool {
	if a.vals == nil {
		return nil
	}
	var out map[ssa.Value]bool
	for _, r := range a.vals.deferredReleases(mc) {
		if out == nil {
			out = map[ssa.Value]bool{}
		}
		out[mc.Bindings[r.binding]] = true
	}
	return out
}

// findCells finds the captured variables assigned once with a tracked value, before every
// read of them (`rec := New(); defer func() { rec.Release() }()`: SSA keeps rec in a cell the
// closure shares), and makes their reads copies of the value.
func (vs *valueScan) findCells(blocks []*ssa.BasicBlock) {
	for _, b := range blocks {
		for _, instr := range b.Instrs {
			alloc, ok := instr.(*ssa.Alloc)
			if !ok || !alloc.Heap || alloc.Comment == "complit" || alloc.Comment == "new" {
				continue
			}
			if l := vs.cellValue(alloc); l != nil {
				vs.cells[alloc] = l
				for _, r := range *alloc.Referrers() {
					if u, ok := r.(*ssa.UnOp); ok {
						vs.of[u] = l
					}
				}
			}
		}
	}
}

// cellValue returns the Loc of the one tracked value stored in cell, when that store comes
// before every read and the cell is otherwise only read, captured, or described.
func (vs *valueScan) cellValue(cell *ssa.Alloc) *Loc {
	var store *ssa.Store
	for _, r := range *cell.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if store != nil || r.Addr != cell {
				return nil
			}
			store = r
		case *ssa.UnOp, *ssa.MakeClosure, *ssa.DebugRef:
		default:
			return nil
		}
	}
	if store == nil || vs.of[store.Val] == nil {
		return nil
	}
	for _, r := range *cell.Referrers() {
		if u, ok := r.(*ssa.UnOp); ok && !before(store, u) {
			return nil
		}
	}
	return vs.of[store.Val]
}

// before reports whether instruction a runs before b on every path to b.
func before(a, b ssa.Instruction) bool {
	if a.Block() != b.Block() {
		return a.Block().Dominates(b.Block())
	}
	for _, instr := range a.Block().Instrs {
		switch instr {
		case a:
			return true
		case b:
			return false
		}
	}
	return false
}

// bound is the Loc of a value a closure captures: the value itself, or the cell that holds it.
func (vs *valueScan) bound(b ssa.Value) *Loc {
	if l := vs.of[b]; l != nil {
		return l
	}
	return vs.cells[b]
}

// captured lets the values held in the cells closure mc captures escape into it, unless the
// closure only releases them when deferred (released).
func (a *fnAnalysis) captured(mc *ssa.MakeClosure, released map[ssa.Value]bool) {
	if a.vals == nil {
		return
	}
	for _, b := range mc.Bindings {
		if l := a.vals.cells[b]; l != nil && !released[b] {
			a.escapes[mc] = append(a.escapes[mc], l)
		}
	}
}
