//go:build refdebug

#include "textflag.h"

// func fpwalk(pcs []uintptr) int
//
// fpwalk fills pcs with return addresses found by following the frame
// pointer chain, starting with its caller's return address. It has no frame
// of its own, so BP is still its caller's frame pointer. Being assembly, it
// cannot be preempted asynchronously, so the stack cannot move under it.
TEXT ·fpwalk(SB), NOSPLIT|NOFRAME, $0-32
	MOVQ pcs_base+0(FP), DI
	MOVQ pcs_len+8(FP), CX
	MOVQ BP, AX
	XORQ DX, DX

loop:
	CMPQ DX, CX
	JGE  done
	TESTQ AX, AX
	JEQ  done
	MOVQ 8(AX), R8
	MOVQ R8, (DI)(DX*8)
	INCQ DX
	MOVQ 0(AX), R9
	// Callers' frames lie at higher addresses: anything else is not a
	// Go frame pointer (the end of the chain, or a frame without one).
	CMPQ R9, AX
	JLS  done
	MOVQ R9, AX
	JMP  loop

done:
	MOVQ DX, ret+24(FP)
	RET
