//go:build refdebug

package ref_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"maps"
	"runtime/pprof"
	"strings"
	"testing"

	"github.com/refvet/refvet/ref"
)

// Each reference below is taken in a function of its own, so that the
// profile can be checked to name it.

//go:noinline
func heldByGet(c *ref.Count, r *ref.Ref) { c.Get(r) }

//go:noinline
func heldByTryGet(c *ref.Count, r *ref.Ref) { c.TryGet(r) }

//go:noinline
func heldByMove(c *ref.Count, dst, src *ref.Ref) { c.Move(dst, src) }

//go:noinline
func releasedGet(c *ref.Count, r *ref.Ref) { c.Get(r) }

//go:noinline
func movedAway(c *ref.Count, r *ref.Ref) { c.Get(r) }

//go:noinline
func leakedWithObject() { leakLocalRef(&new(obj).users) }

// acquirers names the acquiring function of each profile sample of this
// file's functions, with how many references are held there.
func acquirers(samples map[string]int64) map[string]int64 {
	out := map[string]int64{}
	for fn, n := range samples {
		for _, want := range []string{"heldByGet", "heldByTryGet", "heldByMove", "releasedGet", "movedAway", "leakLocalRef"} {
			if strings.HasSuffix(fn, "ref_test."+want) {
				out[want] += n
			}
		}
	}
	return out
}

func TestHeldProfile(t *testing.T) {
	p := pprof.Lookup(ref.HeldProfile)
	if p == nil {
		t.Fatalf("no profile %q registered", ref.HeldProfile)
	}
	// Let earlier tests' leaks be collected first, so that only this
	// test changes the count.
	settleOrFail(t)
	before := p.Count()

	var o obj
	var a, b [3]ref.Ref
	var tmp, moved, gone ref.Ref
	for i := range a {
		heldByGet(&o.users, &a[i])
	}
	for i := range b {
		heldByTryGet(&o.users, &b[i])
	}
	movedAway(&o.count, &tmp)
	heldByMove(&o.count, &moved, &tmp)
	releasedGet(&o.users, &gone)
	o.users.Put(&gone)

	want := map[string]int64{"heldByGet": 3, "heldByTryGet": 3, "heldByMove": 1}
	if got := acquirers(readText(t, p)); !maps.Equal(got, want) {
		t.Errorf("text profile (debug=1) holds %v, want %v", got, want)
	}
	if got := acquirers(readProto(t, p)); !maps.Equal(got, want) {
		t.Errorf("protobuf profile (debug=0) holds %v, want %v", got, want)
	}
	// Tests run serially, and earlier leaks were collected: the 7 are all
	// that changed.
	if got := p.Count() - before; got != 7 {
		t.Errorf("Count grew by %d, want 7", got)
	}

	for i := range a {
		o.users.Put(&a[i])
		o.users.Put(&b[i])
	}
	o.count.Put(&moved)
	if got := acquirers(readText(t, p)); len(got) != 0 {
		t.Errorf("after the puts the profile still holds %v", got)
	}
}

// A reference held on an object that was collected is reported as a leak
// and leaves the profile: nobody can put it any more.
func TestHeldProfileForgetsDeadObjects(t *testing.T) {
	col := collect(t)
	leakedWithObject()
	settleOrFail(t)
	if col.find(ref.ObjectLeak, "leakLocalRef") == nil {
		t.Fatalf("no ObjectLeak; got %v", col.all())
	}
	if got := acquirers(readText(t, pprof.Lookup(ref.HeldProfile))); len(got) != 0 {
		t.Errorf("the profile still lists references on a dead object: %v", got)
	}
}

// readText reads the debug=1 form and returns the number of references
// held per innermost function.
func readText(t *testing.T, p *pprof.Profile) map[string]int64 {
	t.Helper()
	var buf bytes.Buffer
	if err := p.WriteTo(&buf, 1); err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	sc := bufio.NewScanner(&buf)
	var n int64
	top := false
	for sc.Scan() {
		line := sc.Text()
		if _, err := fmt.Sscanf(line, "%d @", &n); err == nil {
			top = true
			continue
		}
		// #	0x4f0bc9	pkg.fn+0xe9	file:line
		if f := strings.Fields(line); top && len(f) >= 3 && f[0] == "#" {
			fn, _, _ := strings.Cut(f[2], "+0x")
			out[fn] += n
			top = false
		}
	}
	if !strings.HasPrefix(buf.String(), ref.HeldProfile+" profile: total ") && buf.Len() > 0 {
		t.Errorf("text profile starts with %q", strings.SplitN(buf.String(), "\n", 2)[0])
	}
	return out
}

// readProto reads the debug=0 form, gzipped profile.proto, and returns the
// number of references held per innermost function.
func readProto(t *testing.T, p *pprof.Profile) map[string]int64 {
	t.Helper()
	var buf bytes.Buffer
	if err := p.WriteTo(&buf, 0); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	type sample struct {
		locs  []uint64
		value int64
		label [2]uint64
	}
	var (
		samples   []sample
		strs      []string
		locFn     = map[uint64]uint64{} // location → function of its first line
		fnName    = map[uint64]uint64{} // function → name
		sampleTyp [2]uint64
	)
	fields(t, data, func(f int, v uint64, b []byte) {
		switch f {
		case 1: // sample_type
			fields(t, b, func(f int, v uint64, _ []byte) { sampleTyp[f-1] = v })
		case 2: // sample
			var s sample
			fields(t, b, func(f int, v uint64, b []byte) {
				switch f {
				case 1:
					s.locs = append(s.locs, packed(t, b)...)
				case 2:
					s.value = int64(packed(t, b)[0])
				case 3:
					fields(t, b, func(f int, v uint64, _ []byte) {
						if f <= 2 {
							s.label[f-1] = v
						}
					})
				}
			})
			samples = append(samples, s)
		case 4: // location
			var id, fn uint64
			fields(t, b, func(f int, v uint64, b []byte) {
				switch f {
				case 1:
					id = v
				case 4:
					fields(t, b, func(f int, v uint64, _ []byte) {
						if f == 1 && fn == 0 {
							fn = v
						}
					})
				}
			})
			locFn[id] = fn
		case 5: // function
			var id, name uint64
			fields(t, b, func(f int, v uint64, _ []byte) {
				switch f {
				case 1:
					id = v
				case 2:
					name = v
				}
			})
			fnName[id] = name
		case 6:
			strs = append(strs, string(b))
		}
	})
	str := func(i uint64) string {
		if i >= uint64(len(strs)) {
			t.Fatalf("string index %d out of %d", i, len(strs))
		}
		return strs[i]
	}
	if got := [2]string{str(sampleTyp[0]), str(sampleTyp[1])}; got != [2]string{ref.HeldProfile, "count"} {
		t.Errorf("sample type %q", got)
	}
	out := map[string]int64{}
	for _, s := range samples {
		if len(s.locs) == 0 {
			continue
		}
		if str(s.label[0]) != "count" || !strings.HasPrefix(str(s.label[1]), "#") {
			t.Errorf("sample label %q=%q, want count=#N", str(s.label[0]), str(s.label[1]))
		}
		out[str(fnName[locFn[s.locs[0]]])] += s.value
	}
	return out
}

// fields calls f for each field of the protocol buffer message b, with
// its number and its value: v for a varint, b for a length-delimited one.
func fields(t *testing.T, b []byte, f func(field int, v uint64, b []byte)) {
	t.Helper()
	for len(b) > 0 {
		k, n := uvarint(t, b)
		b = b[n:]
		switch k & 7 {
		case 0:
			v, n := uvarint(t, b)
			b = b[n:]
			f(int(k>>3), v, nil)
		case 2:
			l, n := uvarint(t, b)
			b = b[n:]
			if l > uint64(len(b)) {
				t.Fatalf("field %d: length %d past the end", k>>3, l)
			}
			f(int(k>>3), 0, b[:l])
			b = b[l:]
		default:
			t.Fatalf("field %d: unexpected wire type %d", k>>3, k&7)
		}
	}
}

func packed(t *testing.T, b []byte) []uint64 {
	var out []uint64
	for len(b) > 0 {
		v, n := uvarint(t, b)
		out = append(out, v)
		b = b[n:]
	}
	return out
}

func uvarint(t *testing.T, b []byte) (uint64, int) {
	var x uint64
	for i, c := range b {
		if i == 10 {
			break
		}
		x |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return x, i + 1
		}
	}
	t.Fatal("bad varint")
	return 0, 0
}

// Reading the profile while references come and go, for the race
// detector: each Count is read under its lock.
func TestHeldProfileConcurrent(t *testing.T) {
	var o obj
	var anchor ref.Ref
	o.users.Get(&anchor)
	defer o.users.Put(&anchor)
	stop := make(chan struct{})
	done := make(chan struct{})
	for range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for {
				select {
				case <-stop:
					return
				default:
				}
				var a, b ref.Ref
				o.users.Get(&a)
				o.users.Move(&b, &a)
				o.users.Put(&b)
				x := new(obj)
				x.count.Get(&a)
				x.count.Put(&a)
			}
		}()
	}
	p := pprof.Lookup(ref.HeldProfile)
	for i := range 20 {
		if err := p.WriteTo(io.Discard, i%2); err != nil {
			t.Fatal(err)
		}
		_ = p.Count()
	}
	close(stop)
	for range 4 {
		<-done
	}
}

// BenchmarkHeldProfileWrite is the cost of reading the profile, which is
// where its work is done: 10 000 references held on 1 000 objects.
func BenchmarkHeldProfileWrite(b *testing.B) {
	objs := make([]obj, 1000)
	refs := make([]ref.Ref, 10*len(objs))
	for i := range refs {
		heldByGet(&objs[i%len(objs)].users, &refs[i])
	}
	p := pprof.Lookup(ref.HeldProfile)
	for _, debug := range []int{0, 1} {
		b.Run(fmt.Sprintf("debug=%d", debug), func(b *testing.B) {
			for b.Loop() {
				if err := p.WriteTo(io.Discard, debug); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for i := range refs {
		objs[i%len(objs)].users.Put(&refs[i])
	}
}
