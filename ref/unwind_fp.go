//go:build refdebug && (amd64 || arm64)

package ref

import "os"

// fpwalk returns the physical return addresses of its caller's callers,
// found by frame pointers; see unwind_amd64.s and unwind_arm64.s.
//
//go:noescape
func fpwalk(pcs []uintptr) int

// useFP selects frame-pointer unwinding, several times cheaper than
// runtime.Callers, which is what makes a stack per Get and per Put
// affordable. Go keeps frame pointers on amd64 and arm64. REFDEBUG_UNWIND=callers
// falls back to runtime.Callers, for programs whose frame pointer chain
// cannot be trusted (C code on the stack compiled without frame pointers,
// calling back into Go).
var useFP = os.Getenv("REFDEBUG_UNWIND") != "callers"
