// Package broken does not type-check: refvet summaries names it and exits with status 1.
package broken

func F() int { return "not an int" }
