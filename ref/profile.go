//go:build refdebug

package ref

import (
	"cmp"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"reflect"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
	"unsafe"
)

// The held profile is made when it is read, from the holder lists of the
// live Counts, rather than kept up to date with pprof.Profile.Add and
// Remove: Add takes its own stack with runtime.Callers and allocates a
// copy of it, which made a Get+Put four times as costly as one
// runtime.Callers (see BENCHMARKS.md) when the depot already holds that
// stack. The public API has no way to add a stack one already has, so the
// profile is registered with pprof.NewProfile and its writer is set to
// writeHeld, through the unexported fields that runtime/pprof's own
// profiles use. Those fields are checked by name and type first; if a
// future Go renames them, the profile is not registered at all rather than
// registered empty, and TestHeldProfile fails.
func init() {
	pt := reflect.TypeFor[pprof.Profile]()
	write, ok1 := pt.FieldByName("write")
	count, ok2 := pt.FieldByName("count")
	if !ok1 || !ok2 || write.Type != reflect.TypeFor[func(io.Writer, int) error]() ||
		count.Type != reflect.TypeFor[func() int]() {
		return
	}
	p := pprof.NewProfile(HeldProfile)
	*(*func(io.Writer, int) error)(unsafe.Add(unsafe.Pointer(p), write.Offset)) = writeHeld
	*(*func() int)(unsafe.Add(unsafe.Pointer(p), count.Offset)) = countHeld
}

// registry lists the live countStates, so that the profile can find every
// held reference. A countState joins it when its Count is first used and
// leaves when its object is collected.
var registry [16]struct {
	mu   sync.Mutex
	head *countState
	_    [48]byte
}

func (cs *countState) register() {
	sh := &registry[cs.id%uint64(len(registry))]
	sh.mu.Lock()
	cs.rnext = sh.head
	if sh.head != nil {
		sh.head.rprev = cs
	}
	sh.head = cs
	sh.mu.Unlock()
}

func (cs *countState) unregister() {
	sh := &registry[cs.id%uint64(len(registry))]
	sh.mu.Lock()
	if cs.rprev != nil {
		cs.rprev.rnext = cs.rnext
	} else {
		sh.head = cs.rnext
	}
	if cs.rnext != nil {
		cs.rnext.rprev = cs.rprev
	}
	cs.rprev, cs.rnext = nil, nil
	sh.mu.Unlock()
}

// liveCounts returns the registered countStates.
func liveCounts() []*countState {
	var all []*countState
	for i := range registry {
		sh := &registry[i]
		sh.mu.Lock()
		for cs := sh.head; cs != nil; cs = cs.rnext {
			all = append(all, cs)
		}
		sh.mu.Unlock()
	}
	return all
}

// A heldRef is one held reference in the profile.
type heldRef struct {
	pcs   []uintptr // where its holder got it; shared with the depot, not modified
	count uint64    // the count's id
}

// heldRefs lists the references held now. Each Count is read under its
// lock; the list as a whole is not one atomic snapshot.
func heldRefs() []heldRef {
	var out []heldRef
	for _, cs := range liveCounts() {
		cs.mu.Lock()
		for rs := cs.holders.head; rs != nil; rs = rs.next {
			rs.mu.Lock()
			at := rs.taken
			if rs.moved != nil {
				at = rs.moved
			}
			rs.mu.Unlock()
			var pcs []uintptr
			if at != nil {
				pcs = at.pcs
			}
			out = append(out, heldRef{pcs: pcs, count: cs.id})
		}
		cs.mu.Unlock()
	}
	return out
}

func countHeld() int {
	n := 0
	for _, cs := range liveCounts() {
		cs.mu.Lock()
		n += int(cs.n)
		cs.mu.Unlock()
	}
	return n
}

// A heldSample is the references held at one stack (and, for the protobuf
// form, on one count).
type heldSample struct {
	pcs   []uintptr
	count uint64
	n     int64
}

// group counts the references held at the same stack, and on the same
// count when byCount is set; the result is sorted with the largest first.
func group(refs []heldRef, byCount bool) []heldSample {
	type k struct {
		stack string
		count uint64
	}
	idx := make(map[k]int)
	var out []heldSample
	for _, r := range refs {
		key := k{stack: pcKey(r.pcs)}
		if byCount {
			key.count = r.count
		}
		i, ok := idx[key]
		if !ok {
			i = len(out)
			idx[key] = i
			out = append(out, heldSample{pcs: r.pcs, count: key.count})
		}
		out[i].n++
	}
	slices.SortStableFunc(out, func(a, b heldSample) int {
		if c := cmp.Compare(b.n, a.n); c != 0 {
			return c
		}
		if c := slices.Compare(a.pcs, b.pcs); c != 0 {
			return c
		}
		return cmp.Compare(a.count, b.count)
	})
	return out
}

// pcKey is key for a possibly empty stack.
func pcKey(pcs []uintptr) string {
	if len(pcs) == 0 {
		return ""
	}
	return key(pcs)
}

// writeHeld writes the held profile: the gzipped protocol buffer that go
// tool pprof reads for debug 0, text like the other count profiles' else.
func writeHeld(w io.Writer, debug int) error {
	refs := heldRefs()
	if debug > 0 {
		return writeHeldText(w, refs)
	}
	zw := gzip.NewWriter(w)
	if _, err := zw.Write(encodeHeld(group(refs, true))); err != nil {
		return err
	}
	return zw.Close()
}

// writeHeldText writes the legacy text form: a count and the stack's PCs
// per line, then one commented line per frame.
func writeHeldText(w io.Writer, refs []heldRef) error {
	tw := tabwriter.NewWriter(w, 1, 8, 1, '\t', 0)
	fmt.Fprintf(tw, "%s profile: total %d\n", HeldProfile, len(refs))
	for _, s := range group(refs, false) {
		var b strings.Builder
		fmt.Fprintf(&b, "%d @", s.n)
		for _, pc := range s.pcs {
			fmt.Fprintf(&b, " %#x", pc)
		}
		fmt.Fprintln(tw, b.String())
		for f := range frames(s.pcs) {
			fmt.Fprintf(tw, "#\t%#x\t%s+%#x\t%s:%d\n", f.PC, f.Function, f.PC-f.Entry, f.File, f.Line)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// frames yields the frames of a stack, inlined calls expanded, without
// the goroutine's runtime.goexit.
func frames(pcs []uintptr) func(func(runtime.Frame) bool) {
	return func(yield func(runtime.Frame) bool) {
		if len(pcs) == 0 {
			return
		}
		fs := runtime.CallersFrames(pcs)
		for {
			f, more := fs.Next()
			if f.PC != 0 && f.Function != "runtime.goexit" && !yield(f) {
				return
			}
			if !more {
				return
			}
		}
	}
}

// Field numbers of github.com/google/pprof/proto/profile.proto.
const (
	pbProfileSampleType  = 1
	pbProfileSample      = 2
	pbProfileMapping     = 3
	pbProfileLocation    = 4
	pbProfileFunction    = 5
	pbProfileStringTable = 6
	pbProfileTimeNanos   = 9
	pbProfilePeriodType  = 11
	pbProfilePeriod      = 12

	pbValueTypeType = 1
	pbValueTypeUnit = 2

	pbSampleLocation = 1
	pbSampleValue    = 2
	pbSampleLabel    = 3

	pbLabelKey = 1
	pbLabelStr = 2

	pbMappingID             = 1
	pbMappingLimit          = 3
	pbMappingFilename       = 5
	pbMappingHasFunctions   = 7
	pbMappingHasFilenames   = 8
	pbMappingHasLineNumbers = 9

	pbLocationID        = 1
	pbLocationMappingID = 2
	pbLocationAddress   = 3
	pbLocationLine      = 4

	pbLineFunctionID = 1
	pbLineLine       = 2

	pbFunctionID         = 1
	pbFunctionName       = 2
	pbFunctionSystemName = 3
	pbFunctionFilename   = 4
)

// encodeHeld encodes the samples as an uncompressed profile.proto Profile.
// Every frame is a location of its own, with one line, so inlined calls
// need no special care; the single mapping says that functions, files and
// lines are all present, so pprof does not try to symbolize.
func encodeHeld(samples []heldSample) []byte {
	var p pbuf
	strs := map[string]int64{"": 0}
	table := []string{""}
	str := func(s string) int64 {
		i, ok := strs[s]
		if !ok {
			i = int64(len(table))
			strs[s] = i
			table = append(table, s)
		}
		return i
	}
	valueType := func(field int) {
		p.msg(field, func(m *pbuf) {
			m.uint(pbValueTypeType, uint64(str(HeldProfile)))
			m.uint(pbValueTypeUnit, uint64(str("count")))
		})
	}
	valueType(pbProfileSampleType)
	valueType(pbProfilePeriodType)
	p.uint(pbProfilePeriod, 1)
	p.uint(pbProfileTimeNanos, uint64(time.Now().UnixNano()))

	exe, _ := os.Executable()
	p.msg(pbProfileMapping, func(m *pbuf) {
		m.uint(pbMappingID, 1)
		m.uint(pbMappingLimit, ^uint64(0))
		m.uint(pbMappingFilename, uint64(str(exe)))
		m.uint(pbMappingHasFunctions, 1)
		m.uint(pbMappingHasFilenames, 1)
		m.uint(pbMappingHasLineNumbers, 1)
	})

	type loc struct {
		pc   uintptr
		fn   string
		line int
	}
	type fn struct{ name, file string }
	locs := map[loc]uint64{}
	fns := map[fn]uint64{}
	var locMsgs, fnMsgs pbuf
	// Samples of one stack on different counts share their locations.
	stackLocs := map[string][]uint64{}
	for _, s := range samples {
		ids, done := stackLocs[pcKey(s.pcs)]
		pcs := s.pcs
		if done {
			pcs = nil
		}
		for f := range frames(pcs) {
			fk := fn{f.Function, f.File}
			fid, ok := fns[fk]
			if !ok {
				fid = uint64(len(fns) + 1)
				fns[fk] = fid
				fnMsgs.msg(pbProfileFunction, func(m *pbuf) {
					m.uint(pbFunctionID, fid)
					m.uint(pbFunctionName, uint64(str(f.Function)))
					m.uint(pbFunctionSystemName, uint64(str(f.Function)))
					m.uint(pbFunctionFilename, uint64(str(f.File)))
				})
			}
			lk := loc{f.PC, f.Function, f.Line}
			lid, ok := locs[lk]
			if !ok {
				lid = uint64(len(locs) + 1)
				locs[lk] = lid
				locMsgs.msg(pbProfileLocation, func(m *pbuf) {
					m.uint(pbLocationID, lid)
					m.uint(pbLocationMappingID, 1)
					m.uint(pbLocationAddress, uint64(f.PC))
					m.msg(pbLocationLine, func(l *pbuf) {
						l.uint(pbLineFunctionID, fid)
						l.uint(pbLineLine, uint64(f.Line))
					})
				})
			}
			ids = append(ids, lid)
		}
		stackLocs[pcKey(s.pcs)] = ids
		p.msg(pbProfileSample, func(m *pbuf) {
			m.packed(pbSampleLocation, ids)
			m.packed(pbSampleValue, []uint64{uint64(s.n)})
			m.msg(pbSampleLabel, func(l *pbuf) {
				l.uint(pbLabelKey, uint64(str("count")))
				l.uint(pbLabelStr, uint64(str(fmt.Sprintf("#%d", s.count))))
			})
		})
	}
	p.b = append(p.b, locMsgs.b...)
	p.b = append(p.b, fnMsgs.b...)
	for _, s := range table {
		p.bytes(pbProfileStringTable, []byte(s))
	}
	return p.b
}

// pbuf is a minimal protocol buffer encoder: varints and length-delimited
// fields, which is all profile.proto needs.
type pbuf struct{ b []byte }

func (p *pbuf) varint(x uint64) {
	for x >= 0x80 {
		p.b = append(p.b, byte(x)|0x80)
		x >>= 7
	}
	p.b = append(p.b, byte(x))
}

// uint writes a varint field; zero, the default, is left out.
func (p *pbuf) uint(field int, x uint64) {
	if x == 0 {
		return
	}
	p.varint(uint64(field) << 3) // wire type 0, varint
	p.varint(x)
}

func (p *pbuf) bytes(field int, b []byte) {
	p.varint(uint64(field)<<3 | 2) // wire type 2, length-delimited
	p.varint(uint64(len(b)))
	p.b = append(p.b, b...)
}

func (p *pbuf) msg(field int, f func(*pbuf)) {
	var m pbuf
	f(&m)
	p.bytes(field, m.b)
}

func (p *pbuf) packed(field int, xs []uint64) {
	var m pbuf
	for _, x := range xs {
		m.varint(x)
	}
	p.bytes(field, m.b)
}
