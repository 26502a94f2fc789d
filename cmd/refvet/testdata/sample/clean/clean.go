// Package clean uses references correctly.
package clean

import (
	"example.com/sample/mm"

	"github.com/refvet/refvet/ref"
)

// Name reads m's name while holding a reference on it.
func Name(m *mm.MM) string {
	var r ref.Ref
	m.Users.Get(&r)
	defer m.Users.Put(&r)
	return m.Name
}
