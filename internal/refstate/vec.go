package refstate

// vec is a persistent vector of States indexed by Loc.ID: a tree of width 8 whose nodes are
// shared between program points and copied only along the path of an update. Copying a state
// is free, an update costs O(log n), and joining or comparing two states costs what differs
// between them, since equal subtrees are the same pointer. That keeps the dataflow linear in
// blocks × changes rather than blocks × refs.
type vec struct {
	root   *vnode
	height int // 0: root is a leaf
}

const (
	vecBits  = 3
	vecWidth = 1 << vecBits
)

// A vnode is a leaf (vals) or an interior node (kids); nil pointers stand for all-zero subtrees.
type vnode struct {
	kids  *[vecWidth]*vnode
	vals  *[vecWidth]State
	flags vflags // union of the flags of everything below
}

type vflags uint8

const (
	vGuard   vflags = 1 << iota // some State has a guard
	vPending                    // some State has a deferred release registered
	vAny                        // some State is reached
)

func stateFlags(s State) vflags {
	var f vflags
	if s.reached() {
		f |= vAny
	}
	if s.Guard.set() {
		f |= vGuard
	}
	if s.Cases.pending() {
		f |= vPending
	}
	return f
}

func newVec(n int) vec {
	h := 0
	for c := vecWidth; c < n; c *= vecWidth {
		h++
	}
	return vec{height: h}
}

func slot(i, h int) int { return i >> (uint(h) * vecBits) & (vecWidth - 1) }

func (v vec) get(i int) State {
	nd := v.root
	for h := v.height; h > 0 && nd != nil; h-- {
		nd = nd.kids[slot(i, h)]
	}
	if nd == nil {
		return State{}
	}
	return nd.vals[slot(i, 0)]
}

func (v vec) set(i int, s State) vec {
	if v.get(i) == s {
		return v // keep the tree shared
	}
	v.root = setNode(v.root, v.height, i, s)
	return v
}

func setNode(nd *vnode, h, i int, s State) *vnode {
	out := &vnode{}
	k := slot(i, h)
	if h == 0 {
		out.vals = new([vecWidth]State)
		if nd != nil {
			*out.vals = *nd.vals
		}
		out.vals[k] = s
	} else {
		out.kids = new([vecWidth]*vnode)
		if nd != nil {
			*out.kids = *nd.kids
		}
		out.kids[k] = setNode(out.kids[k], h-1, i, s)
	}
	out.flags = out.computeFlags()
	return out
}

func (nd *vnode) computeFlags() vflags {
	var f vflags
	if nd.vals != nil {
		for _, s := range nd.vals {
			f |= stateFlags(s)
		}
		return f
	}
	for _, k := range nd.kids {
		if k != nil {
			f |= k.flags
		}
	}
	return f
}

// joinVec joins two vectors of the same length.
func joinVec(a, b vec) vec {
	a.root = joinNode(a.root, b.root, a.height)
	return a
}

func joinNode(a, b *vnode, h int) *vnode {
	switch {
	case a == b || b == nil:
		return a
	case a == nil:
		return b
	}
	out := &vnode{}
	same := true
	if h == 0 {
		out.vals = new([vecWidth]State)
		for k := range a.vals {
			out.vals[k] = join(a.vals[k], b.vals[k])
			same = same && out.vals[k] == a.vals[k]
		}
	} else {
		out.kids = new([vecWidth]*vnode)
		for k := range a.kids {
			out.kids[k] = joinNode(a.kids[k], b.kids[k], h-1)
			same = same && out.kids[k] == a.kids[k]
		}
	}
	if same {
		return a // keep sharing, so later comparisons stay cheap
	}
	out.flags = out.computeFlags()
	return out
}

func equalVec(a, b vec) bool { return equalNode(a.root, b.root, a.height) }

func equalNode(a, b *vnode, h int) bool {
	switch {
	case a == b:
		return true
	case a == nil:
		return b.flags == 0
	case b == nil:
		return a.flags == 0
	}
	if h == 0 {
		return *a.vals == *b.vals
	}
	for k := range a.kids {
		if !equalNode(a.kids[k], b.kids[k], h-1) {
			return false
		}
	}
	return true
}

// each calls f for every State under a node whose flags include want (vAny: every reached
// State), skipping whole subtrees that have none.
func (v vec) each(want vflags, f func(i int, s State)) {
	eachNode(v.root, v.height, 0, want, f)
}

func eachNode(nd *vnode, h, base int, want vflags, f func(int, State)) {
	if nd == nil || nd.flags&want == 0 {
		return
	}
	if h == 0 {
		for k, s := range nd.vals {
			if stateFlags(s)&want != 0 {
				f(base+k, s)
			}
		}
		return
	}
	for k, kid := range nd.kids {
		eachNode(kid, h-1, base+k<<(uint(h)*vecBits), want, f)
	}
}

// eachDiff calls f for every index where a and b differ, skipping shared subtrees.
func eachDiff(a, b vec, f func(i int, x, y State)) {
	diffNode(a.root, b.root, a.height, 0, f)
}

func diffNode(a, b *vnode, h, base int, f func(int, State, State)) {
	if a == b {
		return
	}
	if h == 0 {
		var zero [vecWidth]State
		av, bv := &zero, &zero
		if a != nil {
			av = a.vals
		}
		if b != nil {
			bv = b.vals
		}
		for k := range av {
			if av[k] != bv[k] {
				f(base+k, av[k], bv[k])
			}
		}
		return
	}
	for k := 0; k < vecWidth; k++ {
		var ak, bk *vnode
		if a != nil {
			ak = a.kids[k]
		}
		if b != nil {
			bk = b.kids[k]
		}
		diffNode(ak, bk, h-1, base+k<<(uint(h)*vecBits), f)
	}
}
