package main

import "strings"

// vetProtocol reports whether args are a go vet invocation: go vet asks a -vettool for its
// version (-V=full) and its flags (-flags), then runs it once per package with a single *.cfg
// file as its last argument. Those are answered by unitchecker, which speaks the protocol
// exactly as cmd/go expects; everything else is the standalone command.
func vetProtocol(args []string) bool {
	for _, arg := range args {
		if arg == "--" || !strings.HasPrefix(arg, "-") {
			break
		}
		name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if name == "V" || name == "flags" {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}
