// Package pluginapi defines reference-counted plugins, the wrappers that take and drop
// references on them, and the interfaces (with directives, having no body) through which a
// registry finds and loads them. All correct; pluginregistry uses it through facts.
package pluginapi

import (
	"context"
	"sync/atomic"

	"github.com/refvet/refvet/ref"
)

// Handler serves one call.
type Handler func(ctx context.Context, req []byte) ([]byte, error)

// Plugin is a loaded plugin; refs counts its holders and in-flight calls.
type Plugin struct {
	refs      ref.Count
	Name      string
	Version   int
	handler   Handler
	unloading atomic.Bool
}

// New makes a plugin whose first reference the caller holds in r.
func New(name string, version int, h Handler, r *ref.Ref) *Plugin {
	p := &Plugin{Name: name, Version: version, handler: h}
	p.refs.Get(r)
	return p
}

// Acquire takes a reference into r.
func Acquire(p *Plugin, r *ref.Ref) { p.refs.Get(r) }

// TryAcquire takes a reference into r unless the plugin is unloading.
func TryAcquire(p *Plugin, r *ref.Ref) bool {
	if p.unloading.Load() {
		return false
	}
	return p.refs.TryGet(r)
}

// Release drops r's reference and reports whether it was the last one.
func Release(p *Plugin, r *ref.Ref) bool { return p.refs.Put(r) }

// Transfer moves src's reference to dst.
func Transfer(p *Plugin, dst, src *ref.Ref) { p.refs.Move(dst, src) }

// Unload marks p as unloading: TryAcquire fails from now on.
func Unload(p *Plugin) { p.unloading.Store(true) }

// Call calls the plugin; the caller holds a reference.
func (p *Plugin) Call(ctx context.Context, req []byte) ([]byte, error) {
	return p.handler(ctx, req)
}

// Source loads plugins from somewhere (disk, network): Load acquires into r when err == nil.
type Source interface {
	//refvet:acquires r
	Load(ctx context.Context, name string, r *ref.Ref) (*Plugin, error)
}

// Lookuper finds loaded plugins: Lookup acquires into r when its result is non-nil; Drop
// releases r. Generic helpers use it as a constraint.
type Lookuper interface {
	//refvet:acquires r
	Lookup(name string, r *ref.Ref) *Plugin

	//refvet:releases r
	Drop(p *Plugin, r *ref.Ref)
}
