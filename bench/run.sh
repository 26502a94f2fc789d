#!/usr/bin/env bash
# refvet against the floor: a no-op checker (bench/cmd/noopvet) built from the same x/tools,
# whose cost is that of loading and type-checking alone. See BENCHMARKS.md.
#
#   bench/run.sh [-n REPS] [-m standalone|vet|both] [-r REV] TARGET...
#
# TARGETs: std, xtools (golang.org/x/tools@v0.52.0 from the module cache, ./...), corpus
# (bench/cmd/gencorpus, 300 packages; CORPUS_PKGS to change), and value mode's real code:
# arrow (github.com/apache/arrow-go/v18@v18.8.0, ./arrow/...), arrowgo (the same module,
# ./...), grpc, badger, pebble. Those five are handed to bench/value/run.sh (standalone mode
# only, whatever -m says; its own table; its work directory is $BENCH_WORK/value when
# BENCH_WORK is set, else its default). Targets: value mode at most 2x the floor on arrow
# and arrowgo; std (the fast path: no package imports a counted type's module) at most 1.10x.
# Each repetition runs the floor and refvet back to back, so both see the same machine load;
# the report gives the median of each and the ratios refvet/floor for wall time, CPU time
# (user+sys) and peak RSS.
# The tools are built from this checkout's working tree, or with -r REV from commit REV (a
# "git archive" copy, bench/value/lib.sh), which does not see what is being edited.
#
# Standalone mode runs "TOOL ./..." (or "TOOL std"). Vet mode runs "go vet -vettool=TOOL ./..."
# with a warm build cache: the compiled packages (export data) come from the cache. But go vet
# (Go 1.26) also caches each package's analysis result and output, keyed by the tool's
# identity (its -V=full build ID) and the flags it passes on; -c is not passed on (go vet
# implements it itself), so varying it does not force a rerun. Instead each repetition
# relinks both tools with a different -ldflags=-X=main.benchSalt=K (a symbol that does not
# exist: the code is unchanged, but the build ID, hence the tool identity, differs), outside
# the timing. Every package is then analysed again, dependencies included (they are analysed
# for their facts). Both tools get the same treatment.
#
# Every refvet run's output is kept and searched for panics and internal errors: any is a
# failure of this script (exit 1).
set -euo pipefail

REPS=3
MODE=standalone
REV=
while getopts "n:m:r:" opt; do
  case $opt in
    n) REPS=$OPTARG ;;
    m) MODE=$OPTARG ;;
    r) REV=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- std xtools corpus

BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$BENCH/.." && pwd)
WORK=${BENCH_WORK:-/tmp/refvet-bench}
. "$BENCH/value/lib.sh" # value_targets, value_source, value_machine

# The value-mode targets go to bench/value/run.sh, the others are run here.
targets=() vtargets=()
for t in "$@"; do
  case " $value_targets " in
    *" $t "*) vtargets+=("$t") ;;
    *) case $t in
         std | xtools | corpus) targets+=("$t") ;;
         *) echo "unknown target $t (known: std xtools corpus $value_targets)" >&2; exit 2 ;;
       esac ;;
  esac
done
case $MODE in standalone | vet | both) ;; *) echo "unknown mode $MODE" >&2; exit 2 ;; esac

# value_run runs the value-mode targets, after the others.
value_run() {
  [ ${#vtargets[@]} -gt 0 ] || return 0
  [ "$MODE" = standalone ] || echo "== ${vtargets[*]}: standalone mode only (bench/value/run.sh)"
  BENCH_WORK=${BENCH_WORK:+$BENCH_WORK/value} "$BENCH/value/run.sh" -n "$REPS" ${REV:+-r "$REV"} "${vtargets[@]}"
}
if [ ${#targets[@]} -eq 0 ]; then
  value_run
  exit
fi

value_lock "$@"
BIN=$WORK/bin
OUT=$WORK/out
mkdir -p "$BIN" "$OUT"
: >"$OUT/results" # this run's repetitions only: the medians must not mix in older runs
TIME=/usr/bin/time
[ -x $TIME ] || { echo "need GNU time: apt-get install -y time" >&2; exit 1; }

SRC=$(value_source "$REPO" "$REV")
echo "== building the tools (bench module of $SRC: same x/tools for both)"
(cd "$SRC/bench" && go build -o "$BIN/refvet" github.com/refvet/refvet/cmd/refvet &&
  go build -o "$BIN/noopvet" ./cmd/noopvet && go build -o "$BIN/gencorpus" ./cmd/gencorpus)

echo "== machine"
value_machine "$REPO" "$REV" "$SRC/bench"
uptime

# target_dir and target_pattern set the directory and the pattern of a target.
setup() {
  case $1 in
    std)
      DIR=$(go env GOROOT)/src; PAT=std ;;
    xtools)
      DIR=$WORK/xtools; PAT=./...
      if [ ! -f "$DIR/go.mod" ]; then
        src=$(go mod download -json golang.org/x/tools@v0.52.0 | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
        cp -r "$src" "$DIR" && chmod -R u+w "$DIR"
        (cd "$DIR" && go mod download)
      fi ;;
    corpus)
      DIR=$WORK/corpus; PAT=./...
      if [ ! -f "$DIR/go.mod" ]; then
        (cd "$SRC/bench" && "$BIN/gencorpus" -out "$DIR" -pkgs "${CORPUS_PKGS:-300}")
        (cd "$DIR" && go mod tidy)
      fi ;;
    *) echo "unknown target $1" >&2; exit 2 ;;
  esac
}

pkgof() {
  case $1 in
    refvet) echo github.com/refvet/refvet/cmd/refvet ;;
    noopvet) echo ./cmd/noopvet ;;
  esac
}

# measure TARGET MODE TOOL REP: one run; appends "target mode tool rep wall user sys rssKB rc".
measure() {
  local target=$1 mode=$2 tool=$3 rep=$4 log=$OUT/$1.$2.$3.$4.log rc=0
  if [ "$mode" = vet ]; then
    # A new tool identity for go vet's cache: see the header.
    (cd "$SRC/bench" && go build -ldflags="-X=main.benchSalt=$target.$rep.$$" -o "$BIN/$tool-salted" "$(pkgof $tool)")
    (cd "$DIR" && $TIME -f "%e %U %S %M" -o "$OUT/time" go vet -vettool="$BIN/$tool-salted" $PAT) >"$log" 2>&1 || rc=$?
  else
    (cd "$DIR" && $TIME -f "%e %U %S %M" -o "$OUT/time" "$BIN/$tool" $PAT) >"$log" 2>&1 || rc=$?
  fi
  echo "$target $mode $tool $rep $(tail -1 "$OUT/time") $rc" | tee -a "$OUT/results"
}

bad=0
modes=$MODE
[ "$MODE" = both ] && modes="standalone vet"
for target in "${targets[@]}"; do
  setup "$target"
  for mode in $modes; do
    if [ "$mode" = vet ]; then
      echo "== $target: warming the build cache (one go vet run with each tool: compiles everything)"
      for tool in noopvet refvet; do
        (cd "$DIR" && go vet -vettool="$BIN/$tool" $PAT >/dev/null 2>&1 || true)
      done
    fi
    echo "== $target $mode: $REPS repetitions (target mode tool rep wall user sys maxrssKB exit)"
    for rep in $(seq 1 "$REPS"); do
      measure "$target" "$mode" noopvet "$rep"
      measure "$target" "$mode" refvet "$rep"
      log=$OUT/$target.$mode.refvet.$rep.log
      if grep -E "internal error|panic:|goroutine [0-9]+ \[" "$log" >/dev/null; then
        echo "!! refvet internal error or panic, see $log"; grep -E -m5 "internal error|panic:" "$log"; bad=1
      fi
    done
  done
done

echo "== medians and ratios (refvet / floor)"
python3 - "$OUT/results" "${targets[@]}" <<'EOF'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
targets = sys.argv[2:]
seen = []
for r in rows:
    if r[0] in targets and (r[0], r[1]) not in seen:
        seen.append((r[0], r[1]))
print(f"{'target':8} {'mode':10} {'floor wall':>10} {'refvet wall':>11} {'ratio':>6} {'floor cpu':>9} {'refvet cpu':>10} {'ratio':>6} {'floor rss':>9} {'refvet rss':>10} {'ratio':>6} {'n':>2} exits")
for t, m in seen:
    def med(tool, f):
        return st.median(f(r) for r in rows if r[0] == t and r[1] == m and r[2] == tool)
    wall = lambda r: float(r[4]); cpu = lambda r: float(r[5]) + float(r[6]); rss = lambda r: float(r[7]) / 1024
    fw, rw, fc, rc, fr, rr = med("noopvet", wall), med("refvet", wall), med("noopvet", cpu), med("refvet", cpu), med("noopvet", rss), med("refvet", rss)
    n = sum(1 for r in rows if r[0] == t and r[1] == m and r[2] == "refvet")
    exits = sorted(set(r[2][0] + ":" + r[8] for r in rows if r[0] == t and r[1] == m))
    print(f"{t:8} {m:10} {fw:9.1f}s {rw:10.1f}s {rw/fw:6.2f} {fc:8.1f}s {rc:9.1f}s {rc/fc:6.2f} {fr:7.0f}MB {rr:8.0f}MB {rr/fr:6.2f} {n:2} {' '.join(exits)}")
EOF
value_run || bad=1
exit $bad
