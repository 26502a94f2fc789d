// Package golangci is refvet's golangci-lint module plugin. A blank import of it registers the
// linter "refvet", which runs refvet's passes with the settings found under
// linters.settings.custom.refvet.settings in .golangci.yml; see settings.go for them and
// docs/golangci-lint.md for building a golangci-lint that includes it.
package golangci

import (
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/refvet/refvet/internal/suite"
)

// Name is the linter's name: the key under linters.settings.custom, and the suffix
// golangci-lint shows after each finding ("pairing: ... (refvet)").
const Name = "refvet"

func init() {
	register.Plugin(Name, New)
}

// plugin is refvet as golangci-lint sees it.
type plugin struct {
	analyzers []*analysis.Analyzer
}

var _ register.LinterPlugin = (*plugin)(nil)

// New decodes the settings, applies them to refvet's passes and returns the plugin.
// Settings that are misspelt or name no pass are errors: golangci-lint stops and says so,
// rather than silently running a configuration the user did not write.
func New(raw any) (register.LinterPlugin, error) {
	settings, err := register.DecodeSettings[Settings](raw)
	if err != nil {
		return nil, err
	}
	analyzers, err := settings.apply(suite.Analyzers())
	if err != nil {
		return nil, err
	}
	suite.Enable(analyzers)
	return &plugin{analyzers: analyzers}, nil
}

// BuildAnalyzers returns the passes to run.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return p.analyzers, nil
}

// GetLoadMode asks for type information: the passes build SSA and exchange facts about the
// functions of every package, so syntax alone is not enough.
func (p *plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}
