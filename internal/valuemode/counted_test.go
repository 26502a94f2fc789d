package valuemode

import (
	"go/types"
	"sort"
	"strings"
	"testing"
)

// stubs are the packages at the real import paths of testdata/value/src.
var stubs = []string{
	"github.com/apache/arrow-go/v18/arrow",
	"github.com/apache/arrow-go/v18/arrow/array",
	"github.com/apache/arrow-go/v18/arrow/cdata",
	"github.com/apache/arrow-go/v18/arrow/ipc",
	"github.com/apache/arrow-go/v18/arrow/memory",
	"github.com/cockroachdb/pebble/v2/sstable/block",
	"github.com/dgraph-io/badger/v4/table",
	"github.com/dgraph-io/ristretto/v2/z",
	"google.golang.org/grpc/encoding",
	"google.golang.org/grpc/mem",
	"shapes",
}

// countedTypes lists, for every type declared in the package, its answer as T and as *T
// (uncounted types left out), the catalog being the package's own.
func countedTypes(t *testing.T, cat *Catalog, pkg *types.Package) []string {
	t.Helper()
	var out []string
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		for _, typ := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			if ct, ok := cat.Counted(typ); ok {
				out = append(out, ct.String())
			}
		}
	}
	return out
}

func TestCountedStubs(t *testing.T) {
	c := load(t)
	want := map[string][]string{
		"github.com/apache/arrow-go/v18/arrow": {
			"arrow.Array Release/Retain (preset arrow-go)",
			"arrow.ArrayData Release/Retain (preset arrow-go)",
			// The preset names arrow.Chunked; its methods have pointer receivers.
			"*arrow.Chunked Release/Retain (preset arrow-go)",
			"arrow.RecordBatch Release/Retain (preset arrow-go)",
			// Record is an alias of RecordBatch: the same answer.
			"arrow.RecordBatch Release/Retain (preset arrow-go)",
		},
		"github.com/apache/arrow-go/v18/arrow/array": {
			"array.Builder Release/Retain (preset arrow-go)",
			"*array.Data Release/Retain (method set)",
			"*array.Int64 Release/Retain (method set)",
			"*array.Int64Builder Release/Retain (method set)",
			"*array.List Release/Retain (method set)",
			// ListBuilder's Retain/Release are promoted from the embedded baseListBuilder.
			"*array.ListBuilder Release/Retain (method set)",
			"array.RecordReader Release/Retain (preset arrow-go)",
			"*array.baseListBuilder Release/Retain (method set)",
			"*array.simpleRecord Release/Retain (method set)",
			"*array.slice Release/Retain (method set)",
		},
		// cdata's C structs are plain structs in the stub: nothing counted.
		"github.com/apache/arrow-go/v18/arrow/cdata": nil,
		// FileReader has Close, no Retain/Release: not counted.
		"github.com/apache/arrow-go/v18/arrow/ipc": {
			"*ipc.Message Release/Retain (method set)",
		},
		// Allocator's Free takes an argument: not a release method.
		"github.com/apache/arrow-go/v18/arrow/memory": {
			"*memory.Buffer Release/Retain (preset arrow-go)",
		},
		// The preset lists block.Value as release-only, but the stub's Value has no Release:
		// a preset entry never makes a type counted without the method.
		"github.com/cockroachdb/pebble/v2/sstable/block": {
			"block.BufferHandle Release (preset pebble)",
			"*block.BufferHandle Release (preset pebble)",
		},
		// Methods with pointer receivers: *Table is counted, Table is not.
		"github.com/dgraph-io/badger/v4/table": {
			"*table.Table DecrRef/IncrRef (preset badger)",
		},
		"github.com/dgraph-io/ristretto/v2/z": {
			"*z.Allocator Release (preset badger)",
		},
		"google.golang.org/grpc/encoding": nil,
		// BufferPool's Get/Put are not a family.
		"google.golang.org/grpc/mem": {
			"mem.Buffer Free/Ref (preset grpc-go mem)",
			"mem.BufferSlice Free/Ref (preset grpc-go mem)",
			"*mem.BufferSlice Free/Ref (preset grpc-go mem)",
			"*mem.buffer Free/Ref (method set)",
		},
		"shapes": {
			"*shapes.Gen[T any] DecrRef/IncrRef (method set)",
			"*shapes.Inner Release/Retain (method set)",
			"*shapes.Lease Release/Retain (method set)",
			"shapes.Outer Release/Retain (method set)",
			"*shapes.Outer Release/Retain (method set)",
			"*shapes.OuterVal Release/Retain (method set)",
			"*shapes.Shadow Release/Retain (method set)",
			"shapes.WithArray Release/Retain (method set)",
			"*shapes.WithArray Release/Retain (method set)",
		},
	}
	for _, path := range stubs {
		p := c.pkgs[path]
		cat, err := New(p.Types, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := countedTypes(t, cat, p.Types)
		if strings.Join(got, "\n") != strings.Join(want[path], "\n") {
			t.Errorf("%s: counted types:\n%s\nwant:\n%s", path, strings.Join(got, "\n"), strings.Join(want[path], "\n"))
		}
	}
}

// TestPresetsNeedImport: a package that imports none of a preset's modules does not get its
// release-only types (the family rule still applies to everyone).
func TestPresetsNeedImport(t *testing.T) {
	c := load(t)
	lookup := func(path, name string) types.Type {
		return c.pkgs[path].Types.Scope().Lookup(name).Type()
	}
	handle := lookup("github.com/cockroachdb/pebble/v2/sstable/block", "BufferHandle")
	alloc := types.NewPointer(lookup("github.com/dgraph-io/ristretto/v2/z", "Allocator"))
	tbl := types.NewPointer(lookup("github.com/dgraph-io/badger/v4/table", "Table"))

	for _, tc := range []struct {
		pkg                      string
		handle, alloc, tbl       bool
		tblSource                Source
		presetsWant, modulesWant string
	}{
		{"clean_pebble", true, false, true, FromMethodSet, "pebble", "github.com/cockroachdb/pebble/v2"},
		// One preset, two modules: importing ristretto/v2/z applies all of badger's.
		{"badger_stream_releases_borrowed_allocator", false, true, true, FromPreset, "badger", "github.com/dgraph-io/ristretto/v2/z"},
		{"clean_badger", false, true, true, FromPreset, "badger", "github.com/dgraph-io/badger/v4"},
		{"clean_arrow", false, false, true, FromMethodSet, "arrow-go", "github.com/apache/arrow-go/v18"},
		{"clean_grpc_mem", false, false, true, FromMethodSet, "grpc-go mem", "google.golang.org/grpc"},
	} {
		cat, err := New(c.pkgs[tc.pkg].Types, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(cat.Presets(), ","); got != tc.presetsWant {
			t.Errorf("%s: presets %s, want %s", tc.pkg, got, tc.presetsWant)
		}
		if got := strings.Join(cat.Modules(), ","); got != tc.modulesWant {
			t.Errorf("%s: modules %s, want %s", tc.pkg, got, tc.modulesWant)
		}
		if _, ok := cat.Counted(handle); ok != tc.handle {
			t.Errorf("%s: block.BufferHandle counted = %v", tc.pkg, ok)
		}
		if _, ok := cat.Counted(alloc); ok != tc.alloc {
			t.Errorf("%s: *z.Allocator counted = %v", tc.pkg, ok)
		}
		if ct, ok := cat.Counted(tbl); ok != tc.tbl || ct.Source != tc.tblSource {
			t.Errorf("%s: *table.Table = %v %v, want %v by %v", tc.pkg, ct, ok, tc.tbl, tc.tblSource)
		}
	}
	// A package outside every import graph (no imports at all).
	cat, err := New(types.NewPackage("example.com/none", "none"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Presets()) != 0 {
		t.Errorf("presets apply to a package with no imports: %v", cat.Presets())
	}
	// Options.Modules stands in for imports export data did not list.
	cat, _ = New(types.NewPackage("example.com/none", "none"), Options{Modules: []string{"github.com/cockroachdb/pebble/v2/sstable/block"}})
	if _, ok := cat.Counted(handle); !ok {
		t.Error("Options.Modules did not apply the pebble preset")
	}
}

func TestCountedConfigAndDirectives(t *testing.T) {
	c := load(t)
	shapes := c.pkgs["shapes"]
	typ := func(name string) types.Type { return shapes.Types.Scope().Lookup(name).Type() }
	ptr := func(name string) types.Type { return types.NewPointer(typ(name)) }

	// The directive on Handle, read from the file and declared to the catalog.
	cat, _ := New(shapes.Types, Options{})
	if _, ok := cat.Counted(typ("Handle")); ok {
		t.Fatal("Handle is counted before its directive is declared")
	}
	d := cat.ReadDirectives(shapes.Fset, shapes.Syntax, shapes.TypesInfo)
	for _, e := range d.Errors {
		t.Errorf("%s: %s", c.prog.Fset.Position(e.Pos), e.Msg)
	}
	if ct, ok := cat.Counted(typ("Handle")); !ok || !ct.ReleaseOnly || ct.Source != FromDirective {
		t.Errorf("Handle = %v %v, want release-only by directive", ct, ok)
	}

	// Configuration: count OnlyRelease (release-only), never count Lease, name Outer's
	// releases explicitly, and count Handle with a retain it does not have (release-only).
	var cfg Config
	for flag, list := range map[string]string{
		"valuemode.counted":    "shapes.OnlyRelease:Release, shapes.Handle:Release/Retain",
		"valuemode.notcounted": "shapes.Lease",
	} {
		if err := cfg.Add(flag, list); err != nil {
			t.Fatal(err)
		}
	}
	cat, _ = New(shapes.Types, Options{Config: &cfg, CountedFact: func(tn *types.TypeName) *CountedFact {
		if tn.Name() == "Handle" {
			return &CountedFact{Releases: []string{"Release"}}
		}
		return nil
	}})
	for _, tc := range []struct {
		t    types.Type
		want string
	}{
		{typ("OnlyRelease"), "shapes.OnlyRelease Release (config -valuemode.counted=shapes.OnlyRelease:Release)"},
		{ptr("OnlyRelease"), "*shapes.OnlyRelease Release (config -valuemode.counted=shapes.OnlyRelease:Release)"},
		{ptr("Lease"), ""},
		{typ("Handle"), "shapes.Handle Release (config -valuemode.counted=shapes.Handle:Release/Retain)"},
		{ptr("WithArgs"), ""},
		{ptr("Inner"), "*shapes.Inner Release/Retain (method set)"},
	} {
		got := ""
		if ct, ok := cat.Counted(tc.t); ok {
			got = ct.String()
		}
		if got != tc.want {
			t.Errorf("Counted(%s) = %q, want %q", tc.t, got, tc.want)
		}
	}
	// A fact from another package (here: pretended) counts the type.
	cat, _ = New(shapes.Types, Options{CountedFact: func(tn *types.TypeName) *CountedFact {
		if tn.Name() == "Handle" {
			return &CountedFact{Releases: []string{"Release"}}
		}
		return nil
	}})
	if ct, ok := cat.Counted(typ("Handle")); !ok || ct.Source != FromDirective {
		t.Errorf("Handle by fact = %v %v", ct, ok)
	}
	// Off is off.
	cat, _ = New(shapes.Types, Options{Config: &Config{Off: true}})
	if _, ok := cat.Counted(ptr("Inner")); ok || cat.Enabled() {
		t.Error("value mode off still counts")
	}
}

func TestDeclaredCounted(t *testing.T) {
	c := load(t)
	for path, want := range map[string]int{
		"github.com/dgraph-io/badger/v4/table": 1,
		"google.golang.org/grpc/encoding":      0,
		"clean_arrow":                          0, // cache and owner have Release and no Retain: not counted
	} {
		cat, _ := New(c.pkgs[path].Types, Options{})
		var names []string
		for _, ct := range cat.DeclaredCounted() {
			names = append(names, ct.String())
		}
		sort.Strings(names)
		if len(names) != want {
			t.Errorf("%s declares %v, want %d", path, names, want)
		}
	}
}
