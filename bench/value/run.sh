#!/usr/bin/env bash
# Value-mode baseline: refvet as it is against the no-op checker (bench/cmd/noopvet,
# the cost of loading and type-checking alone) on the code value mode is for.
#
#   bench/value/run.sh [-n REPS] [-r REV] [TARGET...]
#
# TARGETs (default: arrow arrowgo):
#   arrow    github.com/apache/arrow-go/v18@v18.8.0, ./arrow/...
#   arrowgo  the same module, ./...
#   grpc     google.golang.org/grpc@v1.85.0, ./...
#   badger   github.com/dgraph-io/badger/v4@v4.9.6, ./...
#   pebble   github.com/cockroachdb/pebble/v2@v2.1.7, ./...
# Each module is fetched with "go mod download" (the module proxy) and copied into a
# writable temp module under $BENCH_WORK (default /tmp/refvet-bench-value); its own
# dependencies come from the proxy too (bench/value/lib.sh, shared with realcode.sh).
# Standalone mode only ("TOOL PATTERN" run in the module's directory), as bench/run.sh
# does it (bench/run.sh hands these targets to this script): each repetition runs the floor
# and refvet back to back; the report gives the medians and the ratios refvet/floor
# for wall time, CPU (user+sys) and peak RSS (GNU time -v fields %e %U %S %M).
# Both tools are built from the bench module of this checkout's working tree, or with -r REV
# of commit REV (a "git archive" copy: bench/value/lib.sh). Value mode's target is at most
# 2x the floor. refvet's output is kept; a panic or
# internal error in it fails the script.
set -euo pipefail

REPS=3
REV=
while getopts "n:r:" opt; do
  case $opt in
    n) REPS=$OPTARG ;;
    r) REV=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- arrow arrowgo

HERE=$(cd "$(dirname "$0")" && pwd)
BENCH=$(cd "$HERE/.." && pwd)
REPO=$(cd "$BENCH/.." && pwd)
WORK=${BENCH_WORK:-/tmp/refvet-bench-value}
. "$HERE/lib.sh"
for t in "$@"; do
  case " $value_targets " in *" $t "*) ;; *) echo "unknown target $t (known: $value_targets)" >&2; exit 2 ;; esac
done
value_lock "$@"
BIN=$WORK/bin
OUT=$WORK/out
mkdir -p "$BIN" "$OUT"
: >"$OUT/results"
TIME=/usr/bin/time
[ -x $TIME ] || { echo "need GNU time: apt-get install -y time" >&2; exit 1; }

SRC=$(value_source "$REPO" "$REV")
echo "== building the tools (bench module of $SRC: same x/tools for both)"
(cd "$SRC/bench" && go build -o "$BIN/refvet" github.com/refvet/refvet/cmd/refvet &&
  go build -o "$BIN/noopvet" ./cmd/noopvet)

echo "== machine"
value_machine "$REPO" "$REV" "$SRC/bench"
uptime

# measure TARGET TOOL REP: one run; appends "target tool rep wall user sys rssKB rc".
measure() {
  local target=$1 tool=$2 rep=$3 log=$OUT/$1.$2.$3.log rc=0
  (cd "$DIR" && $TIME -f "%e %U %S %M" -o "$OUT/time" "$BIN/$tool" $PAT) >"$log" 2>&1 || rc=$?
  echo "$target $tool $rep $(tail -1 "$OUT/time") $rc" | tee -a "$OUT/results"
}

bad=0
for target in "$@"; do
  value_setup "$target"
  echo "== $target ($PAT in $DIR): warming the build cache"
  (cd "$DIR" && go build $PAT >/dev/null 2>&1 || true)
  echo "== $target: $REPS repetitions (target tool rep wall user sys maxrssKB exit)"
  for rep in $(seq 1 "$REPS"); do
    measure "$target" noopvet "$rep"
    measure "$target" refvet "$rep"
    log=$OUT/$target.refvet.$rep.log
    if grep -E "internal error|panic:|goroutine [0-9]+ \[" "$log" >/dev/null; then
      echo "!! refvet internal error or panic, see $log"; grep -E -m5 "internal error|panic:" "$log"; bad=1
    fi
  done
  echo "   refvet findings (rep 1): $(grep -c ': ' "$OUT/$target.refvet.1.log" || true) lines of output; noopvet exit/refvet exit above (3 = diagnostics)"
done

echo "== medians and ratios (refvet / floor)"
python3 - "$OUT/results" "$@" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
print(f"{'target':8} {'floor wall':>10} {'refvet wall':>11} {'ratio':>6} {'floor cpu':>9} {'refvet cpu':>10} {'ratio':>6} {'floor rss':>9} {'refvet rss':>10} {'ratio':>6} {'n':>2} exits")
for t in dict.fromkeys(sys.argv[2:]):
    sel = [r for r in rows if r[0] == t]
    if not sel:
        continue
    med = lambda tool, f: st.median(f(r) for r in sel if r[1] == tool)
    wall = lambda r: float(r[3]); cpu = lambda r: float(r[4]) + float(r[5]); rss = lambda r: float(r[6]) / 1024
    fw, rw, fc, rc, fr, rr = med("noopvet", wall), med("refvet", wall), med("noopvet", cpu), med("refvet", cpu), med("noopvet", rss), med("refvet", rss)
    n = sum(1 for r in sel if r[1] == "refvet")
    exits = sorted(set(r[1][0] + ":" + r[7] for r in sel))
    print(f"{t:8} {fw:9.1f}s {rw:10.1f}s {rw/fw:6.2f} {fc:8.1f}s {rc:9.1f}s {rc/fc:6.2f} {fr:7.0f}MB {rr:8.0f}MB {rr/fr:6.2f} {n:2} {' '.join(exits)}")
PY
exit $bad
