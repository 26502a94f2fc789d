package clean

func F() {}
