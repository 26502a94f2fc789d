#!/usr/bin/env bash
# The fast robustness subset of bench/ (a couple of minutes), for CI:
#   - bench/robust: refvet (standalone and go vet -vettool) on packages that do not type-check,
#     syntax errors, generated files, build tags, cgo, and a small generated ref-heavy corpus
#     (bench/cmd/gencorpus): clear errors with file:line, no panic, no internal error;
#   - refvet over a few standard-library packages (the fast path: must be clean, exit 0);
#   - one scale point per function shape (bench/cmd/scale) with no internal error.
# With FUZZ=1 it also fuzzes the fact decoders for 10s each (their seed corpora always run
# with the main module's go test).
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== bench: vet and build"
go vet ./...
go build -o "$tmp/refvet" github.com/refvet/refvet/cmd/refvet
go build -o "$tmp/scale" ./cmd/scale

echo "== bench/robust"
go test -count=1 ./robust

echo "== refvet over standard-library packages"
out=$(cd "$(go env GOROOT)/src" && "$tmp/refvet" fmt encoding/json sync os/exec 2>&1) || { echo "$out"; echo "refvet failed on std packages"; exit 1; }
if grep -E "internal error|panic:" <<<"$out"; then exit 1; fi

echo "== scale smoke test"
for kind in branches refs loops switch defers; do
  line=$("$tmp/scale" -kind "$kind" -n 2000 | awk -v k="$kind" '$1 == k')
  echo "$line"
  # columns: kind n blocks load wall cpu ssa.cpu rest.cpu alloc rss diags ierr [error]
  awk '{ if ($12 != 0 || NF > 12) exit 1 }' <<<"$line" || { echo "scale $kind: internal error or failure"; exit 1; }
done

if [ "${FUZZ:-}" = 1 ]; then
  echo "== fuzzing the fact decoders"
  (cd .. && go test -run='^$' -fuzz=FuzzSummary -fuzztime=10s ./internal/refstate &&
    go test -run='^$' -fuzz=FuzzFieldFact -fuzztime=10s ./internal/refstate)
fi
echo "bench/ci.sh: ok"
