// Package orderstress holds shapes whose fixpoint a visiting order other than reverse postorder
// reaches through different intermediate states: a merge visited before one of its arms, a loop
// body before its head. The engine must end in the same states whatever the order.
package orderstress

import "github.com/refvet/refvet/ref"

type Obj struct {
	users ref.Count
}

type T struct {
	mm    *Obj
	mmRef ref.Ref
}

func work() {}

// StoreInLoopAfterMerge: the store in the loop sees the field set on one arm and nil on the
// other. A merge visited with only the first arm makes the field look set for sure there.
func StoreInLoopAfterMerge(t *T, a *Obj, c bool, xs []int) {
	if c {
		t.mm = a
	} else {
		t.mm = nil
	}
	for range xs {
		t.mm = a
	}
}

// OverwriteInLoop: the loop's store overwrites the pointer stored before it, the member still
// holding what the caller left; the second store overwrites the first's.
func OverwriteInLoop(t *T, a, b *Obj, xs []int) {
	t.mm = a
	for range xs {
		t.mm = b
		t.mm = nil
	}
}

// EitherArm stores into the field on both arms of an if.
func EitherArm(t *T, a, b *Obj, c bool) {
	if c {
		t.mm = a
	} else {
		t.mm = b
	}
}

// EitherArmOverwrite overwrites a field known to hold a pointer on both arms.
func EitherArmOverwrite(t *T, a, b *Obj, c bool) {
	if t.mm == nil {
		return
	}
	if c {
		t.mm = a
	} else {
		t.mm = b
	}
}

// GuardInLoop: a branch on the same condition twice inside a loop, the take on one arm.
func GuardInLoop(o *Obj, c bool, xs []int) {
	var r ref.Ref
	for range xs {
		if c {
			o.users.Get(&r)
		}
		work()
		if c {
			o.users.Put(&r)
		}
	}
}

// TryInLoop: a conditional take whose result is tested after the loop.
func TryInLoop(o *Obj, xs []int) {
	var r ref.Ref
	ok := false
	for range xs {
		if ok {
			o.users.Put(&r)
		}
		ok = o.users.TryGet(&r)
	}
	if ok {
		o.users.Put(&r)
	}
}

// DeferInLoop registers a deferred put on one arm of a loop.
func DeferInLoop(o *Obj, c bool, xs []int) {
	var r ref.Ref
	o.users.Get(&r)
	for range xs {
		if c {
			defer o.users.Put(&r)
		}
	}
}
