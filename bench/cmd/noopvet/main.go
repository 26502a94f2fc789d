// Command noopvet is the floor that refvet is measured against: a go/analysis checker built
// from the same golang.org/x/tools as refvet, running one analyzer that does nothing. Its cost
// is that of loading, parsing and type-checking the packages alone.
//
// The analyzer declares a fact type, like refvet's engine does, so that the checker loads
// every package from source (packages.LoadAllSyntax) exactly as it does for refvet; set
// NOOPVET_NOFACTS=1 to drop it and get the cheaper load that a fact-free analyzer gets
// (syntax for the named packages only, export data for their dependencies).
//
// Standalone it is "noopvet [flags] packages"; it also speaks the go vet -vettool protocol
// (multichecker switches to unitchecker when given a .cfg file).
package main

import (
	"os"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

type noFact struct{}

func (*noFact) AFact() {}

var salt string

var Analyzer = &analysis.Analyzer{
	Name:      "noop",
	Doc:       "does nothing: the cost of loading and type-checking alone",
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
	FactTypes: []analysis.Fact{(*noFact)(nil)},
}

func init() {
	// A flag with no effect: changing it between go vet runs changes vet's cache key.
	Analyzer.Flags.StringVar(&salt, "salt", "", "ignored; vary it to defeat go vet's result cache")
}

func main() {
	if os.Getenv("NOOPVET_NOFACTS") == "1" {
		Analyzer.FactTypes = nil
	}
	multichecker.Main(Analyzer)
}
