package valuemode

import (
	"flag"
	"fmt"
	"go/token"
	"strconv"
	"strings"
)

// Config is value mode's configuration for code the user does not own: what the flags (and so
// golangci-lint's settings and go vet -vettool) say. The zero Config is value mode on, with
// the presets and nothing else.
//
// Flag syntax (each flag takes a comma-separated list and may be repeated):
//
//	-valuemode=false                           value mode off
//	-valuemode.counted=TYPE[:RELEASES[/RETAIN]] count TYPE; RELEASES alone: release-only
//	-valuemode.notcounted=TYPE                  never count TYPE (even by the family rule)
//	-valuemode.owned=FUNC[#N][:COND]            result N (default 0) of FUNC is owned
//	-valuemode.borrowed=FUNC[#N]                result N (default 0) of FUNC is borrowed
//	-valuemode.consumes=FUNC:PARAM              FUNC takes over the reference passed in PARAM
//	-valuemode.borrows=FUNC:PARAM               FUNC leaves the caller's reference in PARAM alone
//
// TYPE is importpath.Name. RELEASES is one method name or several joined by "|"
// (Unref|UnrefLocked). FUNC is importpath.Func, importpath.Type.Method, importpath.(*Type).Method
// or importpath.(Type).Method (a pointer receiver is not told apart; interface methods are
// named by their interface). COND is always (owned even when the error result is not nil) or
// err-nil (the default when the function has an error result). PARAM is a parameter's name
// as declared, the receiver's included.
type Config struct {
	Off        bool
	Counted    []TypeEntry
	NotCounted []TypeEntry
	Owned      []ResultEntry
	Borrowed   []ResultEntry
	Consumes   []ParamEntry
	Borrows    []ParamEntry
}

// TypeEntry is one -valuemode.counted or -valuemode.notcounted entry.
type TypeEntry struct {
	Type     string   // importpath.Name
	Releases []string // counted: the release methods; empty: the family rule's
	Retain   string   // counted: the retain method; "" with Releases set: release-only
	Raw      string   // the entry as written
}

// ResultEntry is one -valuemode.owned or -valuemode.borrowed entry.
type ResultEntry struct {
	Func   string // importpath.Func or importpath.Type.Method
	Result int
	Cond   string // "", "always" or "err-nil"
	Raw    string
}

// ParamEntry is one -valuemode.consumes or -valuemode.borrows entry.
type ParamEntry struct {
	Func  string
	Param string
	Raw   string
}

// FlagError is a bad configuration entry.
type FlagError struct {
	Flag  string // "valuemode.counted"
	Entry string // the entry as written
	Msg   string
}

func (e *FlagError) Error() string {
	return fmt.Sprintf("-%s: bad entry %q: %s", e.Flag, e.Entry, e.Msg)
}

// Flag names, without a prefix.
const (
	FlagCounted    = "counted"
	FlagNotCounted = "notcounted"
	FlagOwned      = "owned"
	FlagBorrowed   = "borrowed"
	FlagConsumes   = "consumes"
	FlagBorrows    = "borrows"
)

// RegisterFlags registers the configuration's flags on fs, each named prefix+name. With a
// prefix ending in "." ("valuemode."), the switch is registered too, under the prefix without
// its dot (-valuemode=false). With prefix "" (the Flags of an analyzer named "valuemode", whose
// enable flag the driver provides), only the lists are.
func (c *Config) RegisterFlags(fs *flag.FlagSet, prefix string) {
	if sw, ok := strings.CutSuffix(prefix, "."); ok && sw != "" {
		fs.Var(onFlag{c}, sw, "check reference counts held by values (SPEC-VALUE.md); false turns value mode off")
	}
	fs.Var(&listFlag{c, prefix, FlagCounted}, prefix+FlagCounted, "comma-separated `types` to count: importpath.Type[:Release[/Retain]] (Release alone: release-only)")
	fs.Var(&listFlag{c, prefix, FlagNotCounted}, prefix+FlagNotCounted, "comma-separated `types` never to count: importpath.Type")
	fs.Var(&listFlag{c, prefix, FlagOwned}, prefix+FlagOwned, "comma-separated `functions` whose result is owned: importpath.Func[#result][:always|:err-nil], importpath.(*T).Method")
	fs.Var(&listFlag{c, prefix, FlagBorrowed}, prefix+FlagBorrowed, "comma-separated `functions` whose result is borrowed: importpath.Func[#result]")
	fs.Var(&listFlag{c, prefix, FlagConsumes}, prefix+FlagConsumes, "comma-separated `parameters` a function takes over: importpath.Func:param")
	fs.Var(&listFlag{c, prefix, FlagBorrows}, prefix+FlagBorrows, "comma-separated `parameters` a function only borrows: importpath.Func:param")
}

type onFlag struct{ c *Config }

func (f onFlag) String() string {
	if f.c == nil || !f.c.Off {
		return "true"
	}
	return "false"
}

func (f onFlag) Set(s string) error {
	on, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("want true or false, got %q", s)
	}
	f.c.Off = !on
	return nil
}

func (f onFlag) IsBoolFlag() bool { return true }

type listFlag struct {
	c      *Config
	prefix string
	name   string
}

func (f *listFlag) String() string {
	if f == nil || f.c == nil {
		return ""
	}
	var raws []string
	switch f.name {
	case FlagCounted:
		raws = raw(f.c.Counted, func(e TypeEntry) string { return e.Raw })
	case FlagNotCounted:
		raws = raw(f.c.NotCounted, func(e TypeEntry) string { return e.Raw })
	case FlagOwned:
		raws = raw(f.c.Owned, func(e ResultEntry) string { return e.Raw })
	case FlagBorrowed:
		raws = raw(f.c.Borrowed, func(e ResultEntry) string { return e.Raw })
	case FlagConsumes:
		raws = raw(f.c.Consumes, func(e ParamEntry) string { return e.Raw })
	case FlagBorrows:
		raws = raw(f.c.Borrows, func(e ParamEntry) string { return e.Raw })
	}
	return strings.Join(raws, ",")
}

func raw[E any](es []E, f func(E) string) []string {
	var out []string
	for _, e := range es {
		out = append(out, f(e))
	}
	return out
}

func (f *listFlag) Set(s string) error { return f.c.Add(f.prefix+f.name, s) }

// Add parses a comma-separated list of entries for the flag called name (with or without a
// prefix: "valuemode.owned" and "owned" are the same flag) and adds them. An entry that does
// not parse, or contradicts one already added, is a *FlagError naming it; the entries before it
// are kept.
func (c *Config) Add(name, list string) error {
	base := name[strings.LastIndex(name, ".")+1:]
	for _, entry := range strings.Split(list, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		bad := func(format string, args ...any) error {
			return &FlagError{Flag: name, Entry: entry, Msg: fmt.Sprintf(format, args...)}
		}
		var err error
		switch base {
		case FlagCounted, FlagNotCounted:
			var e TypeEntry
			e, err = parseTypeEntry(entry, base == FlagCounted)
			if err == nil {
				if base == FlagCounted {
					err = c.addType(&c.Counted, c.NotCounted, e, "-valuemode.notcounted")
				} else {
					err = c.addType(&c.NotCounted, c.Counted, e, "-valuemode.counted")
				}
			}
		case FlagOwned, FlagBorrowed:
			var e ResultEntry
			e, err = parseResultEntry(entry, base == FlagOwned)
			if err == nil {
				if base == FlagOwned {
					err = addResult(&c.Owned, c.Borrowed, e, "-valuemode.borrowed")
				} else {
					err = addResult(&c.Borrowed, c.Owned, e, "-valuemode.owned")
				}
			}
		case FlagConsumes, FlagBorrows:
			var e ParamEntry
			e, err = parseParamEntry(entry)
			if err == nil {
				if base == FlagConsumes {
					err = addParam(&c.Consumes, c.Borrows, e, "-valuemode.borrows")
				} else {
					err = addParam(&c.Borrows, c.Consumes, e, "-valuemode.consumes")
				}
			}
		default:
			return fmt.Errorf("-%s: not a value mode flag", name)
		}
		if err != nil {
			return bad("%v", err)
		}
	}
	return nil
}

func (c *Config) addType(list *[]TypeEntry, other []TypeEntry, e TypeEntry, otherFlag string) error {
	for _, o := range other {
		if o.Type == e.Type {
			return fmt.Errorf("%s is also in %s", e.Type, otherFlag)
		}
	}
	for _, o := range *list {
		if o.Type == e.Type {
			return fmt.Errorf("%s is listed twice (also as %q)", e.Type, o.Raw)
		}
	}
	*list = append(*list, e)
	return nil
}

func addResult(list *[]ResultEntry, other []ResultEntry, e ResultEntry, otherFlag string) error {
	for _, o := range other {
		if o.Func == e.Func && o.Result == e.Result {
			return fmt.Errorf("result %d of %s is also in %s", e.Result, e.Func, otherFlag)
		}
	}
	for _, o := range *list {
		if o.Func == e.Func && o.Result == e.Result {
			return fmt.Errorf("result %d of %s is listed twice (also as %q)", e.Result, e.Func, o.Raw)
		}
	}
	*list = append(*list, e)
	return nil
}

func addParam(list *[]ParamEntry, other []ParamEntry, e ParamEntry, otherFlag string) error {
	for _, o := range other {
		if o.Func == e.Func && o.Param == e.Param {
			return fmt.Errorf("parameter %s of %s is also in %s", e.Param, e.Func, otherFlag)
		}
	}
	for _, o := range *list {
		if o.Func == e.Func && o.Param == e.Param {
			return fmt.Errorf("parameter %s of %s is listed twice", e.Param, e.Func)
		}
	}
	*list = append(*list, e)
	return nil
}

// parseTypeEntry parses importpath.Name[:RELEASES[/RETAIN]].
func parseTypeEntry(s string, methods bool) (TypeEntry, error) {
	e := TypeEntry{Raw: s}
	typ, ms, hasMethods := strings.Cut(s, ":")
	if hasMethods && !methods {
		return e, fmt.Errorf("want importpath.Type, with no methods")
	}
	pkg, name, err := splitQualified(typ, "importpath.Type")
	if err != nil {
		return e, err
	}
	e.Type = pkg + "." + name
	if !hasMethods {
		return e, nil
	}
	rel, ret, hasRetain := strings.Cut(ms, "/")
	for _, r := range strings.Split(rel, "|") {
		if !token.IsIdentifier(r) {
			return e, fmt.Errorf("release method %q is not a Go identifier (want importpath.Type:Release[/Retain], several releases joined by |)", r)
		}
		e.Releases = append(e.Releases, r)
	}
	if hasRetain {
		if !token.IsIdentifier(ret) {
			return e, fmt.Errorf("retain method %q is not a Go identifier", ret)
		}
		e.Retain = ret
	}
	return e, nil
}

// parseResultEntry parses FUNC[#N][:COND].
func parseResultEntry(s string, owned bool) (ResultEntry, error) {
	e := ResultEntry{Raw: s}
	fn, cond, hasCond := strings.Cut(s, ":")
	if hasCond {
		if !owned {
			return e, fmt.Errorf("a borrowed result takes no condition")
		}
		if cond != "always" && cond != "err-nil" {
			return e, fmt.Errorf("condition %q: want always or err-nil", cond)
		}
		e.Cond = cond
	}
	if f, n, ok := strings.Cut(fn, "#"); ok {
		i, err := strconv.Atoi(n)
		if err != nil || i < 0 {
			return e, fmt.Errorf("result index %q: want a number from 0", n)
		}
		fn, e.Result = f, i
	}
	key, err := ParseFuncName(fn)
	if err != nil {
		return e, err
	}
	e.Func = key
	return e, nil
}

// parseParamEntry parses FUNC:PARAM.
func parseParamEntry(s string) (ParamEntry, error) {
	e := ParamEntry{Raw: s}
	fn, param, ok := strings.Cut(s, ":")
	if !ok {
		return e, fmt.Errorf("want importpath.Func:param")
	}
	if !token.IsIdentifier(param) || param == "_" {
		return e, fmt.Errorf("parameter %q is not a parameter name", param)
	}
	key, err := ParseFuncName(fn)
	if err != nil {
		return e, err
	}
	e.Func, e.Param = key, param
	return e, nil
}

// ParseFuncName turns importpath.Func, importpath.Type.Method, importpath.(*Type).Method or
// importpath.(Type).Method into FuncKey's form (importpath.Func, importpath.Type.Method).
func ParseFuncName(s string) (string, error) {
	const want = "want importpath.Func, importpath.Type.Method or importpath.(*Type).Method"
	slash := strings.LastIndex(s, "/")
	dir, last := s[:slash+1], s[slash+1:]
	// Split the last path element at dots outside parentheses.
	var parts []string
	depth, start := 0, 0
	for i, r := range last {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case '.':
			if depth == 0 {
				parts = append(parts, last[start:i])
				start = i + 1
			}
		}
	}
	parts = append(parts, last[start:])
	if depth != 0 || len(parts) < 2 || len(parts) > 3 {
		return "", fmt.Errorf("%s", want)
	}
	if err := checkPath(dir + parts[0]); err != nil {
		return "", err
	}
	if len(parts) == 3 {
		recv := parts[1]
		if r, ok := strings.CutPrefix(recv, "(*"); ok {
			recv, ok = strings.CutSuffix(r, ")")
			if !ok {
				return "", fmt.Errorf("%s", want)
			}
		} else if r, ok := strings.CutPrefix(recv, "("); ok {
			recv, ok = strings.CutSuffix(r, ")")
			if !ok {
				return "", fmt.Errorf("%s", want)
			}
		}
		if strings.ContainsAny(recv, "[]") {
			return "", fmt.Errorf("name the generic type %q without type arguments", recv)
		}
		if !token.IsIdentifier(recv) {
			return "", fmt.Errorf("receiver type %q is not a Go identifier; %s", recv, want)
		}
		parts[1] = recv
	}
	for _, p := range parts[1:] {
		if !token.IsIdentifier(p) {
			return "", fmt.Errorf("%q is not a Go identifier; %s", p, want)
		}
	}
	return dir + strings.Join(parts, "."), nil
}

// splitQualified splits importpath.Name.
func splitQualified(s, want string) (pkg, name string, err error) {
	slash := strings.LastIndex(s, "/")
	dot := strings.LastIndex(s, ".")
	if dot <= slash+0 || dot == len(s)-1 {
		return "", "", fmt.Errorf("want %s", want)
	}
	pkg, name = s[:dot], s[dot+1:]
	if strings.Contains(s[slash+1:dot], ".") {
		return "", "", fmt.Errorf("want %s (one dot after the last slash)", want)
	}
	if err := checkPath(pkg); err != nil {
		return "", "", err
	}
	if !token.IsIdentifier(name) {
		return "", "", fmt.Errorf("%q is not a Go identifier; want %s", name, want)
	}
	return pkg, name, nil
}

func checkPath(p string) error {
	if p == "" || strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/") || strings.Contains(p, "//") ||
		strings.ContainsAny(p, " \t()[]*:#,") {
		return fmt.Errorf("%q is not an import path", p)
	}
	return nil
}
