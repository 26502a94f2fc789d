// Package scalegen generates the big functions that refvet's scale measurements run on: one
// function of N blocks in each of a few shapes (sequential branches with 2^N paths, N refs,
// loops, switches, deferred closures). bench/cmd/scale and the engine's benchmark share it.
package scalegen

import (
	"fmt"
	"strings"
)

const header = `
import "github.com/refvet/refvet/ref"

type Obj struct {
	users ref.Count
	count ref.Count
}

func work(i int) {}

`

// Source returns the source of package pkg holding one function F of the given kind with about
// n blocks, and the number of blocks SSA is expected to make; ok is false for an unknown kind.
func Source(pkg, kind string, n int) (src string, blocks int, ok bool) {
	var b strings.Builder
	b.WriteString("package " + pkg + "\n")
	b.WriteString(header)
	switch kind {
	case "branches":
		k := n / 2
		b.WriteString("func F(o *Obj, c [64]bool) {\n\tvar r, s ref.Ref\n\to.users.Get(&r)\n")
		for i := 0; i < k; i++ {
			fmt.Fprintf(&b, "\tif c[%d] {\n\t\to.count.Get(&s)\n\t\twork(%d)\n\t\to.count.Put(&s)\n\t}\n", i%64, i)
		}
		b.WriteString("\to.users.Put(&r)\n}\n")
		return b.String(), 2*k + 1, true
	case "refs":
		k := n / 2
		b.WriteString("func F(o *Obj, c [64]bool) {\n")
		for i := 0; i < k; i++ {
			fmt.Fprintf(&b, "\tvar r%d ref.Ref\n\to.users.Get(&r%d)\n\tif c[%d] {\n\t\twork(%d)\n\t}\n\to.users.Put(&r%d)\n", i, i, i%64, i, i)
		}
		b.WriteString("}\n")
		return b.String(), 2*k + 1, true
	case "loops":
		k := n / 3
		b.WriteString("func F(o *Obj, xs []int) {\n\tvar r, s ref.Ref\n\to.users.Get(&r)\n")
		for i := 0; i < k; i++ {
			fmt.Fprintf(&b, "\tfor range xs {\n\t\to.count.Get(&s)\n\t\twork(%d)\n\t\to.count.Put(&s)\n\t}\n", i)
		}
		b.WriteString("\to.users.Put(&r)\n}\n")
		return b.String(), 3*k + 1, true
	case "switch":
		k := n / 5
		b.WriteString("func F(o *Obj, xs [64]int) {\n\tvar r, s ref.Ref\n\to.users.Get(&r)\n")
		for i := 0; i < k; i++ {
			fmt.Fprintf(&b, "\tswitch xs[%d] {\n\tcase 0:\n\t\to.count.Get(&s)\n\t\to.count.Put(&s)\n\tcase 1:\n\t\twork(1)\n\tcase 2:\n\t\twork(2)\n\tdefault:\n\t\twork(%d)\n\t}\n", i%64, i)
		}
		b.WriteString("\to.users.Put(&r)\n}\n")
		return b.String(), 5*k + 1, true
	case "defers":
		k := n / 2
		b.WriteString("func F(o *Obj, c [64]bool) {\n")
		for i := 0; i < k; i++ {
			fmt.Fprintf(&b, "\tfunc() {\n\t\tvar r ref.Ref\n\t\to.users.Get(&r)\n\t\tdefer o.users.Put(&r)\n\t\tif c[%d] {\n\t\t\twork(%d)\n\t\t}\n\t}()\n", i%64, i)
		}
		b.WriteString("}\n")
		return b.String(), 2*k + 1, true
	}
	return "", 0, false
}
