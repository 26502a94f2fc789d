package verdict

import "github.com/refvet/refvet/internal/refstate"

// slowMoves adds each `c.Get(&dst)` directly followed by `c.Put(&src)` on the same count of
// the same object: together they leave the count as it was and hand src's reference to dst,
// which is what `c.Move(&dst, &src)` says, without two atomic operations. A pair in which
// either half is a mistake of its own is not a move.
func (fc *funcCauses) slowMoves() {
	for _, e := range fc.f.Ran() {
		get := e.Site
		if !plainCall(get, refstate.OpGet) || refstate.DoubleGet(e) {
			continue
		}
		put := fc.f.Next(get)
		if put == nil || !plainCall(put, refstate.OpPut) || !fc.slowMovePair(get, put) {
			continue
		}
		fc.add(fc.view(Moveref, get.Pos, SlowMove{Get: get, Put: put}))
	}
}

// plainCall reports whether s is a call, not deferred, of ref.Count's method op or of a
// wrapper that always does op: `m.users.Get(&r)`, `getUser(m, &r)`, `b.Acquire(&r)`.
func plainCall(s *refstate.Site, op refstate.Op) bool {
	return s.Primitive(op) || s.Callee != nil && s.Op == op && s.When == refstate.Always && !s.Deferred && s.Dst != nil
}

// slowMovePair reports whether get and put, one right after the other, are a move: the same
// Count field of the same object (the same SSA value), two different refs, the result of a
// primitive Put unused, and the put itself no mistake.
func (fc *funcCauses) slowMovePair(get, put *refstate.Site) bool {
	if get.Count.Key == "" || get.Count.Key != put.Count.Key || get.Count.Obj == nil || get.Count.Obj != put.Count.Obj {
		return false
	}
	if put.Dst == get.Dst || put.Primitive(refstate.OpPut) && put.ResultUsed() {
		return false // Put's result says whether it dropped the last reference; a Move has none
	}
	e, ok := fc.f.EventOf(put)
	if !ok {
		return false
	}
	problem, _ := fc.f.JudgePut(e)
	_, foreign := fc.foreignHolder(e)
	return problem == refstate.PutOK && !foreign
}
