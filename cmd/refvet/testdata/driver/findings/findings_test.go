package findings

import "testing"

func TestF(t *testing.T) { F() }
