// Package pluginregistry keeps loaded plugins by name: each slot holds a reference on its
// plugin in a member, calls take a reference of their own for the duration of the call (or
// load the plugin through a Source and register it), newer versions replace older ones the
// exec_mmap way, generic helpers work on any pluginapi.Lookuper. Mostly correct code; the bugs
// carry the diagnostics refvet must give.
package pluginregistry

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/refvet/refvet/ref"

	"pluginapi"
)

// ErrOlder is returned when registering a version no newer than the registered one.
var ErrOlder = errors.New("pluginregistry: not newer than the registered version")

// slot holds a registered plugin with the registry's reference on it.
type slot struct {
	plugin    *pluginapi.Plugin
	pluginRef ref.Ref
	since     time.Time
	calls     int
}

// Registry maps names to plugins.
type Registry struct {
	mu     sync.RWMutex
	slots  map[string]*slot
	src    pluginapi.Source
	onDrop []func(name string)
}

// New makes a registry that loads missing plugins from src.
func New(src pluginapi.Source) *Registry {
	return &Registry{slots: make(map[string]*slot), src: src}
}

// Register installs p with the caller's reference in r, which it moves into the slot when
// err is nil; a newer version replaces the registered one.
func (reg *Registry) Register(p *pluginapi.Plugin, r *ref.Ref) error {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	s, ok := reg.slots[p.Name]
	if !ok {
		s = &slot{plugin: p, since: time.Now()}
		pluginapi.Transfer(p, &s.pluginRef, r)
		reg.slots[p.Name] = s
		return nil
	}
	if s.plugin.Version >= p.Version {
		return fmt.Errorf("%s v%d: %w", p.Name, p.Version, ErrOlder)
	}
	old := s.plugin
	var oldRef ref.Ref
	pluginapi.Transfer(old, &oldRef, &s.pluginRef)
	s.plugin = p
	pluginapi.Transfer(p, &s.pluginRef, r)
	s.since = time.Now()
	pluginapi.Unload(old)
	pluginapi.Release(old, &oldRef)
	return nil
}

// Unregister drops the registry's reference on name's plugin. Correct.
func (reg *Registry) Unregister(name string) bool {
	reg.mu.Lock()
	s, ok := reg.slots[name]
	if !ok {
		reg.mu.Unlock()
		return false
	}
	delete(reg.slots, name)
	p := s.plugin
	s.plugin = nil
	pluginapi.Unload(p)
	last := pluginapi.Release(p, &s.pluginRef)
	hooks := reg.onDrop
	reg.mu.Unlock()
	if last {
		for _, h := range hooks {
			h(name)
		}
	}
	return true
}

// Lookup returns name's plugin with a reference in r, or nil. It implements
// pluginapi.Lookuper.
func (reg *Registry) Lookup(name string, r *ref.Ref) *pluginapi.Plugin {
	reg.mu.RLock()
	defer reg.mu.RUnlock()
	s := reg.slots[name]
	if s == nil || !pluginapi.TryAcquire(s.plugin, r) {
		return nil
	}
	return s.plugin
}

// Drop releases a reference from Lookup.
func (reg *Registry) Drop(p *pluginapi.Plugin, r *ref.Ref) { pluginapi.Release(p, r) }

// Call calls name's plugin, loading it when it is not registered. Correct.
func (reg *Registry) Call(ctx context.Context, name string, req []byte) ([]byte, error) {
	var r ref.Ref
	p := reg.Lookup(name, &r)
	if p == nil {
		return reg.loadAndCall(ctx, name, req)
	}
	defer reg.Drop(p, &r)
	return p.Call(ctx, req)
}

// loadAndCall loads name, calls it and registers it for the next caller. Bug: when the call
// fails, the loaded plugin's reference is never dropped.
func (reg *Registry) loadAndCall(ctx context.Context, name string, req []byte) ([]byte, error) {
	var r ref.Ref
	p, err := reg.src.Load(ctx, name, &r) // want `r leaks: the reference it takes on (an? )?\S*Plugin\b.* is still held at the return at line 130`
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", name, err)
	}
	out, err := p.Call(ctx, req)
	if err != nil {
		return nil, err
	}
	if err := reg.Register(p, &r); err != nil {
		// An older version raced in: keep it, drop ours.
		pluginapi.Release(p, &r)
	}
	return out, nil
}

// Held is a plugin with a reference its holder must give back with ReleaseAll.
type Held struct {
	Plugin *pluginapi.Plugin
	Ref    ref.Ref
}

// Snapshot returns every live plugin, sorted by name, each with its own reference. Correct.
func (reg *Registry) Snapshot() []Held {
	reg.mu.RLock()
	defer reg.mu.RUnlock()
	hs := make([]Held, 0, len(reg.slots))
	for _, s := range reg.slots {
		var r ref.Ref
		if !pluginapi.TryAcquire(s.plugin, &r) {
			continue
		}
		hs = append(hs, Held{})
		h := &hs[len(hs)-1]
		h.Plugin = s.plugin
		pluginapi.Transfer(s.plugin, &h.Ref, &r)
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i].Plugin.Name < hs[j].Plugin.Name })
	return hs
}

// ReleaseAll gives Snapshot's references back. Correct.
func ReleaseAll(hs []Held) {
	for i := range hs {
		pluginapi.Release(hs[i].Plugin, &hs[i].Ref)
		hs[i].Plugin = nil
	}
}

// With calls fn with name's plugin held for the duration of the call. Correct.
func With[L pluginapi.Lookuper](l L, name string, fn func(*pluginapi.Plugin) error) error {
	var r ref.Ref
	p := l.Lookup(name, &r)
	if p == nil {
		return fmt.Errorf("no plugin %q", name)
	}
	defer l.Drop(p, &r)
	return fn(p)
}

// Versions reports the version of each named plugin, skipping development builds (version
// 0). Bug: a development build is skipped with its reference still held.
func Versions[L pluginapi.Lookuper](l L, names []string) map[string]int {
	out := make(map[string]int, len(names))
	for _, n := range names {
		var r ref.Ref
		p := l.Lookup(n, &r) // want `r leaks: the reference it takes on (an? )?\S*Plugin\b.* is still held`
		if p == nil {
			continue
		}
		if p.Version == 0 {
			continue
		}
		out[n] = p.Version
		l.Drop(p, &r)
	}
	return out
}

// CallAll calls every plugin of a snapshot with a method value of Call per plugin. Correct.
func (reg *Registry) CallAll(ctx context.Context, req []byte) map[string]error {
	hs := reg.Snapshot()
	defer ReleaseAll(hs)
	errs := make(map[string]error)
	for _, h := range hs {
		call := h.Plugin.Call
		if _, err := call(ctx, req); err != nil {
			errs[h.Plugin.Name] = err
		}
	}
	return errs
}

// Count reports how many plugins are registered, through With on the registry itself.
// Correct.
func (reg *Registry) Count(names ...string) (n int) {
	for _, name := range names {
		_ = With(reg, name, func(*pluginapi.Plugin) error { n++; return nil })
	}
	return n
}

// Describe reports on a value that may be a plugin, a name or a snapshot entry, taking a
// reference where it has a plugin. Correct.
func (reg *Registry) Describe(x any) string {
	var r ref.Ref
	switch v := x.(type) {
	case *pluginapi.Plugin:
		switch ok := pluginapi.TryAcquire(v, &r); {
		case !ok:
			return v.Name + " (unloading)"
		default:
			defer pluginapi.Release(v, &r)
			return fmt.Sprintf("%s v%d", v.Name, v.Version)
		}
	case string:
		if p := reg.Lookup(v, &r); p != nil {
			defer reg.Drop(p, &r)
			return fmt.Sprintf("%s v%d", p.Name, p.Version)
		}
		return v + " (not loaded)"
	default:
		return fmt.Sprint(x)
	}
}
