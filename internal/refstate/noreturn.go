package refstate

import "go/types"

// noReturnFuncs are standard functions that never return to their caller, keyed by package
// path and then by name ("Type.Method" for methods).
var noReturnFuncs = map[string]map[string]bool{
	"os":      {"Exit": true},
	"runtime": {"Goexit": true},
	"log": {"Fatal": true, "Fatalf": true, "Fatalln": true, "Panic": true, "Panicf": true, "Panicln": true,
		"Logger.Fatal": true, "Logger.Fatalf": true, "Logger.Fatalln": true,
		"Logger.Panic": true, "Logger.Panicf": true, "Logger.Panicln": true},
	"testing": {"common.FailNow": true, "common.Fatal": true, "common.Fatalf": true, "common.SkipNow": true,
		"common.Skip": true, "common.Skipf": true, "TB.FailNow": true, "TB.Fatal": true, "TB.Fatalf": true,
		"TB.SkipNow": true, "TB.Skip": true, "TB.Skipf": true, "T.FailNow": true, "T.Fatal": true,
		"T.Fatalf": true, "B.FailNow": true, "B.Fatal": true, "B.Fatalf": true},
}

func knownNoReturn(obj *types.Func) bool {
	if obj.Pkg() == nil {
		return false
	}
	names := noReturnFuncs[obj.Pkg().Path()]
	if names == nil {
		return false
	}
	name := obj.Name()
	if sig, ok := obj.Type().(*types.Signature); ok && sig.Recv() != nil {
		if n, ok := types.Unalias(deref(sig.Recv().Type())).(*types.Named); ok {
			name = n.Obj().Name() + "." + name
		}
	}
	return names[name]
}
