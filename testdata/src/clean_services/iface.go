package clean_services

import (
	"errors"
	"fmt"

	lib "clean_wrappers"

	"github.com/refvet/refvet/ref"
)

// Opener is an interface with directives.
type Opener interface {
	//refvet:acquires r
	OpenMM(name string, r *ref.Ref) (*MM, error)
	//refvet:releases r
	CloseMM(m *MM, r *ref.Ref)
}

func useOpener(o Opener, name string) (int, error) {
	var r ref.Ref
	m, err := o.OpenMM(name, &r)
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", name, err)
	}
	defer o.CloseMM(m, &r)
	return m.size(), nil
}

func useSource(s lib.Source, name string) error {
	var r ref.Ref
	obj, err := s.Open(name, &r)
	if err != nil {
		return err
	}
	s.Close(obj, &r)
	return nil
}

func useLookup(g *lib.Registry, name string) (string, error) {
	var r ref.Ref
	o, err := g.Lookup(name, &r)
	if errors.Is(err, lib.ErrNotFound) {
		return "", nil
	} else if err != nil {
		return "", err
	}
	defer lib.Release(o, &r)
	return o.Name, nil
}

func useLookupPlain(g *lib.Registry, name string) string {
	var r ref.Ref
	o, err := g.Lookup(name, &r)
	if err != nil {
		return ""
	}
	s := o.Name
	o.Users.Put(&r)
	return s
}

func useFind(g *lib.Registry, name string) bool {
	var r ref.Ref
	o := g.Find(name, &r)
	if o == nil {
		return false
	}
	lib.Release(o, &r)
	return true
}

func useFindInit(g *lib.Registry, name string) int {
	var r ref.Ref
	if o := g.Find(name, &r); o != nil {
		defer o.Users.Put(&r)
		return len(o.Name)
	}
	return 0
}

func useHas(g *lib.Registry, name string) string {
	var r ref.Ref
	o, ok := g.Has(name, &r)
	if !ok {
		return ""
	}
	defer lib.Release(o, &r)
	return o.Name
}

func useTryAcquire(o *lib.Obj) bool {
	var r ref.Ref
	if !lib.TryAcquire(o, &r) {
		return false
	}
	lib.Release(o, &r)
	return true
}

func usePin(o *lib.Obj) {
	var p, u ref.Ref
	lib.Pin(o, &p)
	lib.Acquire(o, &u)
	lib.Release(o, &u)
	lib.Unpin(o, &p)
}

func registerNew(g *lib.Registry, name string) {
	var r ref.Ref
	o := lib.New(name, &r)
	g.Add(name, o, &r)
}

func transferLocal(o *lib.Obj) {
	var a, b ref.Ref
	lib.Acquire(o, &a)
	lib.Transfer(o, &b, &a)
	lib.Release(o, &b)
}

// lookupOrCreate returns an object with a reference in r when err == nil.
func lookupOrCreate(g *lib.Registry, name string, r *ref.Ref) (*lib.Obj, error) {
	o, err := g.Lookup(name, r)
	if err == nil {
		return o, nil
	}
	if !errors.Is(err, lib.ErrNotFound) {
		return nil, err
	}
	return lib.New(name, r), nil
}

// wrapErr wraps the lookup error.
func wrapErr(g *lib.Registry, name string, r *ref.Ref) (*lib.Obj, error) {
	o, err := g.Lookup(name, r)
	if err != nil {
		return nil, fmt.Errorf("lookup %q: %w", name, err)
	}
	return o, nil
}

func useWrapErr(g *lib.Registry) int {
	var r ref.Ref
	o, err := wrapErr(g, "k", &r)
	if err != nil {
		return 0
	}
	defer lib.Release(o, &r)
	return len(o.Name)
}

// findTask returns the mm of the first task with one, reference in r.
func findTask(ts []*Task, r *ref.Ref) (*MM, bool) {
	for _, t := range ts {
		if m := t.GetMM(r); m != nil {
			return m, true
		}
	}
	return nil, false
}

func useFindTask(ts []*Task) int {
	var r ref.Ref
	m, ok := findTask(ts, &r)
	if !ok {
		return 0
	}
	defer m.Drop(&r)
	return m.size()
}

// memOpener implements Opener.
type memOpener struct {
	mms map[string]*MM
}

func (o *memOpener) OpenMM(name string, r *ref.Ref) (*MM, error) {
	m, ok := o.mms[name]
	if !ok {
		return nil, errors.New("no such mm")
	}
	m.users.Get(r)
	return m, nil
}

func (o *memOpener) CloseMM(m *MM, r *ref.Ref) { m.users.Put(r) }

var _ Opener = (*memOpener)(nil)
