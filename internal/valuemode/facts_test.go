package valuemode

import (
	"bytes"
	"encoding/gob"
	"go/types"
	"reflect"
	"testing"

	"github.com/refvet/refvet/internal/valuemode/presets"
)

func TestFactStrings(t *testing.T) {
	for _, tc := range []struct {
		f    *FuncFact
		want string
	}{
		{&FuncFact{}, "values: none"},
		{&FuncFact{
			Params:  []ParamEffect{{Param: 1, Name: "blk", Effect: Consumes, Why: ByDirective}, {Param: -1, Name: "r", Effect: ConsumesSome, Why: Inferred}},
			Results: []ResultOwnership{{Result: 0, Own: Owned, When: ErrNil, CondResult: 1, Why: Inferred}},
		}, "values: r0 owned if r1 == nil by inference; consumes on some paths r by inference; consumes blk by directive"},
		{&FuncFact{Results: []ResultOwnership{
			{Result: 1, Own: Owned, When: True, CondResult: 2, Why: ByConfig},
			{Result: 0, Own: Borrowed, CondResult: -1, Why: ByPreset},
			{Result: 3, Own: Owned, When: NonNil, CondResult: -1, Why: ByNaming},
			{Result: 2, Own: Mixed, CondResult: -1},
		}}, "values: r0 borrowed by preset; r1 owned if r2 true by config; r2 mixed by inference; r3 owned if r3 != nil by naming rule"},
		{&FuncFact{Params: []ParamEffect{{Param: 0, Effect: Borrows, Why: ByPreset}}}, "values: borrows p0 by preset"},
	} {
		if got := tc.f.String(); got != tc.want {
			t.Errorf("got  %q\nwant %q", got, tc.want)
		}
	}
	if got := (&CountedFact{Releases: []string{"Unref", "UnrefLocked"}, Retain: "Ref"}).String(); got != "counted Unref|UnrefLocked/Ref" {
		t.Errorf("CountedFact: %q", got)
	}
	if got := (&CountedFact{}).String(); got != "counted" {
		t.Errorf("CountedFact: %q", got)
	}
	if got := (&PackageFact{Declares: true, Modules: []string{"google.golang.org/grpc"}}).String(); got != "usesCounted declares google.golang.org/grpc" {
		t.Errorf("PackageFact: %q", got)
	}
}

// Facts travel by gob between go vet's units: every field must survive.
func TestFactsGob(t *testing.T) {
	for _, f := range []any{
		&FuncFact{
			Results: []ResultOwnership{{Result: 0, Own: Owned, When: ErrNil, CondResult: 1, Why: ByPreset}, {Result: 1, Own: Borrowed, CondResult: -1, Why: ByNaming}},
			Params:  []ParamEffect{{Param: -1, Name: "b", Effect: Consumes, Why: ByDirective}, {Param: 2, Name: "x", Effect: ConsumesSome}},
		},
		&CountedFact{Retain: "Ref", Releases: []string{"Unref", "UnrefLocked"}},
		&PackageFact{Modules: []string{"github.com/apache/arrow-go/v18"}, Declares: true},
	} {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(f); err != nil {
			t.Fatal(err)
		}
		back := reflect.New(reflect.TypeOf(f).Elem()).Interface()
		if err := gob.NewDecoder(&buf).Decode(back); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(f, back) {
			t.Errorf("gob round trip: %+v became %+v", f, back)
		}
	}
}

func TestMerge(t *testing.T) {
	config := &FuncFact{Results: []ResultOwnership{{Result: 0, Own: Borrowed, CondResult: -1, Why: ByConfig}}}
	directive := &FuncFact{
		Results: []ResultOwnership{{Result: 0, Own: Owned, CondResult: -1, Why: ByDirective}},
		Params:  []ParamEffect{{Param: 0, Name: "x", Effect: Consumes, Why: ByDirective}},
	}
	inferred := &FuncFact{
		Results: []ResultOwnership{{Result: 1, Own: Owned, CondResult: -1, Why: Inferred}},
		Params:  []ParamEffect{{Param: 0, Name: "x", Effect: Borrows, Why: Inferred}, {Param: 1, Name: "y", Effect: Consumes, Why: Inferred}},
	}
	got := Merge(config, nil, directive, inferred).String()
	want := "values: r0 borrowed by config; r1 owned by inference; consumes x by directive; consumes y by inference"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if Merge(nil, &FuncFact{}) != nil {
		t.Error("Merge of nothing is not nil")
	}
}

func TestIsNewName(t *testing.T) {
	for name, want := range map[string]bool{
		"New": true, "NewArray": true, "NewRecordBatch": true, "New2": true, "New_": true,
		"Newline": false, "News": false, "new": false, "Renew": false, "newArray": false, "": false,
	} {
		if IsNewName(name) != want {
			t.Errorf("IsNewName(%q) = %v", name, !want)
		}
	}
}

// lookupFunc finds "Name" or "Type.Method" in a loaded package.
func lookupFunc(t *testing.T, c *corpus, path, name string) *types.Func {
	t.Helper()
	scope := c.pkgs[path].Types.Scope()
	if tn, m, ok := cut(name); ok {
		typ := scope.Lookup(tn).Type()
		if !types.IsInterface(typ) {
			typ = types.NewPointer(typ)
		}
		obj, _, _ := types.LookupFieldOrMethod(typ, true, c.pkgs[path].Types, m)
		if fn, ok := obj.(*types.Func); ok {
			return fn
		}
		t.Fatalf("%s.%s: no method", path, name)
	}
	fn, ok := scope.Lookup(name).(*types.Func)
	if !ok {
		t.Fatalf("%s.%s: no function", path, name)
	}
	return fn
}

func cut(s string) (string, string, bool) {
	for i := range s {
		if s[i] == '.' {
			return s[:i], s[i+1:], true
		}
	}
	return "", "", false
}

// TestResolveStubs resolves ownership on the stubs as the engine will at a call site: the
// catalog of the calling package (the corpus), the stub's function.
func TestResolveStubs(t *testing.T) {
	c := load(t)
	const (
		arrow  = "github.com/apache/arrow-go/v18/arrow"
		array  = "github.com/apache/arrow-go/v18/arrow/array"
		block  = "github.com/cockroachdb/pebble/v2/sstable/block"
		table  = "github.com/dgraph-io/badger/v4/table"
		z      = "github.com/dgraph-io/ristretto/v2/z"
		enc    = "google.golang.org/grpc/encoding"
		mem    = "google.golang.org/grpc/mem"
		arrowC = "clean_arrow"
	)
	for _, tc := range []struct {
		caller, pkg, fn string
		hasBody         bool
		want            string
	}{
		{"badger_opentable_ref_not_dropped", table, "OpenTable", true, "values: r0 owned if r1 == nil by preset"},
		{"badger_stream_releases_borrowed_allocator", z, "AllocatorFrom", true, "values: r0 borrowed by preset"},
		{"badger_stream_releases_borrowed_allocator", z, "NewAllocator", true, "values: r0 owned by preset"},
		{"clean_grpc_mem", mem, "ReadAll", true, "values: r0 owned by preset"},
		{"clean_grpc_mem", mem, "NewBuffer", true, "values: r0 owned by preset"},
		{"clean_grpc_mem", enc, "CodecV2.Marshal", false, "values: r0 owned if r1 == nil by preset"},
		{"clean_grpc_mem", enc, "CodecV2.Unmarshal", false, "values: borrows data by preset"},
		{arrowC, arrow, "RecordBatch.Column", false, "values: r0 borrowed by preset"},
		{arrowC, arrow, "RecordBatch.NewSlice", false, "values: r0 owned by preset"},
		{arrowC, array, "RecordReader.RecordBatch", false, "values: r0 borrowed by preset"},
		{arrowC, array, "RecordReader.Record", false, "values: r0 borrowed by preset"},
		{arrowC, array, "Builder.NewArray", false, "values: r0 owned by preset"},
		// Not in the preset, no body to read: the naming rule.
		{arrowC, array, "Int64Builder.NewInt64Array", false, "values: r0 owned by naming rule"},
		// With a body, the naming rule does not apply (inference decides).
		{arrowC, array, "Int64Builder.NewInt64Array", true, "<nil>"},
		{arrowC, arrow, "RecordBatch.NumRows", false, "<nil>"},
		// The preset names MakeHandle's receiver b; the stub calls it v: the param entry does not apply.
		{"clean_pebble", block, "Value.MakeHandle", true, "values: r0 owned by preset"},
		// Presets do not apply where their module is not imported.
		{"clean_arrow", table, "OpenTable", true, "<nil>"},
	} {
		cat, err := New(c.pkgs[tc.caller].Types, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := cat.Resolve(lookupFunc(t, c, tc.pkg, tc.fn), nil, nil, tc.hasBody)
		s := "<nil>"
		if got != nil {
			s = got.String()
		}
		if s != tc.want {
			t.Errorf("%s: %s.%s = %q, want %q", tc.caller, tc.pkg, tc.fn, s, tc.want)
		}
	}

	// Precedence: configuration over directive over preset over inference.
	open := lookupFunc(t, c, table, "OpenTable")
	var cfg Config
	if err := cfg.Add("valuemode.borrowed", table+".OpenTable"); err != nil {
		t.Fatal(err)
	}
	cat, _ := New(c.pkgs["clean_badger"].Types, Options{Config: &cfg})
	directive := &FuncFact{Results: []ResultOwnership{{Result: 0, Own: Owned, CondResult: -1, Why: ByDirective}}}
	inferred := &FuncFact{Results: []ResultOwnership{{Result: 0, Own: Mixed, CondResult: -1}}}
	if got := cat.Resolve(open, directive, inferred, true).String(); got != "values: r0 borrowed by config" {
		t.Errorf("config: %s", got)
	}
	cat, _ = New(c.pkgs["clean_badger"].Types, Options{})
	if got := cat.Resolve(open, directive, inferred, true).String(); got != "values: r0 owned by directive" {
		t.Errorf("directive: %s", got)
	}
	if got := cat.Resolve(open, nil, inferred, true).String(); got != "values: r0 owned if r1 == nil by preset" {
		t.Errorf("preset: %s", got)
	}
	// With no presets at all, inference.
	cat, _ = New(c.pkgs["clean_badger"].Types, Options{Presets: []*presets.Preset{}})
	if got := cat.Resolve(open, nil, inferred, true).String(); got != "values: r0 mixed by inference" {
		t.Errorf("inferred: %s", got)
	}
	// The configuration's conditions.
	cfg = Config{}
	if err := cfg.Add("valuemode.owned", table+".OpenTable:always,"+z+".NewAllocator:err-nil,"+mem+".NewBuffer#3"); err != nil {
		t.Fatal(err)
	}
	cat, _ = New(c.pkgs["clean_badger"].Types, Options{Config: &cfg})
	if conf, _ := cat.Declared(open); conf.String() != "values: r0 owned by config" {
		t.Errorf("owned always: %s", conf)
	}
	// err-nil on a function without an error result, and a result it does not have, say nothing.
	if conf, _ := cat.Declared(lookupFunc(t, c, z, "NewAllocator")); conf != nil {
		t.Errorf("err-nil without an error result: %s", conf)
	}
	if conf, _ := cat.Declared(lookupFunc(t, c, mem, "NewBuffer")); conf != nil {
		t.Errorf("result 3 of a one-result function: %s", conf)
	}
}
