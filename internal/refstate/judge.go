package refstate

// This file holds the classification of the operations that drop a reference (puts, releasing
// calls, the source of a move) and take one (Get, TryGet), from the states before them.

// PutProblem is what is wrong with the ref a put (or releasing call, or move) drops.
type PutProblem uint8

const (
	PutOK         PutProblem = iota
	PutNeverTaken            // the ref never held anything on some path
	PutAgain                 // it was put already on some path
	PutFailed                // the acquire that should have filled it failed on some path
	PutMovedOut              // its reference was moved out
	PutWrongCount            // it holds a reference on another count
)

// JudgePut classifies a put event; other is the site that explains it (the earlier put, the
// move, the failed acquire, the take on the other count).
func (f *Func) JudgePut(e Event) (PutProblem, *Site) {
	if e.Site.Dst == nil {
		return PutOK, nil
	}
	return f.judgeDrop(e.Site, e.Site.Dst, e.DstBefore)
}

// JudgeMoveSrc classifies the source of a move event (a Move, or a call of a function that
// wraps one) as JudgePut classifies a put's ref: a move drops its source's reference the way a
// put does.
func (f *Func) JudgeMoveSrc(e Event) (PutProblem, *Site) {
	s := e.Site
	if s == nil || s.Op != OpMove || s.Src == nil || s.Src == s.Dst {
		return PutOK, nil
	}
	return f.judgeDrop(s, s.Src, e.SrcBefore)
}

// judgeDrop classifies site s dropping the reference of ref l, whose state before it was st.
func (f *Func) judgeDrop(s *Site, l *Loc, st State) (PutProblem, *Site) {
	if st.Unknown || s.When == Maybe && !st.Only(Empty) {
		return PutOK, nil // a closure's put on some paths: judged from an empty ref only (afterDst)
	}
	if take := f.Site(st.Take); st.MayHold() && take != nil && differentCounts(take.Count, s.Count) {
		return PutWrongCount, take
	}
	if !st.MayBeEmpty() {
		return PutOK, nil
	}
	gone := f.Site(st.Gone)
	switch {
	case gone == nil:
		return PutNeverTaken, nil
	case gone.Op == OpMove && gone.Src == l:
		return PutMovedOut, gone
	case gone.Op == OpTryGet && gone.When == Maybe:
		return PutOK, nil // emptied where a closure did not take: maybe correlated (afterDst)
	case gone.Op == OpTryGet:
		return PutFailed, gone
	}
	return PutAgain, gone
}

// DoubleGet reports whether an acquiring event took into a ref that may already hold (see
// State.MayBeFull).
func DoubleGet(e Event) bool {
	s := e.Site
	if s.When == Maybe && e.DstBefore.MayBeEmpty() {
		return false // a closure that takes on some paths only: judged where the ref is full on every path
	}
	return (s.Op == OpGet || s.Op == OpTryGet) && s.Dst != nil && e.DstBefore.MayBeFull()
}
