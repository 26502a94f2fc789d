// Package builtindelete reproduces an engine defect (false negative): passing a
// struct pointer to the builtin delete (as a map key) makes the engine drop every member ref of
// that struct to Unknown, as if the call could reach them. delete retains nothing and touches
// no ref, so it should leave the refs' state alone. Likely cause: internal/refstate has no case
// for *ssa.Builtin callees (no match for Builtin anywhere in the engine), so the builtin is an
// unknown call and its pointer argument escapes with every member ref it reaches. (close(old.ch)
// is harmless only because it passes a loaded channel, not old.) Builtins that never retain nor
// call (delete, len, cap, print, clear of a map, min/max) could be skipped. Realistic shape: unsubscribe code that does
// `delete(t.subs, old)` next to moving old.topicRef out.
//
// Expected: the moveref diagnostic below. Observed: none (without the delete it is reported).
package builtindelete

import "github.com/refvet/refvet/ref"

type Topic struct {
	refs ref.Count
}

type Sub struct {
	topic    *Topic
	topicRef ref.Ref
}

func release(t *Topic, r *ref.Ref) { t.refs.Put(r) }

func Resubscribe(old *Sub, subs map[*Sub]bool) *Sub {
	t := old.topic
	s := &Sub{topic: t}
	t.refs.Move(&s.topicRef, &old.topicRef)
	old.topic = nil
	delete(subs, old)
	release(t, &old.topicRef) // want `release of old.topicRef on t.refs, but its reference was moved out at line 30`
	return s
}
