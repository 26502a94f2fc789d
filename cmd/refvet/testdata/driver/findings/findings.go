package findings

func leak()      {}
func fixed()     {}
func unfixable() {}

func F() {
	leak()
	unfixable()
}
