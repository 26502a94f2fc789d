package verdict

import "github.com/refvet/refvet/internal/refstate"

// slowMoves adds each `c.Get(&dst)` directly followed by `c.Put(&src)` on the same count of
// the same object: together they leave the count as it was and hand src's reference to dst,
// which is what `c.Move(&dst, &src)` says, without two atomic operations. A pair in which
// either half is a mistake of its own is not a move.
func (fc *funcCauses) slowMoves() {
	for _, e := range fc.f.Ran() {
		get := e.Site
		if !get.Primitive(refstate.OpGet) || refstate.DoubleGet(e) {
			continue
		}
		put := fc.f.Next(get)
		if put == nil || !put.Primitive(refstate.OpPut) || !fc.slowMovePair(get, put) {
			continue
		}
		fc.add(fc.view(Moveref, get.Pos, SlowMove{Get: get, Put: put}))
	}
}

// slowMovePair reports whether get and put, one right after the other, are a move: the same
// Count field of the same object (the same SSA value), two different refs, the put's result
// unused, and the put itself no mistake.
func (fc *funcCauses) slowMovePair(get, put *refstate.Site) bool {
	if get.Count.Key == "" || get.Count.Key != put.Count.Key || get.Count.Obj == nil || get.Count.Obj != put.Count.Obj {
		return false
	}
	if put.Dst == get.Dst || put.ResultUsed() {
		return false
	}
	e, ok := fc.f.EventOf(put)
	if !ok {
		return false
	}
	problem, _ := fc.f.JudgePut(e)
	_, foreign := fc.foreignHolder(e)
	return problem == refstate.PutOK && !foreign
}
