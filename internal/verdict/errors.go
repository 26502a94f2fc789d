package verdict

import (
	"fmt"
	"go/token"
	"strings"
)

// errors adds the malformed directives and the functions the engine gave up on. Every pass
// can report them, so they are reported whatever passes are enabled.
func (c *collector) errors() {
	for _, e := range c.res.DirectiveErrors {
		c.addError(e.Pos, e.Msg)
	}
	for _, e := range c.res.Errors {
		msg, _, _ := strings.Cut(e.Msg, "\n")
		c.addError(e.Fn.Pos(), fmt.Sprintf("refvet internal error: analysis of %s gave up: %s (please report it)", e.Fn.Name(), msg))
	}
}

func (c *collector) addError(pos token.Pos, msg string) {
	c.causes = append(c.causes, errorCause(pos, msg))
}

// errorCause is an error as a cause: every pass can report it, so the first enabled one does.
func errorCause(pos token.Pos, msg string) *Cause {
	c := &Cause{}
	for _, p := range Passes {
		c.Views = append(c.Views, View{Pass: p, Pos: pos, Detail: Error{Msg: msg}})
	}
	return c
}
