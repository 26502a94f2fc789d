// Package maplookupmember: a struct pointer read from a map with the one-result form,
// e := m[k] (an *ssa.Lookup), is not accepted as the root of a member ref (memberKey), so
// stores into e.obj are never judged: a clear inside `if e.obj != nil` that loses the member's
// reference goes unreported. The comma-ok form (an Extract) is judged. Expected: the two
// diagnostics below. (Engine: loc.go memberKey's list of root kinds; *ssa.Lookup and probably
// *ssa.TypeAssert belong there.)
package maplookupmember

import "github.com/refvet/refvet/ref"

type Object struct {
	refs ref.Count
}

type entry struct {
	obj    *Object
	objRef ref.Ref
}

// Forget clears the pointer of a map entry without putting its member. Bug.
func Forget(m map[string]*entry, k string) {
	e := m[k]
	if e != nil && e.obj != nil {
		e.obj = nil // want `e.obj = nil clears the pointer while e.objRef still holds`
	}
}

// ForgetAssert does the same with a pointer from a type assertion. Bug.
func ForgetAssert(v any) {
	e := v.(*entry)
	if e.obj != nil {
		e.obj = nil // want `e.obj = nil clears the pointer while e.objRef still holds`
	}
}
