// Package fdtable is a file-descriptor table in the style of the kernel's: each slot holds
// a *File with its own member ref; install, dup, dup2 (which swaps a slot) and close move
// references in and out of slots. Files have a second count, pins, for mapped pages. Mostly
// correct code; the bugs carry the diagnostics refvet must give.
package fdtable

import (
	"errors"
	"sync"

	"github.com/refvet/refvet/ref"
)

var (
	ErrBadFD = errors.New("bad file descriptor")
	ErrBusy  = errors.New("descriptor in use")
)

// File is an open file description.
type File struct {
	refs   ref.Count // holders of the description
	pins   ref.Count // mappings that keep its pages
	name   string
	data   []byte
	closed bool
}

// Open creates a file with the caller's reference in r. Correct.
func Open(name string, data []byte, r *ref.Ref) *File {
	f := &File{name: name, data: data}
	f.refs.Get(r)
	return f
}

// release drops r and closes the file with the last reference. Correct.
func (f *File) release(r *ref.Ref) {
	if f.refs.Put(r) {
		f.closed = true
	}
}

// Pin keeps f's pages mapped while r holds. Correct.
func (f *File) Pin(r *ref.Ref)   { f.pins.Get(r) }
func (f *File) Unpin(r *ref.Ref) { f.pins.Put(r) }

type slot struct {
	file    *File
	fileRef ref.Ref
	cloexec bool
}

type Table struct {
	mu    sync.Mutex
	slots []slot
}

// Install puts f into the lowest free slot, taking over r. Correct.
func (t *Table) Install(f *File, r *ref.Ref) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i := range t.slots {
		s := &t.slots[i]
		if s.file == nil {
			s.file = f
			f.refs.Move(&s.fileRef, r)
			return i
		}
	}
	t.slots = append(t.slots, slot{})
	s := &t.slots[len(t.slots)-1]
	s.file = f
	f.refs.Move(&s.fileRef, r)
	return len(t.slots) - 1
}

// InstallAt puts f at fd if it is free; on ErrBusy the caller keeps r. Correct: doing nothing
// with r on the error path is not a lie.
func (t *Table) InstallAt(fd int, f *File, r *ref.Ref) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	for len(t.slots) <= fd {
		t.slots = append(t.slots, slot{})
	}
	s := &t.slots[fd]
	if s.file != nil {
		return ErrBusy
	}
	f.refs.Move(&s.fileRef, r)
	s.file = f
	return nil
}

// Get looks fd up and takes a reference into r when err == nil (fget). Correct.
func (t *Table) Get(fd int, r *ref.Ref) (*File, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if fd < 0 || fd >= len(t.slots) || t.slots[fd].file == nil {
		return nil, ErrBadFD
	}
	f := t.slots[fd].file
	f.refs.Get(r)
	return f, nil
}

// Close empties fd: move the reference out under the lock, drop it outside. Correct.
func (t *Table) Close(fd int) error {
	t.mu.Lock()
	if fd < 0 || fd >= len(t.slots) || t.slots[fd].file == nil {
		t.mu.Unlock()
		return ErrBadFD
	}
	s := &t.slots[fd]
	f := s.file
	var r ref.Ref
	f.refs.Move(&r, &s.fileRef)
	s.file = nil
	t.mu.Unlock()
	f.release(&r)
	return nil
}

// Dup installs a second descriptor for fd's file. Correct.
func (t *Table) Dup(fd int) (int, error) {
	var r ref.Ref
	f, err := t.Get(fd, &r)
	if err != nil {
		return -1, err
	}
	return t.Install(f, &r), nil
}

// DupLimited is Dup with a descriptor limit. Bug: over the limit it closes the new descriptor
// and also drops r, which Install already took over.
func (t *Table) DupLimited(fd, limit int) (int, error) {
	var r ref.Ref
	f, err := t.Get(fd, &r)
	if err != nil {
		return -1, err
	}
	nfd := t.Install(f, &r)
	if nfd >= limit {
		t.Close(nfd)
		f.release(&r) // want `release of r on f.refs, but .*`
		return -1, ErrBusy
	}
	return nfd, nil
}

// Dup2 makes newfd refer to oldfd's file, closing what newfd had. Bug: dup2(fd, fd) returns
// without dropping the reference Get took.
func (t *Table) Dup2(oldfd, newfd int) error {
	var r ref.Ref
	f, err := t.Get(oldfd, &r) // want `r leaks: the reference it takes on .*refs is still held at the return at line 158`
	if err != nil {
		return err
	}
	if oldfd == newfd {
		return nil
	}
	t.mu.Lock()
	for len(t.slots) <= newfd {
		t.slots = append(t.slots, slot{})
	}
	s := &t.slots[newfd]
	var old ref.Ref
	oldf := s.file
	if oldf != nil {
		oldf.refs.Move(&old, &s.fileRef)
	}
	s.file = f
	f.refs.Move(&s.fileRef, &r)
	t.mu.Unlock()
	if oldf != nil {
		oldf.release(&old)
	}
	return nil
}

// Swap exchanges the files of two descriptors through a temporary ref. Correct.
func (t *Table) Swap(a, b int) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if a >= len(t.slots) || b >= len(t.slots) || t.slots[a].file == nil || t.slots[b].file == nil {
		return ErrBadFD
	}
	sa, sb := &t.slots[a], &t.slots[b]
	fa, fb := sa.file, sb.file
	var tmp ref.Ref
	fa.refs.Move(&tmp, &sa.fileRef)
	fb.refs.Move(&sa.fileRef, &sb.fileRef)
	fa.refs.Move(&sb.fileRef, &tmp)
	sa.file, sb.file = fb, fa
	return nil
}

// Replace puts f at fd in place of what is there. Bug: the old file's reference is
// overwritten, not dropped.
func (t *Table) Replace(fd int, f *File, r *ref.Ref) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if fd < 0 || fd >= len(t.slots) {
		return ErrBadFD
	}
	s := &t.slots[fd]
	if s.file != nil && s.file.closed {
		s.file = f // want `s.file = f overwrites the pointer while s.fileRef still holds the reference on the old one`
		f.refs.Move(&s.fileRef, r)
		return nil
	}
	return ErrBusy
}

// ReadAt copies from fd's pinned pages. Bug: the pin is put on the wrong count.
func (t *Table) ReadAt(fd int, off int, buf []byte) (int, error) {
	var r, pin ref.Ref
	f, err := t.Get(fd, &r)
	if err != nil {
		return 0, err
	}
	defer f.release(&r)
	f.Pin(&pin)
	n := 0
	if off < len(f.data) {
		n = copy(buf, f.data[off:])
	}
	f.refs.Put(&pin) // want `Put of pin on f.refs, but pin holds a reference on f.pins \(taken at line 221\), not on f.refs`
	return n, nil
}

// ReadAtOK is ReadAt done right. Correct.
func (t *Table) ReadAtOK(fd int, off int, buf []byte) (int, error) {
	var r, pin ref.Ref
	f, err := t.Get(fd, &r)
	if err != nil {
		return 0, err
	}
	defer f.release(&r)
	f.Pin(&pin)
	defer f.Unpin(&pin)
	if off >= len(f.data) {
		return 0, nil
	}
	return copy(buf, f.data[off:]), nil
}

// CloseOnExec drops every cloexec slot. Correct.
func (t *Table) CloseOnExec() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i := range t.slots {
		s := &t.slots[i]
		if s.file == nil || !s.cloexec {
			continue
		}
		s.file.release(&s.fileRef)
		s.file = nil
		s.cloexec = false
	}
}
