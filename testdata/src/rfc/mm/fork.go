package mm

// copyMM is copy_mm: the child shares the parent's mm (CLONE_VM) with a reference of its own,
// or gets a copy whose first reference it holds.
func copyMM(cloneVM bool, child, parent *Task) error {
	old := parent.mm
	if old == nil {
		return nil // a kernel thread has no mm
	}
	if cloneVM {
		old.users.Get(&child.mmRef)
		child.mm = old
	} else {
		m, err := dupMM(old, &child.mmRef)
		if err != nil {
			return err
		}
		child.mm = m
	}
	child.activeMM = child.mm
	child.mm.count.Get(&child.activeMMRef)
	return nil
}

// copyMMShared shares the parent's mm with the child but takes no reference for it: the
// first of the two to exit frees the other's address space.
func copyMMShared(cloneVM bool, child, parent *Task) error {
	old := parent.mm
	if old == nil {
		return nil
	}
	if cloneVM {
		child.mm = old // want `child.mm = old stores a tracked pointer with no reference behind it: child.mmRef holds none at the return at line 41`
	} else {
		m, err := dupMM(old, &child.mmRef)
		if err != nil {
			return err
		}
		child.mm = m
	}
	return nil
}

// newChild makes the child task in one literal, pointing at the parent's mm, and forgets
// the reference the literal's mm needs.
func newChild(parent *Task) *Task {
	return &Task{
		mm:         parent.mm, // want `Task{mm: parent.mm} stores a tracked pointer with no reference behind it: Task.mmRef holds none`
		realParent: parent,
	}
}

// newChildFixed takes the child's reference right after the literal.
func newChildFixed(parent *Task) *Task {
	child := &Task{mm: parent.mm, realParent: parent}
	if child.mm != nil {
		child.mm.users.Get(&child.mmRef)
	}
	return child
}
