// Package untesteddirective: a //refvet:acquires directive on an interface method with a
// pointer result (by SPEC it acquires when the result is non-nil) whose caller never tests the
// result. SPEC, "Conditions the caller never tests" ("by body or by directive"): held after
// the call. Expected: silence.
package untesteddirective

import "github.com/refvet/refvet/ref"

// Plugin is tracked; the registry hands plugins out.
type Plugin struct {
	refs ref.Count
	name string
}

// Run calls the plugin.
func (p *Plugin) Run() string { return p.name }

// Registry's methods have no body: directives declare their summaries. Get returns nil when
// name is unknown, so by SPEC it acquires only when its result is non-nil.
type Registry interface {
	//refvet:acquires r
	Get(name string, r *ref.Ref) *Plugin

	//refvet:releases r
	Put(p *Plugin, r *ref.Ref)
}

// RunPlugin never tests Get's result (the plugin is built in). Correct: held.
func RunPlugin(reg Registry) string {
	var r ref.Ref
	p := reg.Get("builtin", &r)
	s := p.Run()
	reg.Put(p, &r)
	return s
}

// RunPluginDefer is RunPlugin with a deferred put on the plugin's own count. Correct.
func RunPluginDefer(reg Registry) string {
	var r ref.Ref
	p := reg.Get("builtin", &r)
	defer p.refs.Put(&r)
	return p.Run()
}
