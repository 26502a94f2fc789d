package directive

import (
	"fmt"
	"strings"
	"testing"
)

// bigSrc is a file of n small functions with one ignore in the last one.
func bigSrc(n int) string {
	var b strings.Builder
	b.WriteString(header)
	for i := range n {
		fmt.Fprintf(&b, "// f%d does things.\nfunc f%d(x int) int {\n\tif x > 0 {\n\t\treturn x\n\t}\n\treturn -x\n}\n\n", i, i)
	}
	b.WriteString("func last(c *ref.Count, r *ref.Ref) {\n\tc.Get(r) //refvet:ignore pairing the caller puts it\n}\n")
	return b.String()
}

func TestParseWithoutDirectivesDoesNotAllocateMore(t *testing.T) {
	fset, file, _ := parseSrc(t, header+"// Plain comment.\nfunc f() {} // another\n", false)
	if n := testing.AllocsPerRun(100, func() { Parse(fset, file, nil) }); n > 1 {
		t.Errorf("Parse of a file without directives: %v allocations, want at most 1 (the File)", n)
	}
}

func TestParseBigFile(t *testing.T) {
	fset, file, _ := parseSrc(t, bigSrc(500), false)
	f := Parse(fset, file, nil)
	if len(f.Ignores) != 1 || len(f.Errors) != 0 {
		t.Fatalf("got %+v", f)
	}
	if want := strings.Count(bigSrc(500), "\n") - 1; f.Ignores[0].Line != want {
		t.Errorf("ignore covers line %d, want %d", f.Ignores[0].Line, want)
	}
}

func BenchmarkParse(b *testing.B) {
	for _, n := range []int{0, 1} {
		b.Run(fmt.Sprintf("directives=%d", n), func(b *testing.B) {
			src := bigSrc(2000)
			if n == 0 {
				src = strings.Replace(src, "//refvet:", "// refvet:", 1)
			}
			fset, file, _ := parseSrc(b, src, false)
			b.ReportAllocs()
			for b.Loop() {
				Parse(fset, file, nil)
			}
		})
	}
}
