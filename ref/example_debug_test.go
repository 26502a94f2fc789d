//go:build refdebug

package ref_test

import (
	"bufio"
	"fmt"
	"net/http"
	"net/http/httptest"
	_ "net/http/pprof" // serves /debug/pprof/ on http.DefaultServeMux
	"slices"
	"strings"

	"github.com/refvet/refvet/ref"
)

// In a refdebug build, net/http/pprof serves the references held now, at
// /debug/pprof/github.com/refvet/refvet/ref.held. A service would run
//
//	go http.ListenAndServe("localhost:6060", nil)
//
// and be asked, while it runs,
//
//	go tool pprof http://localhost:6060/debug/pprof/github.com/refvet/refvet/ref.held
//
// Here a test server stands in for it, and the text form (?debug=1) is
// read to print where each held reference was taken: the users' reference
// on the struct in NewMM, and the task's reference where the Move handed
// it to the task (NewMM took it, into r).
func Example_heldProfile() {
	srv := httptest.NewServer(http.DefaultServeMux)
	defer srv.Close()

	var r ref.Ref
	mm := NewMM(&r)
	t := &Task{name: "init", mm: mm}
	mm.users.Move(&t.mmRef, &r)

	resp, err := http.Get(srv.URL + "/debug/pprof/" + ref.HeldProfile + "?debug=1")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	// Each stack is "N @ pcs" then one "#\tpc\tfunction+offset\tfile:line"
	// per frame: the first frame is where the reference was taken.
	var held []string
	sc := bufio.NewScanner(resp.Body)
	n, top := "", false
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) > 1 && f[1] == "@":
			n, top = f[0], true
		case top && len(f) > 2 && f[0] == "#":
			fn, _, _ := strings.Cut(f[2], "+0x")
			if strings.HasSuffix(fn, ".NewMM") || strings.HasSuffix(fn, ".Example_heldProfile") {
				held = append(held, n+" held, taken in "+fn)
			}
			top = false
		}
	}
	slices.Sort(held)
	fmt.Println(strings.Join(held, "\n"))

	mmput(t.mm, &t.mmRef)
	// Output:
	// 1 held, taken in github.com/refvet/refvet/ref_test.Example_heldProfile
	// 1 held, taken in github.com/refvet/refvet/ref_test.NewMM
	// last user gone: address space torn down
	// mm_struct freed
}
