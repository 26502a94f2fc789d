package refstate

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"testing"
)

// Facts cross package boundaries gob-encoded (go vet -vettool writes them to .vetx files and
// the next package's run decodes them), so a fact type must decode whatever bytes it is given
// without panicking, and what it decodes must survive another round trip unchanged.
//
// The seed corpora in testdata/fuzz/FuzzSummary and testdata/fuzz/FuzzFieldFact run as
// regression tests with every "go test"; to search for new failures:
//
//	go test -run='^$' -fuzz=FuzzSummary -fuzztime=60s ./internal/refstate
//	go test -run='^$' -fuzz=FuzzFieldFact -fuzztime=30s ./internal/refstate

// seedSummaries covers every field of Summary and Effect with ordinary and extreme values.
func seedSummaries() []*Summary {
	return []*Summary{
		{},
		{NoReturn: true},
		{Effects: []Effect{{Op: OpGet, Param: 0, Src: -1, Count: "example.com/p.Obj.users", CountParam: 0}}},
		{Effects: []Effect{{Op: OpPut, Param: 1, Src: -1, Count: "example.com/p.Obj.users", CountParam: -1}}},
		{Effects: []Effect{{Op: OpGet, Param: 0, Src: -1, CountParam: -2, When: ErrNil, Result: 0}}},
		{Effects: []Effect{{Op: OpGet, Param: 0, Src: -1, When: True, Result: 1}, {Op: OpPut, Param: 2, Src: -1, When: NonNil}}},
		{Effects: []Effect{{Op: OpMove, Param: 0, Src: 1, Count: "p.T.c"}}, Unknown: []int{2, 3}},
		{Unknown: []int{0}},
		{Effects: []Effect{{Op: 255, Param: -1 << 40, Src: 1 << 40, Count: "\xff\x00", CountParam: -7, When: 200, Result: -3}}, Unknown: []int{-1, 1 << 62}},
	}
}

func gobBytes(t testing.TB, v any) []byte {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		t.Fatalf("encoding %#v: %v", v, err)
	}
	return buf.Bytes()
}

func FuzzSummary(f *testing.F) {
	for _, s := range seedSummaries() {
		f.Add(gobBytes(f, s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var s Summary
		if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&s); err != nil {
			return // rejecting garbage is fine; panicking is not
		}
		_ = s.String() // what -json and the fact printers show: must not panic either
		var again Summary
		if err := gob.NewDecoder(bytes.NewReader(gobBytes(t, &s))).Decode(&again); err != nil {
			t.Fatalf("re-decoding %v: %v", &s, err)
		}
		if !reflect.DeepEqual(normalize(&s), normalize(&again)) {
			t.Fatalf("round trip changed the summary:\n got %#v\nwant %#v", again, s)
		}
	})
}

// normalize makes empty slices nil (gob sends neither) and drops the unexported position,
// which gob does not encode.
func normalize(s *Summary) *Summary {
	out := *s
	if len(out.Effects) == 0 {
		out.Effects = nil
	} else {
		out.Effects = append([]Effect(nil), out.Effects...)
		for i := range out.Effects {
			out.Effects[i].pos = 0
		}
	}
	if len(out.Unknown) == 0 {
		out.Unknown = nil
	}
	return &out
}

func FuzzFieldFact(f *testing.F) {
	for _, ff := range []*FieldFact{{}, {Borrowed: true}, {RefFor: "mm"}, {Borrowed: true, RefFor: "\x00é"}} {
		f.Add(gobBytes(f, ff))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var ff FieldFact
		if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&ff); err != nil {
			return
		}
		_ = ff.String()
		var again FieldFact
		if err := gob.NewDecoder(bytes.NewReader(gobBytes(t, &ff))).Decode(&again); err != nil {
			t.Fatalf("re-decoding %v: %v", &ff, err)
		}
		if again != ff {
			t.Fatalf("round trip changed the fact: got %#v, want %#v", again, ff)
		}
	})
}

// TestFactsEncode checks that every fact type the analyzer declares gob-encodes, as go vet's
// unitchecker requires (it panics on a fact that does not), and round-trips.
func TestFactsEncode(t *testing.T) {
	for _, typ := range Analyzer.FactTypes {
		fact := reflect.New(reflect.TypeOf(typ).Elem()).Interface()
		data := gobBytes(t, fact)
		back := reflect.New(reflect.TypeOf(typ).Elem()).Interface()
		if err := gob.NewDecoder(bytes.NewReader(data)).Decode(back); err != nil {
			t.Errorf("%T: %v", typ, err)
		}
	}
	for _, s := range seedSummaries() {
		var back Summary
		if err := gob.NewDecoder(bytes.NewReader(gobBytes(t, s))).Decode(&back); err != nil {
			t.Fatalf("%v: %v", s, err)
		}
		if !reflect.DeepEqual(normalize(s), normalize(&back)) {
			t.Errorf("round trip changed the summary:\n got %#v\nwant %#v", back, *s)
		}
	}
}
