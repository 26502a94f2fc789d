// Command gcl is golangci-lint v2 with the refvet plugin compiled in: what
// "golangci-lint custom" generates from .custom-gcl.yml, written out by hand so that it builds
// from the module cache without cloning golangci-lint's repository.
package main

import (
	"fmt"
	"os"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "github.com/refvet/refvet/golangci" // registers the "refvet" linter
)

func main() {
	info := commands.BuildInfo{Version: "2.15.0-refvet", Commit: "?", Date: "?", GoVersion: "?"}
	if err := commands.Execute(info); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
