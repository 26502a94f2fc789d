# Sourced by bench/value/run.sh and bench/value/realcode.sh (and, through run.sh, bench/run.sh):
# the real-code targets of value mode, fetched from the module proxy.
#
# The caller sets WORK (where the modules are copied) before calling value_setup.

# The modules value mode is judged on (SPEC-VALUE.md, "How it is judged"), at the versions
# every figure in docs/value-realcode.md and BENCHMARKS.md refers to.
VALUE_ARROW=github.com/apache/arrow-go/v18@v18.8.0
VALUE_GRPC=google.golang.org/grpc@v1.85.0
VALUE_BADGER=github.com/dgraph-io/badger/v4@v4.9.6
VALUE_PEBBLE=github.com/cockroachdb/pebble/v2@v2.1.7

# fetch MODULE@VERSION DIR: a writable copy of the module's source in DIR, its dependencies
# downloaded ("go mod download": the module proxy, then the module cache). Done once: a DIR
# with a go.mod is reused as it is.
fetch() {
  local mv=$1 dir=$2
  if [ ! -f "$dir/go.mod" ]; then
    local src
    src=$(go mod download -json "$mv" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
    rm -rf "$dir" && cp -r "$src" "$dir" && chmod -R u+w "$dir"
    (cd "$dir" && go mod download)
  fi
}

# value_targets lists the targets value_setup knows.
value_targets="arrow arrowgo grpc badger pebble"

# value_setup TARGET: fetches the target's module under $WORK and sets DIR (where to run),
# PAT (the package pattern) and MODVER (module@version).
#   arrow    arrow-go, ./arrow/...      arrowgo  arrow-go, ./...
#   grpc     grpc-go, ./...             badger   badger, ./...       pebble  pebble, ./...
value_setup() {
  case $1 in
    arrow)   MODVER=$VALUE_ARROW;  DIR=$WORK/arrow-go; PAT=./arrow/... ;;
    arrowgo) MODVER=$VALUE_ARROW;  DIR=$WORK/arrow-go; PAT=./... ;;
    grpc)    MODVER=$VALUE_GRPC;   DIR=$WORK/grpc;     PAT=./... ;;
    badger)  MODVER=$VALUE_BADGER; DIR=$WORK/badger;   PAT=./... ;;
    pebble)  MODVER=$VALUE_PEBBLE; DIR=$WORK/pebble;   PAT=./... ;;
    *) echo "unknown target $1 (known: $value_targets)" >&2; return 2 ;;
  esac
  fetch "$MODVER" "$DIR"
}

# value_machine REPO REV SRC prints one line about the machine, the toolchain and the refvet
# built (REPO: the refvet checkout; REV as for value_source, empty for the working tree; SRC:
# the tree built). Built from the working tree, the commit is HEAD's, with "+dirty" when the
# tracked files differ from it.
value_machine() {
  local repo=$1 rev=$2 src=$3 label='?'
  if [ -n "$rev" ]; then
    label=$(cd "$repo" && git rev-parse --short "$rev^{commit}")
  elif label=$(cd "$repo" && git rev-parse --short HEAD 2>/dev/null); then
    (cd "$repo" && git diff --quiet HEAD -- . 2>/dev/null) || label="$label+dirty"
  fi
  echo "nproc: $(nproc)  mem: $(free -g | awk '/Mem:/{print $2" GiB"}')  $(go version)  x/tools $(cd "$src" && go list -m -f '{{.Version}}' golang.org/x/tools)  refvet $label"
}

# value_source REPO [REV]: prints the refvet tree to build from. Without REV, REPO itself (its
# working tree, uncommitted changes included); with REV, a copy of that commit ("git archive")
# under $WORK/src/<commit>, made once: a build that does not depend on what is being edited in
# the working tree, labelled exactly by its commit.
value_source() {
  local repo=$1 rev=${2:-}
  if [ -z "$rev" ]; then
    echo "$repo"
    return
  fi
  local sha dir
  sha=$(cd "$repo" && git rev-parse --short "$rev^{commit}") || return 1
  dir=$WORK/src/$sha
  if [ ! -f "$dir/go.mod" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$repo" && git archive "$sha") | tar -x -C "$dir"
  fi
  echo "$dir"
}

# value_lock: one run at a time in $WORK. The scripts share its binaries (bin/), outputs and
# module copies, and two runs on the same cores would time each other: a second run waits
# for the first (fd 9 holds the lock until the script exits).
value_lock() {
  mkdir -p "$WORK"
  exec 9>"$WORK/.lock"
  if ! flock -n 9; then
    echo "== waiting for another run in $WORK to finish ($(cat "$WORK/.owner" 2>/dev/null || echo '?'))"
    flock 9
  fi
  echo "pid $$, $(basename "$0") $*, since $(date -u +%H:%M:%SZ)" >"$WORK/.owner"
}
