package refstate

import (
	"golang.org/x/tools/go/ssa"
)

// bottomUp orders fns so that callees (and closures) come before their callers, so each call
// finds its callee's summary ready. Mutually recursive functions come in source order; a call
// inside a cycle to a function not yet summarised is an unknown call.
func bottomUp(fns []*ssa.Function) []*ssa.Function {
	in := make(map[*ssa.Function]bool, len(fns))
	for _, fn := range fns {
		in[fn] = true
	}
	state := make(map[*ssa.Function]uint8, len(fns)) // 1: on the path, 2: done
	out := make([]*ssa.Function, 0, len(fns))
	var visit func(fn *ssa.Function)
	visit = func(fn *ssa.Function) {
		state[fn] = 1
		for _, callee := range callees(fn) {
			if in[callee] && state[callee] == 0 {
				visit(callee)
			}
		}
		state[fn] = 2
		out = append(out, fn)
	}
	for _, fn := range fns {
		if state[fn] == 0 {
			visit(fn)
		}
	}
	return out
}

// callees lists the functions fn calls statically or whose closures it makes.
func callees(fn *ssa.Function) []*ssa.Function {
	var out []*ssa.Function
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch in := instr.(type) {
			case ssa.CallInstruction:
				if c := in.Common().StaticCallee(); c != nil {
					out = append(out, declared(c))
				}
			case *ssa.MakeClosure:
				out = append(out, in.Fn.(*ssa.Function))
			}
		}
	}
	return out
}
