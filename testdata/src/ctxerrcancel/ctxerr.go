// Package ctxerrcancel reproduces an engine defect (false negative): an acquiring function
// that starts with the idiomatic cancellation check
//
//	select {
//	case <-ctx.Done():
//		return nil, ctx.Err()
//	default:
//	}
//
// loses its "acquires when err == nil" summary, so every caller's leak goes unreported. The
// engine cannot tell that ctx.Err() is non-nil on that path (internal/refstate/derive.go:
// isNonNilError / dominatingNilness decide the ErrNil outcome per return; an unknown call
// result gives OutcomeUnknown), and a path that leaves r untouched with an unknown error outcome
// makes the summary Unknown. `if err := ctx.Err(); err != nil { return nil, err }` works. Likely
// fixes: treat ctx.Err() (context.Context.Err) in a block reached only through a receive from
// ctx.Done() as non-nil, or more generally accept an untouched ref on a return whose error
// value is a call result of an error-returning method in the ErrNil-conditional summary.
//
// Expected: the leak below. Observed: none.
package ctxerrcancel

import (
	"context"
	"errors"

	"github.com/refvet/refvet/ref"
)

var ErrGone = errors.New("gone")

type Session struct {
	refs ref.Count
}

var sessions = map[string]*Session{}

func Acquire(ctx context.Context, id string, r *ref.Ref) (*Session, error) {
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	default:
	}
	s, ok := sessions[id]
	if !ok || !s.refs.TryGet(r) {
		return nil, ErrGone
	}
	return s, nil
}

func Use(ctx context.Context, id string) {
	var r ref.Ref
	s, err := Acquire(ctx, id, &r) // want `r leaks: the reference it takes on .*refs is still held at the return at line 57`
	if err != nil {
		return
	}
	_ = s
}
