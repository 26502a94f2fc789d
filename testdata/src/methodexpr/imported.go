package methodexpr

import (
	"github.com/refvet/refvet/ref"

	w "connwrappers"
)

// Imported releases through a method expression of another package's method, whose summary
// comes from a fact. Correct. Before the guard in pairing.reportBadPut this crashed the pass
// (a release site with a nil Dst); it still reports a leak at the Acquire.
func Imported(c *w.Conn) string {
	var r ref.Ref
	addr := c.Acquire(&r).Addr
	(*w.Conn).Release(c, &r)
	return addr
}
