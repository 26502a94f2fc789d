// Package valuemode is the part of refvet's value mode (SPEC-VALUE.md) that does not need the
// engine: it says which types are counted values and by which method family, classifies calls
// as a Retain or a Release of a counted value, reads value mode's configuration (flags) and
// directives (//refvet:owned, //refvet:borrowed on a function, //refvet:consumes x,
// //refvet:counted on a type), and defines the ownership facts that internal/refstate will
// compute and export. docs/value-mode-design.md is the plan for wiring it into the engine.
//
// # Counted types
//
// A counted type is a named type, a pointer to one, an interface, or a type parameter whose
// method set has a release method and a retain method of one Family, each taking no
// arguments: Release/Retain, Free/Ref, DecrRef/IncrRef, Unref/Ref (results are allowed:
// badger's DecrRef returns an error). The method set is that of the type itself: for a struct
// type T whose methods have pointer receivers, *T is counted and T is not (a T value cannot
// call them; its address can, and that address is what SSA passes).
//
// Types with only a release method count when a preset, the configuration or a directive
// says so; the same sources can also name extra release methods (pebble's UnrefLocked) and
// take a type out (a preset's not_counted list, -valuemode.notcounted). Precedence, highest
// first: configuration, directive, preset, the family rule. Presets apply only to packages
// that import (directly or transitively) a package under one of the preset's module paths, or
// that are under one themselves.
//
// # Calls
//
// Catalog.Classify says whether an ssa.CallCommon is a Retain or a Release of a counted value,
// and of which value: static calls of methods, interface method calls (invoke mode), calls on
// type parameters, method expressions (thunks), method values (bound-method closures), and
// methods promoted from embedded fields, where the value is the outer one that the source
// named (o.Release() with o embedding *Inner is a release of o).
//
// # Ownership
//
// Ownership facts (FuncFact, CountedFact, PackageFact) are defined here and computed by the
// engine. What no body can tell (interface methods, function values) is decided, in order, by
// the configuration, directives, the presets, and the naming rule (NamingRule).
package valuemode
