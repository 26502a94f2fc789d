//go:build refdebug && !amd64 && !arm64

package ref

// Frame-pointer unwinding is only written for amd64 and arm64; elsewhere stacks come
// from runtime.Callers.
const useFP = false

func fpwalk(pcs []uintptr) int { panic("unreachable") }
