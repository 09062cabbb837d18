#!/usr/bin/env bash
# Speed and memory figures, whole process, release build:
#   compose on the shipped library and on a generated 5,000-snippet library,
#   list on 5,000 snippets, and check on the shipped library, on 1,000 snippets and on one
#   block with twelve questions and the state.
# Uses hyperfine (Debian package) and GNU time; installs hyperfine if missing.
# Usage: benches/bench.sh [RUNS]   (default 200 runs per command)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; } >/dev/null
cargo build --release --quiet
bin=$PWD/target/release/hotline-reply
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 benches/gen_library.py 5000 "$tmp/lib5000"
python3 benches/gen_library.py 1000 "$tmp/lib1000"

compose="compose drop-charges --state NY --set asks_about_charges=yes"
bench() { # name, runs, command...
  local name=$1 n=$2; shift 2
  hyperfine -N --warmup 5 --runs "$n" --export-json "$tmp/$name.json" "$*" >/dev/null 2>&1
  python3 - "$tmp/$name.json" "$name" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"][0]
t = sorted(x * 1000 for x in r["times"])
print(f"{sys.argv[2]:<28} median {statistics.median(t):8.2f} ms   min {t[0]:8.2f}   max {t[-1]:8.2f}   runs {len(t)}")
PY
}
peak() { # name, command...
  local name=$1; shift
  local max=0
  for _ in $(seq 20); do
    /usr/bin/time -o "$tmp/rss" -f "%M" "$@" >/dev/null 2>&1
    kb=$(tail -1 "$tmp/rss")
    [ "$kb" -gt "$max" ] && max=$kb
  done
  printf '%-28s peak RSS %6.1f MiB (max of 20 runs)\n' "$name" "$(echo "$max/1024" | bc -l)"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "binary:  $("$bin" --version)"
bench compose-shipped "$runs" "$bin $compose"
bench compose-5000 "$runs" "$bin --library $tmp/lib5000 $compose"
peak compose-shipped "$bin" $compose
bench list-5000 20 "$bin --library $tmp/lib5000 list"
if "$bin" check --help >/dev/null 2>&1; then
  bench check-shipped 20 "$bin check"
  bench check-1000 10 "$bin --library $tmp/lib1000 check"
  peak check-1000 "$bin" --library "$tmp/lib1000" check
  # One block with twelve yes-no questions and the state: 4,096 x 56 replies.
  bench check-twelve-and-state 10 "$bin --library tests/fixtures/libraries/twelve-and-state check"
fi
