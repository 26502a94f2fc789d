package crosscheck

import (
	"math/rand/v2"
)

// Options bound what the generator makes, and switch features on and off.
type Options struct {
	MaxBits   int // input bits per function: 2^MaxBits runs at most
	MinFuncs  int
	MaxFuncs  int
	MaxStmts  int // statements per top-level block
	MaxDepth  int
	Features  Features
	WrongRate float64 // how often an op names the other count of its ref's object
}

// Features are the constructs the generator may use. Each can be switched off, which is how a
// documented limitation keeps the short run green while its reproducer stays in testdata.
type Features struct {
	Loops, Switch, Defer, DeferClosure, Closures, Returns bool
	TryGet, CondWrappers, Wrappers, Moves, Members        bool
	DeferTwice                                            bool // two deferred ops on one ref
}

// AllFeatures is everything the generator can make.
var AllFeatures = Features{
	Loops: true, Switch: true, Defer: true, DeferClosure: true, Closures: true, Returns: true,
	TryGet: true, CondWrappers: true, Wrappers: true, Moves: true, Members: true, DeferTwice: true,
}

// DefaultOptions are the options of TestCrossCheck.
func DefaultOptions() Options {
	return Options{MaxBits: 9, MinFuncs: 3, MaxFuncs: 6, MaxStmts: 6, MaxDepth: 3,
		Features: AllFeatures, WrongRate: 0.08}
}

type gen struct {
	rng  *rand.Rand
	opt  Options
	fn   *Func
	bits int
	// held is the generator's guess of which refs hold, to make programs that are mostly
	// right with a few mistakes rather than mostly noise. It has no bearing on the check.
	held map[int]bool
	// deferred: refs a deferred op names already
	deferred map[int]bool
}

// Generate makes program number index of the batch seeded by seed: the same seed and index
// always give the same program.
func Generate(seed uint64, index int, opt Options) *Prog {
	g := &gen{rng: rand.New(rand.NewPCG(seed, uint64(index)+0x9e3779b97f4a7c15)), opt: opt}
	p := &Prog{Index: index}
	n := opt.MinFuncs + g.rng.IntN(opt.MaxFuncs-opt.MinFuncs+1)
	for i := range n {
		p.Funcs = append(p.Funcs, g.genFunc(i))
	}
	emit(p)
	return p
}

func (g *gen) chance(p float64) bool { return g.rng.Float64() < p }

func (g *gen) newBit() (int, bool) {
	if g.bits >= g.opt.MaxBits {
		return 0, false
	}
	g.bits++
	return g.bits - 1, true
}

// newBits reserves n consecutive bits.
func (g *gen) newBits(n int) (int, bool) {
	if g.bits+n > g.opt.MaxBits {
		return 0, false
	}
	g.bits += n
	return g.bits - n, true
}

func (g *gen) addRef(r RefVar) int {
	g.fn.Refs = append(g.fn.Refs, r)
	return len(g.fn.Refs) - 1
}

// scope says where statements are being generated.
type scope struct {
	depth     int
	inLoop    bool
	loopRefs  []int // refs an op in the loop may name: its locals and one outer ref
	inClosure bool  // closure called in place or deferred closure: no return, defer, loop
	topLevel  bool  // function body (defer allowed here and in ifs below it, not in loops)
}

func (g *gen) genFunc(i int) *Func {
	f := &Func{Name: "F" + itoa(i), AliveBit: [numObjs]int{-1, -1, -1}}
	g.fn, g.bits, g.held, g.deferred = f, 0, map[int]bool{}, map[int]bool{}
	nLocals := 1 + g.rng.IntN(3)
	for k := range nLocals {
		field := fieldUsers
		if g.chance(0.3) {
			field = fieldCnt
		}
		g.addRef(RefVar{Name: "r" + itoa(k), Obj: objO, Field: field})
	}
	if g.opt.Features.Members {
		nMembers := g.rng.IntN(3)
		for k := range nMembers {
			field := fieldUsers
			if g.chance(0.3) {
				field = fieldCnt
			}
			m := g.addRef(RefVar{Name: "h.M" + itoa(k), Obj: objO, Field: field, Member: true})
			// A member's state at entry is the caller's business (SPEC: member refs are judged
			// while their state is known in the function): take into it first, unconditionally.
			f.Body = append(f.Body, &Stmt{Kind: SOp, Pinned: true, Op: &Op{Kind: OpGet, Obj: objO, Field: field, Dst: m, Src: -1}})
			g.held[m] = true
		}
	}
	f.Body = append(f.Body, g.genBlock(scope{topLevel: true}, 2+g.rng.IntN(g.opt.MaxStmts))...)
	f.NBits = g.bits
	return f
}

// candidates are the refs an op at sc may name.
func (g *gen) candidates(sc scope) []int {
	if sc.inLoop {
		return sc.loopRefs
	}
	var c []int
	for i, r := range g.fn.Refs {
		if !r.LoopLocal {
			c = append(c, i)
		}
	}
	return c
}

func (g *gen) genBlock(sc scope, n int) []*Stmt {
	var out []*Stmt
	for k := range n {
		isLast := k == n-1
		s := g.genStmt(sc, isLast)
		if s != nil {
			out = append(out, s)
			if s.Kind == SReturn {
				break
			}
		}
	}
	return out
}

func (g *gen) genStmt(sc scope, last bool) *Stmt {
	f := g.opt.Features
	deeper := sc.depth < g.opt.MaxDepth
	r := g.rng.Float64()
	switch {
	case r < 0.10 && deeper:
		if s := g.genIf(sc); s != nil {
			return s
		}
	case r < 0.20 && deeper && (f.TryGet || f.CondWrappers):
		if s := g.genCond(sc); s != nil {
			return s
		}
	case r < 0.25 && deeper && f.Switch && !sc.inLoop:
		if s := g.genSwitch(sc); s != nil {
			return s
		}
	case r < 0.31 && deeper && f.Loops && !sc.inLoop && !sc.inClosure:
		if s := g.genLoop(sc); s != nil {
			return s
		}
	case r < 0.36 && f.Returns && last && !sc.inClosure && !sc.topLevel:
		return &Stmt{Kind: SReturn}
	case r < 0.42 && f.Defer && !sc.inLoop && !sc.inClosure:
		if s := g.genDefer(sc); s != nil {
			return s
		}
	case r < 0.46 && deeper && f.Closures && !sc.inClosure:
		sub := sc
		sub.depth++
		sub.inClosure = true
		body := g.genBlock(sub, 1+g.rng.IntN(3))
		if len(body) > 0 {
			return &Stmt{Kind: SClosure, Then: body}
		}
	}
	if op := g.genOp(sc); op != nil {
		return &Stmt{Kind: SOp, Op: op}
	}
	return nil
}

func (g *gen) bitFor(sc scope) (Bit, bool) {
	if sc.inLoop {
		b, ok := g.newBits(3)
		return Bit{Base: b, PerIter: true}, ok
	}
	b, ok := g.newBit()
	return Bit{Base: b}, ok
}

func (g *gen) genIf(sc scope) *Stmt {
	bit, ok := g.bitFor(sc)
	if !ok {
		return nil
	}
	sub := sc
	sub.depth++
	sub.topLevel = false
	before := g.snapshot()
	then := g.genBlock(sub, 1+g.rng.IntN(3))
	afterThen := g.snapshot()
	g.held = before
	var els []*Stmt
	if g.chance(0.5) {
		els = g.genBlock(sub, 1+g.rng.IntN(3))
	}
	if g.chance(0.5) {
		g.held = afterThen
	}
	return &Stmt{Kind: SIf, Bit: bit, Then: then, Else: els}
}

func (g *gen) snapshot() map[int]bool {
	m := make(map[int]bool, len(g.held))
	for k, v := range g.held {
		m[k] = v
	}
	return m
}

// genCond makes a conditional acquire and the branches on its outcome.
func (g *gen) genCond(sc scope) *Stmt {
	f := g.opt.Features
	var op *Op
	if f.TryGet && !sc.inLoop && g.chance(0.4) {
		// TryGet on t1 or t2, each at most once per function: its outcome is the object's
		// liveness, an input bit of its own, so no two TryGets are correlated.
		for _, obj := range []int{objT1, objT2} {
			if g.fn.AliveBit[obj] >= 0 {
				continue
			}
			b, ok := g.newBit()
			if !ok {
				return nil
			}
			g.fn.AliveBit[obj] = b
			field := fieldUsers
			if g.chance(0.3) {
				field = fieldCnt
			}
			d := g.addRef(RefVar{Name: "r" + objNames[obj], Obj: obj, Field: field})
			op = &Op{Kind: OpTryGet, Obj: obj, Field: field, Dst: d, Src: -1}
			break
		}
	}
	if op == nil && f.CondWrappers {
		bit, ok := g.bitFor(sc)
		if !ok {
			return nil
		}
		d := g.pickRef(sc, false, func(r RefVar) bool { return r.Obj == objO })
		if d < 0 {
			return nil
		}
		kinds := []OpKind{OpAcqErr, OpAcqOK, OpAcqPtr}
		op = &Op{Kind: kinds[g.rng.IntN(3)], Obj: objO, Field: fieldUsers, Dst: d, Src: -1, Outcome: bit}
	}
	if op == nil {
		return nil
	}
	sub := sc
	sub.depth++
	sub.topLevel = false
	before := g.snapshot()
	g.held[op.Dst] = true
	then := g.genBlock(sub, g.rng.IntN(3))
	g.held = before
	var els []*Stmt
	if g.chance(0.5) {
		els = g.genBlock(sub, 1+g.rng.IntN(2))
	}
	if len(then) == 0 && len(els) == 0 {
		// `if ok {}` compiles to no branch at all: to refvet the caller then never tests the
		// result and the acquire counts as done (SPEC), while at run time it may fail. Test it
		// for real: back out on failure.
		els = []*Stmt{{Kind: SReturn}}
		if !g.opt.Features.Returns || sc.inClosure {
			then = []*Stmt{{Kind: SOp, Op: &Op{Kind: OpPut, Obj: op.Obj, Field: op.Field, Dst: op.Dst, Src: -1}}}
			els = nil
		}
	}
	return &Stmt{Kind: SCond, Op: op, Negate: g.chance(0.5), Then: then, Else: els}
}

func (g *gen) genSwitch(sc scope) *Stmt {
	b, ok := g.newBits(2)
	if !ok {
		return nil
	}
	sub := sc
	sub.depth++
	sub.topLevel = false
	s := &Stmt{Kind: SSwitch, Bit: Bit{Base: b}}
	before := g.snapshot()
	for c := range 3 {
		g.held = before
		s.Cases[c] = g.genBlock(sub, g.rng.IntN(3))
	}
	return s
}

// genLoop makes a loop of 0 to 3 iterations, chosen by two input bits. Its body names its own
// loop-local refs and at most one outer ref: with one outer ref every state the body can reach
// it reaches on the first iteration, so three iterations show every path the analyzer, which
// does not bound loops, considers.
func (g *gen) genLoop(sc scope) *Stmt {
	b, ok := g.newBits(2)
	if !ok {
		return nil
	}
	sub := sc
	sub.depth++
	sub.inLoop = true
	sub.topLevel = false
	var locals []int
	for k := range 1 + g.rng.IntN(2) {
		field := fieldUsers
		if g.chance(0.3) {
			field = fieldCnt
		}
		locals = append(locals, g.addRef(RefVar{Name: "l" + itoa(len(g.fn.Refs)) + "_" + itoa(k), Obj: objO, Field: field, LoopLocal: true}))
	}
	sub.loopRefs = append([]int(nil), locals...)
	if outer := g.pickRef(sc, g.chance(0.5), func(r RefVar) bool { return r.Obj == objO }); outer >= 0 && g.chance(0.7) {
		sub.loopRefs = append(sub.loopRefs, outer)
	}
	before := g.snapshot()
	for _, l := range locals {
		g.held[l] = false
	}
	body := g.genBlock(sub, 1+g.rng.IntN(4))
	g.held = before
	return &Stmt{Kind: SLoop, Bit: Bit{Base: b}, Then: body, LoopLocals: locals}
}

func (g *gen) genDefer(sc scope) *Stmt {
	if g.opt.Features.DeferClosure && g.chance(0.35) {
		sub := sc
		sub.depth++
		sub.inClosure = true
		sub.topLevel = false
		saved := g.snapshot()
		body := g.genBlock(sub, 1+g.rng.IntN(2))
		g.held = saved
		if len(body) == 0 {
			return nil
		}
		return &Stmt{Kind: SDefer, Then: body}
	}
	d := g.pickRef(sc, true, func(r RefVar) bool { return g.opt.Features.DeferTwice || !g.deferred[g.refIndex(r)] })
	if d < 0 {
		return nil
	}
	g.deferred[d] = true
	r := g.fn.Refs[d]
	op := &Op{Kind: OpPut, Obj: r.Obj, Field: g.fieldFor(r), Dst: d, Src: -1}
	if g.opt.Features.Wrappers && g.chance(0.4) {
		op.Kind = OpRelease
	}
	return &Stmt{Kind: SDefer, Op: op}
}

func (g *gen) fieldFor(r RefVar) int {
	if g.chance(g.opt.WrongRate) {
		return 1 - r.Field
	}
	return r.Field
}

// pickRef picks a ref among the candidates that pass ok, preferring one whose guessed state
// is wantHeld.
func (g *gen) pickRef(sc scope, wantHeld bool, ok func(RefVar) bool) int {
	var good, other []int
	for _, i := range g.candidates(sc) {
		if ok != nil && !ok(g.fn.Refs[i]) {
			continue
		}
		if g.held[i] == wantHeld {
			good = append(good, i)
		} else {
			other = append(other, i)
		}
	}
	switch {
	case len(good) > 0 && (len(other) == 0 || g.chance(0.8)):
		return good[g.rng.IntN(len(good))]
	case len(other) > 0:
		return other[g.rng.IntN(len(other))]
	}
	return -1
}

// genOp makes one unconditional op.
func (g *gen) genOp(sc scope) *Op {
	f := g.opt.Features
	r := g.rng.Float64()
	isO := func(v RefVar) bool { return v.Obj == objO }
	switch {
	case r < 0.14 && f.Moves:
		src := g.pickRef(sc, true, isO)
		if src < 0 {
			break
		}
		dst := g.pickRef(sc, false, func(v RefVar) bool { return isO(v) && v.Name != g.fn.Refs[src].Name })
		if dst < 0 {
			break
		}
		field := g.fieldFor(g.fn.Refs[src])
		kind := OpMove
		if f.Wrappers && g.chance(0.3) {
			kind, field = OpMoveW, fieldUsers
		}
		g.held[dst], g.held[src] = true, false
		return &Op{Kind: kind, Obj: objO, Field: field, Dst: dst, Src: src}
	case r < 0.55:
		d := g.pickRef(sc, false, isO)
		if d < 0 {
			break
		}
		field := g.fieldFor(g.fn.Refs[d])
		kind := OpGet
		if f.Wrappers && g.chance(0.3) {
			kind = OpAcquire
		}
		g.held[d] = true
		return &Op{Kind: kind, Obj: objO, Field: field, Dst: d, Src: -1}
	}
	d := g.pickRef(sc, true, nil)
	if d < 0 {
		return nil
	}
	rv := g.fn.Refs[d]
	kind := OpPut
	if f.Wrappers && g.chance(0.3) {
		kind = OpRelease
	}
	g.held[d] = false
	return &Op{Kind: kind, Obj: rv.Obj, Field: g.fieldFor(rv), Dst: d, Src: -1}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// CheckedOptions are DefaultOptions less the features of the documented limitations (see
// limitations.go): what TestCrossCheck requires to agree.
func CheckedOptions() Options {
	o := DefaultOptions()
	o.Features.Closures = false
	o.Features.DeferClosure = false
	o.Features.DeferTwice = false
	return o
}

func (g *gen) refIndex(r RefVar) int {
	for i, x := range g.fn.Refs {
		if x.Name == r.Name {
			return i
		}
	}
	return -1
}
