package refstate

import (
	"go/types"
)

// RefPkg is the import path of the runtime library whose types the engine understands.
const RefPkg = "github.com/refvet/refvet/ref"

// isRefNamed reports whether t is the named type ref.<name>.
func isRefNamed(t types.Type, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Name() == name && obj.Pkg() != nil && obj.Pkg().Path() == RefPkg
}

// IsRef reports whether t is ref.Ref.
func IsRef(t types.Type) bool { return isRefNamed(t, "Ref") }

// IsCount reports whether t is ref.Count.
func IsCount(t types.Type) bool { return isRefNamed(t, "Count") }

// IsRefPtr reports whether t is *ref.Ref.
func IsRefPtr(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && IsRef(p.Elem())
}

// TrackedStruct returns the struct of a tracked type (a named struct with a ref.Count field),
// or nil if t is not one.
func TrackedStruct(t types.Type) *types.Struct {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil
	}
	s, ok := n.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	for i := 0; i < s.NumFields(); i++ {
		if IsCount(s.Field(i).Type()) {
			return s
		}
	}
	return nil
}

// IsTrackedPtr reports whether t is a pointer to a tracked type.
func IsTrackedPtr(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && TrackedStruct(p.Elem()) != nil
}

// countKey names a Count field independently of the object it belongs to, so that facts can
// carry it across packages: "pkg/path.MM.users".
func countKey(owner types.Type, field *types.Var) string {
	if n, ok := types.Unalias(owner).(*types.Named); ok {
		obj := n.Obj()
		if obj.Pkg() != nil {
			return obj.Pkg().Path() + "." + obj.Name() + "." + field.Name()
		}
		return obj.Name() + "." + field.Name()
	}
	return types.TypeString(owner, nil) + "." + field.Name()
}
