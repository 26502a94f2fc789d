// Package nodetree is a tree of reference-counted nodes: each child holds a reference on its
// parent's node only through a borrowed back-pointer, while a parent owns references on its
// children. Swapping a child follows the exec_mmap pattern. Mostly correct; bugs are marked.
package nodetree

import (
	"errors"

	"github.com/refvet/refvet/ref"
)

// Node is a reference-counted tree node.
type Node struct {
	refs ref.Count
	name string

	// The parent outlives its children: a back-pointer without a reference.
	parent *Node //refvet:borrowed

	left    *Node
	leftRef ref.Ref

	right *Node
	// the reference behind right
	//refvet:ref right
	rightHold ref.Ref

	// cache is a second tracked pointer; its member is missing. Bug: at the field.
	cache *Node // want `field cache of Node holds a \*Node with no ref.Ref member for its reference`

	// owner is a back-pointer marked at the end of its line.
	owner *Tree //refvet:borrowed
}

// Tree owns a reference on its root.
type Tree struct {
	refs    ref.Count
	root    *Node
	rootRef ref.Ref
}

// cursor walks the tree; it holds one reference on the node it stands on. Exactly one tracked
// pointer and one ref: they pair whatever their names.
type cursor struct {
	at   *Node
	hold ref.Ref
}

// view is a struct with two tracked pointers and a ref named for neither. Bug: both fields.
type view struct {
	a    *Node // want `field a of view holds a \*Node with no ref.Ref member`
	b    *Node // want `field b of view holds a \*Node with no ref.Ref member`
	keep ref.Ref
}

var ErrFull = errors.New("node already has a left child")

// NewNode makes a node whose first reference the caller holds. Correct.
func NewNode(name string, r *ref.Ref) *Node {
	n := &Node{name: name}
	n.refs.Get(r)
	return n
}

// SetLeft adopts child as n's left child, taking the caller's reference. Correct.
func (n *Node) SetLeft(child *Node, r *ref.Ref) error {
	if n.left != nil {
		return ErrFull
	}
	child.parent = n
	n.left = child
	child.refs.Move(&n.leftRef, r)
	return nil
}

// SetRight takes a reference of its own on child. Correct: rightHold is right's member by
// directive.
func (n *Node) SetRight(child *Node) {
	child.refs.Get(&n.rightHold)
	n.right = child
	child.parent = n
}

// SwapLeft replaces n's left child, exec_mmap style: move the old reference out, store the
// new pointer, move the caller's reference in, put the old one last. Correct.
func (n *Node) SwapLeft(child *Node, r *ref.Ref) {
	var oldRef ref.Ref
	old := n.left
	if old != nil {
		old.refs.Move(&oldRef, &n.leftRef)
	}
	n.left = child
	child.refs.Move(&n.leftRef, r)
	if old != nil {
		old.parent = nil
		old.refs.Put(&oldRef)
	}
}

// SwapLeftDefer does the same with the old put deferred. Correct.
func (n *Node) SwapLeftDefer(child *Node, r *ref.Ref) {
	if old := n.left; old != nil {
		var oldRef ref.Ref
		old.refs.Move(&oldRef, &n.leftRef)
		defer old.refs.Put(&oldRef)
	}
	n.left = child
	child.refs.Move(&n.leftRef, r)
}

// SwapRightLost replaces the right child without dropping the old reference. Bug: at the
// overwrite, which happens inside the `if n.right != nil` check.
func (n *Node) SwapRightLost(child *Node, r *ref.Ref) {
	if n.right != nil {
		n.right.parent = nil
		n.right = child // want `n.right = child overwrites the pointer while n.rightHold still holds the reference on the old one`
		child.refs.Move(&n.rightHold, r)
		return
	}
	n.right = child
	child.refs.Move(&n.rightHold, r)
}

// SwapRightPutFirst puts the old child in place, then takes the new. Correct.
func (n *Node) SwapRightPutFirst(child *Node) {
	if n.right != nil {
		n.right.refs.Put(&n.rightHold)
	}
	n.right = child
	child.refs.Get(&n.rightHold)
}

// DetachLeft hands the left child's reference to the caller. Correct: it moves into the
// caller's ref before clearing the pointer.
func (n *Node) DetachLeft(r *ref.Ref) *Node {
	child := n.left
	if child == nil {
		return nil
	}
	child.refs.Move(r, &n.leftRef)
	n.left = nil
	child.parent = nil
	return child
}

// DetachLeftLost clears the pointer first, then forgets the member. Bug: at the clearing store.
func (n *Node) DetachLeftLost() {
	if n.left != nil {
		n.left.parent = nil
		n.left = nil // want `n.left = nil clears the pointer while n.leftRef still holds`
	}
}

// Prune drops both children. Correct: each member is put before its pointer is cleared.
func (n *Node) Prune() {
	if n.left != nil {
		n.left.refs.Put(&n.leftRef)
		n.left = nil
	}
	if c := n.right; c != nil {
		c.refs.Put(&n.rightHold)
		n.right = nil
	}
}

// DropLeft drops a leaf child early, then drops the left reference again on the common path.
// Bug: the second Put.
func (n *Node) DropLeft() {
	l := n.left
	if l == nil {
		return
	}
	if l.left == nil && l.right == nil {
		l.parent = nil
		l.refs.Put(&n.leftRef)
	}
	l.refs.Put(&n.leftRef) // want `Put of n.leftRef on l.refs, but n.leftRef holds nothing here: it was already put at line 175`
	n.left = nil
}

// Parent returns n's parent with a reference for the caller. Correct: a borrowed pointer may
// be the object of a reference taken into the caller's ref.
func (n *Node) Parent(r *ref.Ref) *Node {
	p := n.parent
	if p != nil && !p.refs.TryGet(r) {
		return nil
	}
	return p
}

// Root walks up the borrowed pointers without references. Correct: nothing is taken.
func (n *Node) Root() *Node {
	for n.parent != nil {
		n = n.parent
	}
	return n
}

// Open points a cursor at the tree's root with its own reference. Correct.
func (t *Tree) Open() *cursor {
	c := &cursor{at: t.root}
	t.root.refs.Get(&c.hold)
	return c
}

// Down moves the cursor to the left child: get the child, then put the node it leaves. Correct
// and not a slow move: the Get and the Put are on different nodes.
func (c *cursor) Down() bool {
	next := c.at.left
	if next == nil {
		return false
	}
	var r ref.Ref
	next.refs.Get(&r)
	c.at.refs.Put(&c.hold)
	c.at = next
	next.refs.Move(&c.hold, &r)
	return true
}

// Close drops the cursor's reference. Correct.
func (c *cursor) Close() {
	if c.at != nil {
		c.at.refs.Put(&c.hold)
		c.at = nil
	}
}

// Clone gives a second cursor on the same node with a reference of its own. Correct: the
// source keeps its reference, so this is a second reference, not a move.
func (c *cursor) Clone() *cursor {
	d := &cursor{at: c.at}
	c.at.refs.Get(&d.hold)
	return d
}

// handOver gives the cursor's reference to dst the slow way: Get into dst, Put of the source,
// on the same node. Bug: slow move, at the Get.
func (c *cursor) handOver(dst *ref.Ref) *Node {
	n := c.at
	n.refs.Get(dst) // want `Get into dst on n.refs followed by the Put of c.hold at line 242 is a move written the slow way`
	n.refs.Put(&c.hold)
	c.at = nil
	return n
}

// Reroot makes child the tree's root, keeping the caller's reference in the tree. Correct.
func (t *Tree) Reroot(child *Node, r *ref.Ref) {
	var old ref.Ref
	prev := t.root
	if prev != nil {
		prev.refs.Move(&old, &t.rootRef)
	}
	t.root = child
	child.refs.Move(&t.rootRef, r)
	child.owner = t
	if prev != nil {
		prev.owner = nil
		prev.refs.Put(&old)
	}
}

// Graft roots the tree at a, then changes its mind and roots it at b, moving b's reference
// into the member that still holds a's. Bug: one mistake, reported once, at the Move into the
// full member (the overwrite before it is the same mistake).
func (t *Tree) Graft(a, b *Node, r *ref.Ref) {
	t.root = a
	a.refs.Get(&t.rootRef)
	t.root = b
	b.refs.Move(&t.rootRef, r) // want `Move into t.rootRef from r on b.refs, but t.rootRef already holds a reference on .*refs \(taken at line 268\)`
}
