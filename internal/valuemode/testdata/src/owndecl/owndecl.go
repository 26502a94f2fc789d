// Package owndecl declares counted types by method set and by directive, and ownership by directive. // want package:"usesCounted declares"
package owndecl

import "errors"

// Buf is counted by the family rule (Release/Retain).
type Buf struct{ n int }

func (b *Buf) Retain()  {}
func (b *Buf) Release() {}

// File is counted only by its directive (release-only).
//
//refvet:counted Close
type File struct{} // want File:"counted Close"

func (*File) Close() {}

//refvet:owned
func Open() (*File, error) { return nil, errors.New("x") } // want Open:"values: r0 owned if r1 == nil by directive"

//refvet:consumes b
func Keep(b *Buf) {} // want Keep:"values: consumes b by directive"

// NewBuf has a body: the naming rule is not a declaration, so no fact.
func NewBuf() *Buf { return &Buf{} }

type Source interface {
	//refvet:borrowed
	Peek() *Buf // want Peek:"values: r0 borrowed by directive"
}
