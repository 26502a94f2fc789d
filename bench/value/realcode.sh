#!/usr/bin/env bash
# Value mode on real code: refvet, built from this checkout, over the newest releases of the
# projects value mode is judged on (SPEC-VALUE.md, "How it is judged"). Every finding is kept
# for a person to read; docs/value-realcode.md is where they are judged.
#
#   bench/value/realcode.sh [-r REV] [PROJECT...]
#
# PROJECTs (default: all four):
#   arrowgo  github.com/apache/arrow-go/v18@v18.8.0, ./...
#   grpc     google.golang.org/grpc@v1.85.0, ./...
#   badger   github.com/dgraph-io/badger/v4@v4.9.6, ./...
#   pebble   github.com/cockroachdb/pebble/v2@v2.1.7, ./...
# The modules are fetched as bench/value/run.sh does (bench/value/lib.sh) under $BENCH_WORK
# (default /tmp/refvet-bench-value). refvet is built from the main module ("go build
# ./cmd/refvet" in the checkout: the engine as it is in the working tree, or with -r REV as it
# is at commit REV, from a "git archive" copy) and run standalone, "refvet ./..." in each
# module's directory, test files included (refvet's default).
#
# Written to $OUT (default $BENCH_WORK/realcode):
#   <project>.log      refvet's whole output (text, on stderr)
#   <project>.txt      the findings in it: one line per finding, ending with "(pass)", its
#                      related positions indented below it
#   <project>.stderr   the rest: packages that failed to load or type-check, internal errors,
#                      panics
#   summary.txt        one line per project (also printed):
#     project findings intests <pass>... internal panics loaderrs exit wall cpu rss
#     (intests: how many findings are in _test.go files; one count per pass of "refvet -h")
#   summary.md         the same as the rows of docs/value-realcode.md's table
#   findings.md        every finding as a row of its "Findings and verdicts" table, the
#                      verdict and why left empty for a person to fill
# Exit status: 1 if refvet panicked, reported an internal error, or exited with a status other
# than 0 (clean), 3 (findings) or 1 with only package load errors to explain it; else 0.
# Packages that fail to load are listed and counted, not a failure of this script: they are a
# fact about the project and the toolchain, and refvet checks the rest.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=${BENCH_WORK:-/tmp/refvet-bench-value}
. "$HERE/lib.sh"
REV=
while getopts "r:" opt; do
  case $opt in
    r) REV=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
projects="arrowgo grpc badger pebble"
[ $# -gt 0 ] || set -- $projects
for p in "$@"; do
  case " $projects " in *" $p "*) ;; *) echo "unknown project $p (known: $projects)" >&2; exit 2 ;; esac
done
value_lock "$@"
BIN=$WORK/bin
OUT=${OUT:-$WORK/realcode}
mkdir -p "$BIN" "$OUT"
TIME=/usr/bin/time
[ -x $TIME ] || { echo "need GNU time: apt-get install -y time" >&2; exit 1; }
SRC=$(value_source "$REPO" "$REV")
echo "== building refvet from $SRC (main module)"
(cd "$SRC" && go build -o "$BIN/refvet" ./cmd/refvet)
# The passes, from refvet's usage ("Passes ..." up to "Flags:"), in its order.
passes=$("$BIN/refvet" -h 2>&1 | awk '/^Passes/ { p = 1; next } /^Flags/ { p = 0 } p && /^\t[a-z]+ / { print $1 }' | xargs)
[ -n "$passes" ] || { echo "no passes in refvet -h" >&2; exit 1; }
echo "passes: $passes"
echo "== machine"
value_machine "$REPO" "$REV" "$SRC" | tee "$OUT/machine.txt"
uptime

: >"$OUT/summary.txt"
: >"$OUT/summary.md"
: >"$OUT/findings.md"
bad=0
for p in "$@"; do
  value_setup "$p"
  echo "== $p: $MODVER, $PAT in $DIR"
  # As run.sh does: a warm build cache (cgo's output among others), so that the wall time
  # is refvet's and not the first build's.
  (cd "$DIR" && go build $PAT >/dev/null 2>&1 || true)
  rc=0
  (cd "$DIR" && $TIME -f "%e %U %S %M" -o "$OUT/$p.time" "$BIN/refvet" $PAT) >"$OUT/$p.log" 2>&1 || rc=$?
  read -r wall user sys rss <<<"$(tail -1 "$OUT/$p.time")"
  : >"$OUT/$p.txt"; : >"$OUT/$p.stderr"
  # refvet prints findings and errors on stderr, in text. A finding is a line that ends with
  # "(pass)", its related positions are the tab-indented lines after it; everything else is
  # an error (a package that does not load or type-check, "refvet: ...", a panic).
  awk -v f="$OUT/$p.txt" -v e="$OUT/$p.stderr" -v re="[(]($(tr ' ' '|' <<<"$passes"))[)]\$" '
    /^[^[:space:]]/ { in_f = ($0 ~ re) }
    /^$/ { in_f = 0 }
    { print > (in_f ? f : e) }' "$OUT/$p.log"
  # An internal error is reported as a finding of the first enabled pass: counted apart.
  findings=$(grep -Ev '^[[:space:]]' "$OUT/$p.txt" | grep -vc 'internal error' || true)
  intests=$(grep -Ev '^[[:space:]]' "$OUT/$p.txt" | grep -v 'internal error' | grep -c '_test\.go:' || true)
  perpass=""
  for pass in $passes; do
    n=$(grep -Ev '^[[:space:]]' "$OUT/$p.txt" | grep -E "\($pass\)\$" | grep -vc 'internal error' || true)
    perpass="$perpass $pass=$n"
  done
  internal=$(grep -c 'internal error' "$OUT/$p.log" || true)
  panics=$(grep -Ec '^panic:|panicked|^goroutine [0-9]+ \[' "$OUT/$p.log" || true)
  # Package errors: the errors that are not refvet's own messages or a panic's trace.
  loaderrs=$(grep -Evc '^refvet:|internal error|panic|^goroutine |^[[:space:]]|^$' "$OUT/$p.stderr" || true)
  line=$(printf '%-8s findings=%s intests=%s%s internal=%s panics=%s loaderrs=%s exit=%s wall=%ss cpu=%.1fs rss=%dMB' \
    "$p" "$findings" "$intests" "$perpass" "$internal" "$panics" "$loaderrs" "$rc" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" "$((rss / 1024))")
  echo "$line" | tee -a "$OUT/summary.txt"
  npkgs=$(cd "$DIR" && go list $PAT 2>/dev/null | wc -l)
  # The columns of docs/value-realcode.md: project version pattern packages findings in-tests
  # one per pass, internal errors, panics, load errors, wall, CPU, peak RSS.
  printf '| %s | %s | %s | %s | %s | %s |%s %s | %s | %s | %.1f s | %.1f s | %d MB |\n' \
    "$p" "${MODVER#*@}" "$PAT" "$npkgs" "$findings" "$intests" \
    "$(for x in $perpass; do printf ' %s |' "${x#*=}"; done)" \
    "$internal" "$panics" "$loaderrs" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" \
    "$((rss / 1024))" >>"$OUT/summary.md"
  # project | file:line | pass | message | verdict | why
  grep -Ev '^[[:space:]]' "$OUT/$p.txt" | sed -E 's/\|/\\|/g' |
    sed -E "s/^([^:]+:[0-9]+):[0-9]+: (.*) \(([a-z]+)\)\$/| $p | \1 | \3 | \2 | | |/" >>"$OUT/findings.md" || true
  if [ "$internal" -gt 0 ] || [ "$panics" -gt 0 ]; then
    echo "!! $p: refvet internal error or panic, see $OUT/$p.txt and $OUT/$p.stderr"
    grep -m5 -E 'internal error|panic' "$OUT/$p.log" || true
    bad=1
  fi
  if [ "$loaderrs" -gt 0 ]; then
    echo "   $p: $loaderrs package errors (not refvet's), the first ones:"
    grep -Ev '^refvet:|internal error|panic|^goroutine |^[[:space:]]|^$' "$OUT/$p.stderr" | head -5 | sed 's/^/     /'
  fi
  case $rc in
    0 | 3) ;;
    1) [ "$loaderrs" -gt 0 ] || [ "$internal" -gt 0 ] || {
         echo "!! $p: refvet exited 1 with no package error to explain it:"; head -5 "$OUT/$p.stderr"; bad=1; } ;;
    *) echo "!! $p: refvet exited $rc"; tail -5 "$OUT/$p.stderr"; bad=1 ;;
  esac
done
echo "== summary ($OUT/summary.txt; findings in $OUT/<project>.txt)"
cat "$OUT/summary.txt"
exit $bad
