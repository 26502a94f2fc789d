// Package usepool uses package pool's counted buffers: one leak on an error path, found
// through the summary of pool.Get that travels as a fact.
package usepool

import (
	"errors"

	"example.com/sample/pool"
)

func Fill(n int, fail bool) error {
	b, err := pool.Get(n) // LEAK:value
	if err != nil {
		return err
	}
	if fail {
		return errors.New("fill failed")
	}
	b.Release()
	return nil
}

func FillFixed(n int, fail bool) error {
	b, err := pool.Get(n)
	if err != nil {
		return err
	}
	defer b.Release()
	if fail {
		return errors.New("fill failed")
	}
	return nil
}
