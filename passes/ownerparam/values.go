package ownerparam

import (
	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/verdict"
)

// releasedBorrowed describes the release of a value its owner keeps the reference of.
func releasedBorrowed(pass *analysis.Pass, v verdict.View, d verdict.ReleasedBorrowed) analysis.Diagnostic {
	s := d.Event.Site
	deferred := ""
	if s.Deferred {
		deferred = "; the release is deferred and runs at return"
	}
	return verdict.Diagnostic(pass, v, nil,
		"%s releases a borrowed reference: %s, so its owner releases it too; Retain it first if this function must keep it%s",
		verdict.ReleaseName(s), verdict.BorrowStory(s.Dst), deferred)
}

// unclearResult describes a function whose callers cannot know whether they own what it
// returns, or whether it took over what they passed.
func unclearResult(pass *analysis.Pass, v verdict.View, d verdict.UnclearResult) analysis.Diagnostic {
	if d.Result != nil {
		return verdict.Diagnostic(pass, v, nil,
			"%s returns an owned reference on some paths and a borrowed one on others (result %d): its callers cannot know whether to release it; Retain the borrowed one before returning it",
			name(v), d.Result.Result)
	}
	p := d.Param
	what := p.Name
	if p.Param == -1 {
		what = "its receiver"
	}
	return verdict.Diagnostic(pass, v, nil,
		"%s takes over the reference in %s on some paths only (releasing or storing it) and leaves it to the caller on others: its callers cannot know whether to release it",
		name(v), what)
}
