package realshapes

import "github.com/apache/arrow-go/v18/arrow/array"

// expectDoubleFree releases twice on purpose, in a test, to check that the library panics:
// not judged (a test that defers a recover).
func expectDoubleFree(b *array.Int64Builder, check func()) {
	arr := b.NewArray()
	arr.Release()
	defer func() {
		recover()
		check()
	}()
	arr.Release()
}
