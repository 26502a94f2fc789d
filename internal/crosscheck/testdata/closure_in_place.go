package p

import (
	"github.com/refvet/refvet/ref"

	"crosscheck.test/w"
)

//crosscheck:bits 0
func F1(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {
	var r ref.Ref
	func() {
		w.Release(o, &r) // runtime: PutNotHeld // refvet: none
		o.Users.Put(&r)  // runtime: PutNotHeld // refvet: PutNotHeld
	}()
}

//crosscheck:bits 0
func F2(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {
	var r2 ref.Ref
	func() {
		o.Cnt.Put(&r2) // runtime: PutNotHeld // refvet: none
		o.Users.Get(&r2)
	}()
	o.Users.Put(&r2)
}

//crosscheck:bits 0
func F3(in uint32, o, t1, t2 *w.Obj, h *w.Holder) {
	o.Cnt.Get(&h.M0)
	o.Cnt.Put(&h.M0)
	func() {
		o.Cnt.Put(&h.M0) // runtime: PutNotHeld // refvet: none
	}()
}
