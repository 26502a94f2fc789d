package ref_test

import (
	"fmt"

	"github.com/refvet/refvet/ref"
)

// MM is the kernel's mm_struct: an address space with its two counts.
// users counts the tasks using the address space; count pins the struct
// itself. All users together hold a single reference on count, in
// usersRef, dropped when the last user goes.
type MM struct {
	users    ref.Count // mm_users
	count    ref.Count // mm_count
	usersRef ref.Ref   // the users' collective reference on count
}

// Task uses an address space: mm is the pointer, mmRef the reference
// that keeps it valid.
type Task struct {
	name  string
	mm    *MM
	mmRef ref.Ref
}

// NewMM returns a new address space with one user reference, taken into
// the caller's r: the caller decides where the reference lives.
func NewMM(r *ref.Ref) *MM {
	mm := new(MM)
	mm.count.Get(&mm.usersRef)
	mm.users.Get(r)
	return mm
}

// mmput drops a user reference; the last user tears the address space
// down and drops the users' reference on the struct.
func mmput(mm *MM, r *ref.Ref) {
	if mm.users.Put(r) {
		fmt.Println("last user gone: address space torn down")
		mmdrop(mm, &mm.usersRef)
	}
}

// mmdrop drops a reference on the struct itself.
func mmdrop(mm *MM, r *ref.Ref) {
	if mm.count.Put(r) {
		fmt.Println("mm_struct freed")
	}
}

// The RFC's story: a reference taken on the stack (MM_REF) is moved into
// the task that keeps it (move_mm_ref), a lazy-TLB user pins only the
// struct, and each put names the reference it drops.
func Example() {
	var mmRef ref.Ref // MM_REF(mm_ref)
	mm := NewMM(&mmRef)

	t := &Task{name: "init", mm: mm}
	mm.users.Move(&t.mmRef, &mmRef) // move_mm_ref(mm, &mm_ref, &t->mm_ref)

	var lazy ref.Ref // a CPU still running on this mm lazily
	mm.count.Get(&lazy)
	fmt.Printf("users %d, count %d\n", mm.users.Refs(), mm.count.Refs())

	mmput(t.mm, &t.mmRef) // the task exits
	t.mm = nil
	mmdrop(mm, &lazy) // the CPU switches away
	// Output:
	// users 1, count 2
	// last user gone: address space torn down
	// mm_struct freed
}

// TryGet is mmget_not_zero: take a reference through a pointer that does
// not hold one, unless the address space is already being torn down.
func ExampleCount_TryGet() {
	var owner ref.Ref
	mm := NewMM(&owner)

	var r ref.Ref
	if mm.users.TryGet(&r) {
		fmt.Println("got a reference while the owner holds one")
		mmput(mm, &r)
	}
	mmput(mm, &owner)
	if !mm.users.TryGet(&r) {
		fmt.Println("too late: the address space is gone")
	}
	// Output:
	// got a reference while the owner holds one
	// last user gone: address space torn down
	// mm_struct freed
	// too late: the address space is gone
}

// A reporter sees violations instead of the default panic. Release
// builds see this double put as an Underflow; refdebug builds as
// PutNotHeld, with the stack of the first put.
func ExampleSetReporter() {
	prev := ref.SetReporter(func(v *ref.Violation) {
		fmt.Println("caught:", v.Kind == ref.PutNotHeld || v.Kind == ref.Underflow)
	})
	defer func() { ref.SetReporter(prev) }()
	var r ref.Ref
	mm := NewMM(&r)
	mmput(mm, &r)
	mmput(mm, &r) // the bug: a second put through the same Ref
	// Output:
	// last user gone: address space torn down
	// mm_struct freed
	// caught: true
}
