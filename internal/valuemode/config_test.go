package valuemode

import (
	"errors"
	"flag"
	"io"
	"reflect"
	"testing"
)

func TestConfigFlags(t *testing.T) {
	var cfg Config
	fs := flag.NewFlagSet("refvet", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cfg.RegisterFlags(fs, "valuemode.")
	err := fs.Parse([]string{
		"-valuemode.counted=github.com/cockroachdb/pebble/v2/internal/manifest.Version:Unref|UnrefLocked/Ref",
		"-valuemode.counted=example.com/lib.Handle:Close, example.com/lib.Obj",
		"-valuemode.notcounted=github.com/cockroachdb/pebble/v2.Batch",
		"-valuemode.owned=example.com/lib.Open, example.com/lib.(*Pool).Get#1:always,google.golang.org/grpc/mem.(Buffer).Slice:err-nil",
		"-valuemode.borrowed=example.com/lib.Reader.Current",
		"-valuemode.consumes=example.com/lib.(*Iter).Init:h",
		"-valuemode.borrows=example.com/lib.Send:b",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		Counted: []TypeEntry{
			{Type: "github.com/cockroachdb/pebble/v2/internal/manifest.Version", Releases: []string{"Unref", "UnrefLocked"}, Retain: "Ref", Raw: "github.com/cockroachdb/pebble/v2/internal/manifest.Version:Unref|UnrefLocked/Ref"},
			{Type: "example.com/lib.Handle", Releases: []string{"Close"}, Raw: "example.com/lib.Handle:Close"},
			{Type: "example.com/lib.Obj", Raw: "example.com/lib.Obj"},
		},
		NotCounted: []TypeEntry{{Type: "github.com/cockroachdb/pebble/v2.Batch", Raw: "github.com/cockroachdb/pebble/v2.Batch"}},
		Owned: []ResultEntry{
			{Func: "example.com/lib.Open", Raw: "example.com/lib.Open"},
			{Func: "example.com/lib.Pool.Get", Result: 1, Cond: "always", Raw: "example.com/lib.(*Pool).Get#1:always"},
			{Func: "google.golang.org/grpc/mem.Buffer.Slice", Cond: "err-nil", Raw: "google.golang.org/grpc/mem.(Buffer).Slice:err-nil"},
		},
		Borrowed: []ResultEntry{{Func: "example.com/lib.Reader.Current", Raw: "example.com/lib.Reader.Current"}},
		Consumes: []ParamEntry{{Func: "example.com/lib.Iter.Init", Param: "h", Raw: "example.com/lib.(*Iter).Init:h"}},
		Borrows:  []ParamEntry{{Func: "example.com/lib.Send", Param: "b", Raw: "example.com/lib.Send:b"}},
	}
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("got  %+v\nwant %+v", cfg, want)
	}
	if got := fs.Lookup("valuemode.owned").Value.String(); got != "example.com/lib.Open,example.com/lib.(*Pool).Get#1:always,google.golang.org/grpc/mem.(Buffer).Slice:err-nil" {
		t.Errorf("String() = %q", got)
	}
	if err := fs.Parse([]string{"-valuemode=false"}); err != nil || !cfg.Off {
		t.Errorf("-valuemode=false: %v, Off=%v", err, cfg.Off)
	}

	// With no prefix (an analyzer's Flags), there is no switch.
	fs = flag.NewFlagSet("valuemode", flag.ContinueOnError)
	new(Config).RegisterFlags(fs, "")
	if fs.Lookup("counted") == nil || fs.Lookup("valuemode") != nil {
		t.Error("analyzer flags: want counted and no switch")
	}
}

func TestConfigErrors(t *testing.T) {
	for _, tc := range []struct{ flag, value, want string }{
		{"valuemode.counted", "Table", `-valuemode.counted: bad entry "Table": want importpath.Type`},
		{"valuemode.counted", "github.com/x/y.T.U", `-valuemode.counted: bad entry "github.com/x/y.T.U": want importpath.Type (one dot after the last slash)`},
		{"valuemode.counted", "x.T:Rel ease", `-valuemode.counted: bad entry "x.T:Rel ease": release method "Rel ease" is not a Go identifier (want importpath.Type:Release[/Retain], several releases joined by |)`},
		{"valuemode.counted", "x.T:Release/", `-valuemode.counted: bad entry "x.T:Release/": retain method "" is not a Go identifier`},
		{"valuemode.counted", "x.T:Release,x.T", `-valuemode.counted: bad entry "x.T": x.T is listed twice (also as "x.T:Release")`},
		{"valuemode.notcounted", "x.T:Release", `-valuemode.notcounted: bad entry "x.T:Release": want importpath.Type, with no methods`},
		{"valuemode.owned", "x.F:sometimes", `-valuemode.owned: bad entry "x.F:sometimes": condition "sometimes": want always or err-nil`},
		{"valuemode.owned", "x.F#-1", `-valuemode.owned: bad entry "x.F#-1": result index "-1": want a number from 0`},
		{"valuemode.owned", "x.(*T.M", `-valuemode.owned: bad entry "x.(*T.M": want importpath.Func, importpath.Type.Method or importpath.(*Type).Method`},
		{"valuemode.owned", "x.a.b.c", `-valuemode.owned: bad entry "x.a.b.c": want importpath.Func, importpath.Type.Method or importpath.(*Type).Method`},
		{"valuemode.owned", "x.(*T[K]).M", `-valuemode.owned: bad entry "x.(*T[K]).M": name the generic type "T[K]" without type arguments`},
		{"valuemode.owned", "Open", `-valuemode.owned: bad entry "Open": want importpath.Func, importpath.Type.Method or importpath.(*Type).Method`},
		{"valuemode.borrowed", "x.F:always", `-valuemode.borrowed: bad entry "x.F:always": a borrowed result takes no condition`},
		{"valuemode.consumes", "x.F", `-valuemode.consumes: bad entry "x.F": want importpath.Func:param`},
		{"valuemode.consumes", "x.F:_", `-valuemode.consumes: bad entry "x.F:_": parameter "_" is not a parameter name`},
		{"valuemode.frees", "x.F", `-valuemode.frees: not a value mode flag`},
	} {
		var cfg Config
		err := cfg.Add(tc.flag, tc.value)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s=%s: error %v\nwant %s", tc.flag, tc.value, err, tc.want)
		}
		var fe *FlagError
		if err != nil && tc.flag != "valuemode.frees" && !errors.As(err, &fe) {
			t.Errorf("%s=%s: not a *FlagError", tc.flag, tc.value)
		}
	}
	// Contradictions across flags.
	var cfg Config
	if err := cfg.Add("valuemode.owned", "x.F"); err != nil {
		t.Fatal(err)
	}
	if err := cfg.Add("valuemode.borrowed", "x.F#0"); err == nil || err.Error() != `-valuemode.borrowed: bad entry "x.F#0": result 0 of x.F is also in -valuemode.owned` {
		t.Errorf("owned and borrowed: %v", err)
	}
	if err := cfg.Add("counted", "x.T"); err != nil {
		t.Fatal(err)
	}
	if err := cfg.Add("notcounted", "x.T"); err == nil || err.Error() != `-notcounted: bad entry "x.T": x.T is also in -valuemode.counted` {
		t.Errorf("counted and notcounted: %v", err)
	}
	if err := cfg.Add("consumes", "x.F:a"); err != nil {
		t.Fatal(err)
	}
	if err := cfg.Add("borrows", "x.F:a"); err == nil {
		t.Error("consumes and borrows the same parameter: no error")
	}
	fs := flag.NewFlagSet("refvet", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	new(Config).RegisterFlags(fs, "valuemode.")
	if err := fs.Parse([]string{"-valuemode=maybe"}); err == nil {
		t.Error("-valuemode=maybe parsed")
	}
}
