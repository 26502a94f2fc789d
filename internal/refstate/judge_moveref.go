package refstate

// This file holds the judgements of moves. A move's source is dropped the way a put drops its
// ref, so it is classified with the same PutProblem values as JudgePut; a put of a ref whose
// reference was moved out (PutMovedOut) is moveref's finding, not pairing's, and the two passes
// agree on it through JudgePut.

// JudgeMoveSrc classifies the source of a move event (a Move, or a call of a function that
// wraps one): PutNeverTaken, PutAgain, PutFailed or PutMovedOut when it holds nothing on some
// path, PutWrongCount when it holds a reference on another count than the move's. other is
// the site that explains it (the put, the failed acquire, the earlier move, the take).
func (f *Func) JudgeMoveSrc(e Event) (PutProblem, *Site) {
	s := e.Site
	if s == nil || s.Op != OpMove || s.Src == nil || s.Src == s.Dst {
		return PutOK, nil
	}
	return f.judgeDrop(s, s.Src, e.SrcBefore)
}

// MoveIntoHeld reports whether a move event hands a reference to a ref that may already hold
// one taken here, which would be lost. It is the move's counterpart of DoubleGet, which
// leaves moves to moveref.
func MoveIntoHeld(e Event) bool {
	s := e.Site
	return s != nil && s.Op == OpMove && s.Dst != nil && s.Dst != s.Src && !s.Deferred && e.DstBefore.MayHold()
}

// SwappedMove reports whether a move event hands over from a ref that never held into one that
// already holds: its arguments are the wrong way round. moveref reports it once, at the Move;
// the destination that then seems to hold the Move's reference is the same mistake, not a leak.
func (f *Func) SwappedMove(e Event) bool {
	problem, _ := f.JudgeMoveSrc(e)
	return problem == PutNeverTaken && MoveIntoHeld(e)
}
