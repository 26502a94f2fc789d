package valuemode_test

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/refvet/refvet/internal/valuemode"
)

// stubs are testdata/value's stand-ins for the preset modules; their files carry the fact
// expectations (// want Name:"..."). The history and clean packages do not: they are the
// engine's roots in its own tests, where other analyzers' expectations stand.
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
}

func valueDir(t *testing.T) string {
	dir, err := filepath.Abs("../../testdata/value")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestAnalyzerStubs(t *testing.T) {
	analysistest.Run(t, valueDir(t), valuemode.Analyzer, stubs...)
}

// recorder collects what analysistest reports.
type recorder struct{ msgs []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

func TestAnalyzerDirectives(t *testing.T) {
	res := analysistest.Run(t, analysistest.TestData(), valuemode.Analyzer, "owndecl")
	if r := res[0].Result.(*valuemode.Result); r.Catalog == nil || len(r.Directives.Errors) != 0 {
		t.Errorf("owndecl: catalog %v, directive errors %v", r.Catalog, r.DirectiveErrors())
	}
}

// TestAnalyzerFastPath: a package that imports nothing counted and declares no counted type
// gets no catalog and exports no fact (analysistest fails on unexpected facts).
func TestAnalyzerFastPath(t *testing.T) {
	res := analysistest.Run(t, analysistest.TestData(), valuemode.Analyzer, "plain")
	if r := res[0].Result.(*valuemode.Result); r.Catalog != nil {
		t.Errorf("plain: catalog %v, want none", r.Catalog)
	}
}

// TestAnalyzerOff: -valuemode=false exports nothing, even where there are counted types.
func TestAnalyzerOff(t *testing.T) {
	fs := flag.NewFlagSet("refvet", flag.ContinueOnError)
	valuemode.RegisterFlags(fs)
	if err := fs.Parse([]string{"-valuemode=false"}); err != nil {
		t.Fatal(err)
	}
	defer fs.Set("valuemode", "true")
	r := new(recorder)
	res := analysistest.Run(r, analysistest.TestData(), valuemode.Analyzer, "owndecl")
	if c := res[0].Result.(*valuemode.Result).Catalog; c != nil {
		t.Errorf("value mode off: catalog %v", c)
	}
	if got := strings.Join(r.msgs, "\n"); !strings.Contains(got, "no fact was reported matching") {
		t.Errorf("value mode off: the expected facts are not missing:\n%s", got)
	}
}

// TestAnalyzerFlags: the driver flags and the analyzer's own flags set one configuration, and a
// bad entry is an error naming it.
func TestAnalyzerFlags(t *testing.T) {
	fs := flag.NewFlagSet("refvet", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	valuemode.RegisterFlags(fs)
	err := fs.Parse([]string{"-valuemode.counted=bad"})
	if err == nil || !strings.Contains(err.Error(), `-valuemode.counted: bad entry "bad"`) {
		t.Errorf("bad entry: %v", err)
	}
	for _, name := range []string{"counted", "notcounted", "owned", "borrowed", "consumes", "borrows"} {
		if valuemode.Analyzer.Flags.Lookup(name) == nil || fs.Lookup("valuemode."+name) == nil {
			t.Errorf("flag %s missing", name)
		}
	}
	if fs.Lookup("valuemode") == nil {
		t.Error("no -valuemode switch")
	}
}
