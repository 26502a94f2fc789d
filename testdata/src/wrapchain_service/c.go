// Package wrapchain_service is the top of the chain: a service using wrapchain_cache's Cache, which uses
// wrapchain_blobs. Facts must carry the conditional summaries and the counts through all three.
package wrapchain_service

import (
	"errors"
	"fmt"
	"log"

	"github.com/refvet/refvet/ref"

	a "wrapchain_blobs"
	b "wrapchain_cache"
)

type Service struct {
	cache *b.Cache
}

// get wraps Fetch once more: three packages deep.
func (s *Service) get(key string, r *ref.Ref) (*a.Blob, error) {
	blob, err := s.cache.Fetch(key, r)
	if err != nil {
		return nil, fmt.Errorf("service get: %w", err)
	}
	return blob, nil
}

// Size is correct.
func (s *Service) Size(key string) (int, error) {
	var r ref.Ref
	blob, err := s.get(key, &r)
	if err != nil {
		return 0, err
	}
	defer s.cache.Release(blob, &r)
	return len(blob.Data), nil
}

// SizeOrZero inspects the error with errors.Is / errors.As. Correct.
func (s *Service) SizeOrZero(key string) int {
	var r ref.Ref
	blob, err := s.get(key, &r)
	var nf *a.NotFound
	switch {
	case errors.As(err, &nf):
		log.Printf("missing %s", nf.Key)
		return 0
	case errors.Is(err, a.ErrStale):
		return -1
	case err != nil:
		return -2
	}
	n := len(blob.Data)
	s.cache.Release(blob, &r)
	return n
}

// SizeBadPut releases on the error path. Bug.
func (s *Service) SizeBadPut(key string) int {
	var r ref.Ref
	blob, err := s.get(key, &r)
	if err != nil {
		var nf *a.NotFound
		if errors.As(err, &nf) {
			return 0
		}
		s.cache.Release(blob, &r) // want `Release of r on blob.refs, but r holds nothing on the path where the get at line 62 failed`
		return -1
	}
	n := len(blob.Data)
	s.cache.Release(blob, &r)
	return n
}

// SizeLeak forgets to release when the blob is empty. Bug.
func (s *Service) SizeLeak(key string) int {
	var r ref.Ref
	blob, err := s.get(key, &r) // want `r leaks: the reference it takes on .*refs is still held at the return at line 84`
	if err != nil {
		return 0
	}
	if len(blob.Data) == 0 {
		return 0
	}
	s.cache.Release(blob, &r)
	return 1
}

// WrongCount takes refs through get and releases pins through ReleasePinned. Bug.
func (s *Service) WrongCount(key string) {
	var r ref.Ref
	blob, err := s.get(key, &r)
	if err != nil {
		return
	}
	b.ReleasePinned(blob, &r) // want `ReleasePinned of r on blob.pins, but r holds a reference on .*refs`
}

// Pinned pins and unpins through the chain. Correct.
func Pinned(blob *a.Blob) int {
	var r ref.Ref
	b.FetchPinned(blob, &r)
	defer b.ReleasePinned(blob, &r)
	return len(blob.Data)
}

// Acquire is a fourth-level wrapper that returns the error wrapped with %w and %v mixed; it
// still acquires only when err == nil. Correct as a wrapper (takes the caller's r).
func (s *Service) Acquire(key string, r *ref.Ref) (*a.Blob, error) {
	blob, err := s.get(key, r)
	if err != nil {
		return nil, fmt.Errorf("acquire %s (%v): %w", key, len(key), err)
	}
	return blob, nil
}

// UseAcquire is correct.
func (s *Service) UseAcquire(key string) ([]byte, error) {
	var r ref.Ref
	blob, err := s.Acquire(key, &r)
	if err != nil {
		return nil, err
	}
	out := append([]byte(nil), blob.Data...)
	a.Drop(blob, &r)
	return out, nil
}

// wrapErrLocal: an error wrapped into a local variable and then returned. Correct.
func (s *Service) wrapErrLocal(key string, r *ref.Ref) (*a.Blob, error) {
	blob, err := s.get(key, r)
	if err != nil {
		err = fmt.Errorf("wrapped: %w", err)
		return nil, err
	}
	return blob, nil
}

// useWrapErrLocal is correct.
func (s *Service) useWrapErrLocal(key string) int {
	var r ref.Ref
	blob, err := s.wrapErrLocal(key, &r)
	if err != nil {
		return 0
	}
	defer a.Drop(blob, &r)
	return len(blob.Data)
}
