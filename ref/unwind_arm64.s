//go:build refdebug

#include "textflag.h"

// func fpwalk(pcs []uintptr) int
//
// fpwalk fills pcs with return addresses found by following the frame
// pointer chain, starting with its caller's return address. The arm64 Go
// frame saves the caller's R29 at -8(RSP) and the return address (R30) at
// 0(RSP), and points R29 at the first: so, as on amd64, the saved frame
// pointer is at 0(R29) and the frame's return address at 8(R29). fpwalk
// has no frame of its own, so R29 is still its caller's frame pointer.
// Being assembly, it cannot be preempted asynchronously, so the stack
// cannot move under it.
TEXT ·fpwalk(SB), NOSPLIT|NOFRAME, $0-32
	MOVD pcs_base+0(FP), R0
	MOVD pcs_len+8(FP), R1
	MOVD R29, R2
	MOVD $0, R3

loop:
	CMP  R1, R3
	BGE  done
	CBZ  R2, done
	MOVD 8(R2), R4
	MOVD R4, (R0)(R3<<3)
	ADD  $1, R3
	MOVD 0(R2), R5
	// Callers' frames lie at higher addresses: anything else is not a
	// Go frame pointer (the end of the chain, or a frame without one).
	CMP  R2, R5
	BLS  done
	MOVD R5, R2
	B    loop

done:
	MOVD R3, ret+24(FP)
	RET
