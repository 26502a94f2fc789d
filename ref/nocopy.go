package ref

// noCopy makes go vet's copylocks check flag copies of a Ref or a Count.
// A Ref is a name for one reference: a copy would be a second name for the
// same reference, and putting both is a double put. It has no size, so it
// costs nothing in release builds.
type noCopy struct{}

func (*noCopy) Lock()   {}
func (*noCopy) Unlock() {}
