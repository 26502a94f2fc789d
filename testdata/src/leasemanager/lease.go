// Package leasemanager grants time-limited leases on shared resources: each lease holds a
// reference on its resource's holders count in a member until it is released, handed over or
// expires; a resource admits a bounded number of holders (a bool-conditional acquire); an
// expiry loop reaps leases with select on a ticker. Mostly correct code; the bugs carry the
// diagnostics refvet must give.
package leasemanager

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/refvet/refvet/ref"
)

var (
	ErrUnknown = errors.New("leasemanager: unknown lease or resource")
	ErrBusy    = errors.New("leasemanager: resource busy")
	ErrExpired = errors.New("leasemanager: lease expired")
)

// Resource is a shared resource; holders counts its leases.
type Resource struct {
	holders ref.Count
	name    string
	max     int
}

// Lease is one grant on a resource.
type Lease struct {
	id      uint64
	res     *Resource
	resRef  ref.Ref
	expires time.Time
}

// Manager grants leases.
type Manager struct {
	mu     sync.Mutex
	res    map[string]*Resource
	leases map[uint64]*Lease
	nextID uint64
	now    func() time.Time
}

// New makes a manager of the given resources.
func New(rs []*Resource) *Manager {
	m := &Manager{res: map[string]*Resource{}, leases: map[uint64]*Lease{}, now: time.Now}
	for _, r := range rs {
		m.res[r.name] = r
	}
	return m
}

// admit takes a holders reference into r unless the resource is full.
func admit(res *Resource, r *ref.Ref) bool {
	if res.holders.Refs() >= res.max {
		return false
	}
	res.holders.Get(r)
	return true
}

// Grant leases name for ttl. Correct: the admission reference moves into the lease.
func (m *Manager) Grant(name string, ttl time.Duration) (uint64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	res := m.res[name]
	if res == nil {
		return 0, ErrUnknown
	}
	var r ref.Ref
	if !admit(res, &r) {
		return 0, ErrBusy
	}
	m.nextID++
	l := &Lease{id: m.nextID, res: res, expires: m.now().Add(ttl)}
	res.holders.Move(&l.resRef, &r)
	m.leases[l.id] = l
	return l.id, nil
}

// release ends l; the caller holds m.mu and has removed l from the table.
func (l *Lease) release() {
	if res := l.res; res != nil {
		l.res = nil
		res.holders.Put(&l.resRef)
	}
}

// Release ends lease id. Correct.
func (m *Manager) Release(id uint64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	l, ok := m.leases[id]
	if !ok {
		return ErrUnknown
	}
	delete(m.leases, id)
	l.release()
	return nil
}

// Upgrade moves lease id to resource name, the exec_mmap way. Bug: asking for the resource
// the lease already has returns with the new admission reference still held.
func (m *Manager) Upgrade(id uint64, name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	l := m.leases[id]
	nr := m.res[name]
	if l == nil || nr == nil || l.res == nil {
		return ErrUnknown
	}
	var nref ref.Ref
	if !admit(nr, &nref) { // want `nref leaks: the reference it takes on nr.holders is still held at the return at line 120`
		return ErrBusy
	}
	if nr == l.res {
		return nil
	}
	old := l.res
	var oref ref.Ref
	old.holders.Move(&oref, &l.resRef)
	l.res = nr
	nr.holders.Move(&l.resRef, &nref)
	old.holders.Put(&oref)
	return nil
}

// Reissue replaces lease id by a new one on the same resource with a fresh expiry. Bug: the
// new lease takes a reference and the old one drops its own right after: a move written the
// slow way.
func (m *Manager) Reissue(id uint64, ttl time.Duration) (uint64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	old, ok := m.leases[id]
	if !ok || old.res == nil {
		return 0, ErrUnknown
	}
	res := old.res
	m.nextID++
	nl := &Lease{id: m.nextID, res: res, expires: m.now().Add(ttl)}
	res.holders.Get(&nl.resRef) // want `Get into nl.resRef on res.holders followed by the Put of old.resRef at line 145 is a move written the slow way`
	res.holders.Put(&old.resRef)
	old.res = nil
	delete(m.leases, id)
	m.leases[nl.id] = nl
	return nl.id, nil
}

// Handover ends lease id and gives its reference to the caller in r, when err is nil.
// Correct: an expired lease's reference is dropped and the caller is told.
func (m *Manager) Handover(id uint64, r *ref.Ref) (*Resource, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	l, ok := m.leases[id]
	if !ok || l.res == nil {
		return nil, ErrUnknown
	}
	delete(m.leases, id)
	res := l.res
	l.res = nil
	if m.now().After(l.expires) {
		res.holders.Put(&l.resRef)
		return nil, ErrExpired
	}
	res.holders.Move(r, &l.resRef)
	return res, nil
}

// With runs fn while holding a short admission on name. Correct.
func (m *Manager) With(name string, fn func(*Resource) error) error {
	m.mu.Lock()
	res := m.res[name]
	m.mu.Unlock()
	if res == nil {
		return ErrUnknown
	}
	var r ref.Ref
	if !admit(res, &r) {
		return ErrBusy
	}
	defer res.holders.Put(&r)
	return fn(res)
}

// reap ends every lease expired at now. Correct.
func (m *Manager) reap(now time.Time) (n int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for id, l := range m.leases {
		if now.Before(l.expires) {
			continue
		}
		delete(m.leases, id)
		l.release()
		n++
	}
	return n
}

// Run reaps expired leases every period until ctx is done, reporting each round through
// report. Correct.
func (m *Manager) Run(ctx context.Context, every time.Duration, report func(int)) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case now := <-t.C:
			if n := m.reap(now); n > 0 && report != nil {
				report(n)
			}
		}
	}
}

// Extend prolongs lease id by d if its resource is not full, taking a short admission to
// check; the admission is dropped through a closure called later on every path. Correct.
func (m *Manager) Extend(id uint64, d time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	l := m.leases[id]
	if l == nil || l.res == nil {
		return ErrUnknown
	}
	res := l.res
	var probe ref.Ref
	if !admit(res, &probe) {
		return ErrBusy
	}
	done := func() { res.holders.Put(&probe) }
	if m.now().After(l.expires) {
		done()
		return ErrExpired
	}
	l.expires = l.expires.Add(d)
	done()
	return nil
}
