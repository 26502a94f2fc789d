//go:build refdebug

package ref

import "fmt"

// The operations below run with cs.mu held. They build the Violation
// under the locks, so that it describes one consistent state, and leave
// reporting to the caller, after unlocking: a reporter may panic or call
// back into the package.

func (cs *countState) get(rs *refState, at *stack, try bool) (*Violation, bool) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	switch {
	case rs.cs != nil:
		return cs.doubleGet(rs, at), false
	case cs.n == 0 && (try || cs.born):
		if try {
			return nil, false
		}
		return cs.getOnDead(at), false
	}
	if !cs.born {
		cs.born, cs.first = true, at
	}
	cs.n++
	rs.cs, rs.taken, rs.moved = cs, at, nil
	cs.holders.push(rs)
	return nil, true
}

func (cs *countState) put(rs *refState, at *stack) (*Violation, bool) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	switch rs.cs {
	case nil:
		return cs.putNotHeld(rs, at), false
	case cs:
	default:
		return cs.putWrongCount(rs, at), false
	}
	cs.n--
	cs.holders.remove(rs)
	if cs.n == 0 {
		cs.death, cs.deathTaken = at, rs.taken
	}
	rs.past = event{how: "put", at: at, taken: rs.taken, cs: cs}
	rs.cs, rs.taken, rs.moved = nil, nil, nil
	return nil, cs.n == 0
}

func (cs *countState) move(ds, ss *refState, at *stack) *Violation {
	ss.mu.Lock()
	held, taken := ss.cs, ss.taken
	var v *Violation
	switch held {
	case nil:
		v = cs.moveFromEmpty(ss, at)
	case cs:
	default:
		v = cs.moveWrongCount(ss, at)
	}
	ss.mu.Unlock()
	if v != nil {
		return v
	}
	ds.mu.Lock()
	if ds.cs != nil {
		v = cs.moveIntoFull(ds, at)
	}
	ds.mu.Unlock()
	if v != nil {
		return v
	}
	ss.mu.Lock()
	ss.past = event{how: "moved out", at: at, taken: taken, cs: cs}
	ss.cs, ss.taken, ss.moved = nil, nil, nil
	ss.mu.Unlock()
	cs.holders.remove(ss)
	ds.mu.Lock()
	ds.cs, ds.taken, ds.moved = cs, taken, at
	ds.mu.Unlock()
	cs.holders.push(ds)
	return nil
}

// holding describes the reference rs holds, for a Violation; rs.mu held.
func (rs *refState) holding(label string) []Stack {
	s := []Stack{rs.taken.labelled(label)}
	if rs.moved != nil {
		s = append(s, rs.moved.labelled("and moved into it at"))
	}
	return s
}

// history describes how rs's previous reference ended; rs.mu held.
func (rs *refState) history() []Stack {
	e := rs.past
	if e.how == "" {
		return nil
	}
	return []Stack{
		e.at.labelled(fmt.Sprintf("this Ref's reference on count #%d was %s before at", e.cs.id, e.how)),
		e.taken.labelled("that reference had been taken at"),
	}
}

func (cs *countState) doubleGet(rs *refState, at *stack) *Violation {
	msg := fmt.Sprintf("Get on count #%d into a Ref that already holds a reference", cs.id)
	if rs.cs != cs {
		msg += fmt.Sprintf(" on count #%d", rs.cs.id)
	}
	msg += evictedNote(at, rs.taken, rs.moved)
	return &Violation{Kind: DoubleGet, Msg: msg,
		Stacks: append([]Stack{at.labelled("get here")}, rs.holding("the Ref's reference was taken at")...)}
}

func (cs *countState) getOnDead(at *stack) *Violation {
	return &Violation{Kind: GetOnDead,
		Msg: fmt.Sprintf("Get on count #%d, which already dropped to zero: the object is dead", cs.id) +
			evictedNote(at, cs.death, cs.deathTaken),
		Stacks: []Stack{
			at.labelled("get here"),
			cs.death.labelled("the count dropped to zero at"),
			cs.deathTaken.labelled("by putting the reference taken at"),
		}}
}

func (cs *countState) putNotHeld(rs *refState, at *stack) *Violation {
	return &Violation{Kind: PutNotHeld,
		Msg: fmt.Sprintf("Put on count #%d through a Ref that holds no reference", cs.id) +
			evictedNote(at, rs.past.at, rs.past.taken),
		Stacks: append([]Stack{at.labelled("put here")}, rs.history()...)}
}

func (cs *countState) putWrongCount(rs *refState, at *stack) *Violation {
	return &Violation{Kind: PutWrongCount,
		Msg: fmt.Sprintf("Put on count #%d through a Ref that holds a reference on count #%d", cs.id, rs.cs.id) +
			evictedNote(at, rs.taken, rs.moved),
		Stacks: append([]Stack{at.labelled("put here")},
			rs.holding(fmt.Sprintf("the Ref's reference on count #%d was taken at", rs.cs.id))...)}
}

func (cs *countState) moveFromEmpty(ss *refState, at *stack) *Violation {
	return &Violation{Kind: MoveFromEmpty,
		Msg: fmt.Sprintf("Move on count #%d from a Ref that holds no reference", cs.id) +
			evictedNote(at, ss.past.at, ss.past.taken),
		Stacks: append([]Stack{at.labelled("move here")}, ss.history()...)}
}

func (cs *countState) moveWrongCount(ss *refState, at *stack) *Violation {
	return &Violation{Kind: MoveWrongCount,
		Msg: fmt.Sprintf("Move on count #%d from a Ref that holds a reference on count #%d", cs.id, ss.cs.id) +
			evictedNote(at, ss.taken, ss.moved),
		Stacks: append([]Stack{at.labelled("move here")},
			ss.holding(fmt.Sprintf("the source's reference on count #%d was taken at", ss.cs.id))...)}
}

func (cs *countState) moveIntoFull(ds *refState, at *stack) *Violation {
	return &Violation{Kind: MoveIntoFull,
		Msg: fmt.Sprintf("Move on count #%d into a Ref that already holds a reference on count #%d", cs.id, ds.cs.id) +
			evictedNote(at, ds.taken, ds.moved),
		Stacks: append([]Stack{at.labelled("move here")},
			ds.holding("the destination's reference was taken at")...)}
}

// refGone runs once a Ref is unreachable. If it still holds, nobody can
// ever put that reference: its holder forgot to.
func refGone(rs *refState) {
	rs.mu.Lock()
	rs.lost = true
	var v *Violation
	if rs.cs != nil {
		v = &Violation{Kind: RefLeak,
			Msg: fmt.Sprintf("a Ref became unreachable while holding a reference on count #%d: it was never put",
				rs.cs.id) + evictedNote(rs.taken, rs.moved),
			Stacks: rs.holding("the reference was taken at")}
	}
	rs.mu.Unlock()
	if v != nil {
		report(v)
	}
}

// objectGone runs once the object containing a Count is unreachable. If
// references are still held, their holders can never put them: they lost
// the pointer to the object without putting its reference.
func objectGone(cs *countState) {
	cs.unregister()
	cs.mu.Lock()
	var v *Violation
	if cs.n > 0 {
		v = &Violation{Kind: ObjectLeak,
			Msg: fmt.Sprintf("an object became unreachable while %d reference(s) on its count #%d were held",
				cs.n, cs.id)}
		firstShown := false
		shown := []*stack{}
		for rs := cs.holders.head; rs != nil; rs = rs.next {
			s, taken, moved := rs.describe()
			v.Stacks = append(v.Stacks, s...)
			shown = append(shown, taken, moved)
			firstShown = firstShown || taken == cs.first
		}
		if !firstShown {
			// Tells which object it was when its holders took theirs elsewhere.
			v.Stacks = append(v.Stacks, cs.first.labelled("the object's first reference had been taken at"))
			shown = append(shown, cs.first)
		}
		v.Msg += evictedNote(shown...)
	}
	cs.mu.Unlock()
	if v != nil {
		report(v)
	}
}

// describe lists one outstanding holder for an ObjectLeak.
func (rs *refState) describe() (s []Stack, taken, moved *stack) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	label := "held by a Ref that took it at"
	if rs.lost {
		label = "held by a Ref, itself unreachable, that took it at"
	}
	return rs.holding(label), rs.taken, rs.moved
}
