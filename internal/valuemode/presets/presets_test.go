package presets

import (
	"strings"
	"testing"
)

func TestAllPresetsValid(t *testing.T) {
	all, err := All()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"arrow-go":    "github.com/apache/arrow-go/v18",
		"badger":      "github.com/dgraph-io/badger/v4",
		"grpc-go mem": "google.golang.org/grpc",
		"pebble":      "github.com/cockroachdb/pebble/v2",
	}
	if len(all) != len(want) {
		t.Fatalf("got %d presets, want %d", len(all), len(want))
	}
	for _, p := range all {
		m, ok := want[p.Project]
		if !ok {
			t.Errorf("unexpected preset %q", p.Project)
			continue
		}
		if p.Modules[0] != m {
			t.Errorf("%s: first module %s, want %s", p.Project, p.Modules[0], m)
		}
		if len(p.Types) == 0 || len(p.Results) == 0 {
			t.Errorf("%s: no types or no results", p.Project)
		}
		t.Logf("%s %s: %d types, %d not counted, %d results, %d params", p.Project, p.Version, len(p.Types), len(p.NotCounted), len(p.Results), len(p.Params))
	}
}

func TestKnownEntries(t *testing.T) {
	all, err := All()
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]*Preset{}
	for _, p := range all {
		by[p.Project] = p
	}
	for _, c := range []struct {
		project, fn, want string
	}{
		{"arrow-go", "github.com/apache/arrow-go/v18/arrow/array.Builder.NewArray", Owned},
		{"arrow-go", "github.com/apache/arrow-go/v18/arrow/array.RecordReader.RecordBatch", Borrowed},
		{"arrow-go", "github.com/apache/arrow-go/v18/arrow/array.RecordReader.Record", Borrowed},
		{"arrow-go", "github.com/apache/arrow-go/v18/arrow/ipc.Reader.RecordBatch", Borrowed},
		{"grpc-go mem", "google.golang.org/grpc/mem.ReadAll", Owned},
		{"badger", "github.com/dgraph-io/ristretto/v2/z.AllocatorFrom", Borrowed},
		{"pebble", "github.com/cockroachdb/pebble/v2.NewCache", Owned},
	} {
		r, ok := by[c.project].LookupResult(c.fn, 0)
		if !ok || r.Ownership != c.want {
			t.Errorf("%s: %s = %+v, %v; want %s", c.project, c.fn, r, ok, c.want)
		}
	}
	if r, _ := by["grpc-go mem"].LookupResult("google.golang.org/grpc/mem.ReadAll", 0); r.When != Always {
		t.Errorf("mem.ReadAll is owned even when it fails; got when=%q", r.When)
	}
	if ty, ok := by["pebble"].LookupType("github.com/cockroachdb/pebble/v2/sstable/block.BufferHandle"); !ok || !ty.ReleaseOnly {
		t.Errorf("block.BufferHandle should be a release-only counted type: %+v %v", ty, ok)
	}
}

func TestApplies(t *testing.T) {
	all, err := All()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range all {
		switch p.Project {
		case "badger":
			if !p.Applies([]string{"fmt", "github.com/dgraph-io/ristretto/v2/z"}) {
				t.Error("badger preset should apply to importers of ristretto/v2/z")
			}
			if p.Applies([]string{"github.com/dgraph-io/badger"}) {
				t.Error("badger preset must not apply to badger v1 importers")
			}
		case "grpc-go mem":
			if p.Applies([]string{"google.golang.org/grpcx"}) {
				t.Error("prefix match must stop at a path element")
			}
		}
	}
}

func TestValidateRejects(t *testing.T) {
	base := `"project": "p", "version": "v1", "modules": ["example.com/m"]`
	for name, body := range map[string]string{
		"no modules":       `"project": "p", "version": "v1", "modules": [], "types": []`,
		"outside module":   base + `, "types": [{"type": "example.org/x.T", "retain": "Retain", "release": ["Release"], "source": "s"}]`,
		"bad family":       base + `, "types": [{"type": "example.com/m.T", "retain": "Retain", "release": ["Close"], "source": "s"}]`,
		"mismatched pair":  base + `, "types": [{"type": "example.com/m.T", "retain": "IncrRef", "release": ["Release"], "source": "s"}]`,
		"missing retain":   base + `, "types": [{"type": "example.com/m.T", "release": ["Release"], "source": "s"}]`,
		"release-only+ret": base + `, "types": [{"type": "example.com/m.T", "retain": "Retain", "release": ["Release"], "release_only": true, "source": "s"}]`,
		"no source":        base + `, "types": [{"type": "example.com/m.T", "retain": "Retain", "release": ["Release"]}]`,
		"dup type":         base + `, "types": [{"type": "example.com/m.T", "retain": "Ref", "release": ["Free"], "source": "s"}, {"type": "example.com/m.T", "retain": "Ref", "release": ["Free"], "source": "s"}]`,
		"bad ownership":    base + `, "types": [], "results": [{"func": "example.com/m.F", "ownership": "mine", "source": "s"}]`,
		"borrowed when":    base + `, "types": [], "results": [{"func": "example.com/m.F", "ownership": "borrowed", "when": "always", "source": "s"}]`,
		"bad func":         base + `, "types": [], "results": [{"func": "example.com/m", "ownership": "owned", "source": "s"}]`,
		"bad effect":       base + `, "types": [], "params": [{"func": "example.com/m.F", "param": "x", "effect": "eats", "source": "s"}]`,
		"unknown field":    base + `, "types": [], "colour": "red"`,
		"counted and not":  base + `, "types": [{"type": "example.com/m.T", "retain": "Ref", "release": ["Unref"], "source": "s"}], "not_counted": [{"type": "example.com/m.T", "why": "w", "source": "s"}]`,
	} {
		if _, err := Parse(name+".json", []byte("{"+body+"}")); err == nil {
			t.Errorf("%s: accepted", name)
		} else if !strings.Contains(err.Error(), name+".json") {
			t.Errorf("%s: error does not name the file: %v", name, err)
		}
	}
	ok := base + `, "types": [{"type": "example.com/m/sub.T", "retain": "Ref", "release": ["Unref", "UnrefLocked"], "source": "s"}, {"type": "example.com/m.H", "release": ["Release"], "release_only": true, "source": "s"}], "results": [{"func": "example.com/m.T.Get", "ownership": "owned", "when": "err-nil", "source": "s"}]`
	if _, err := Parse("ok.json", []byte("{"+ok+"}")); err != nil {
		t.Errorf("valid preset rejected: %v", err)
	}
}

func TestSplit(t *testing.T) {
	if pkg, name, ok := SplitType("github.com/a/b/v2/c.T"); !ok || pkg != "github.com/a/b/v2/c" || name != "T" {
		t.Errorf("SplitType: %q %q %v", pkg, name, ok)
	}
	if pkg, recv, name, ok := SplitFunc("example.com/v1.5/m.T.M"); !ok || pkg != "example.com/v1.5/m" || recv != "T" || name != "M" {
		t.Errorf("SplitFunc: %q %q %q %v", pkg, recv, name, ok)
	}
	if _, _, _, ok := SplitFunc("example.com/m.A.B.C"); ok {
		t.Error("SplitFunc accepted four elements")
	}
}
