#!/usr/bin/env bash
# Batch throughput of the release binary on a folder: --jobs 1 against
# --jobs N (default 2), writing files with --out-dir and printing to
# stdout, each run's wall time, CPU time (user + sys) and peak memory
# (/usr/bin/time -v). Not a test: it prints figures and checks only that
# every run produced the same output.
#
#   benches/batch.sh [FOLDER] [JOBS]
#
# FOLDER defaults to a copy, in a temp folder, of every page of
# ../shared/corpus/readability and ../shared/corpus/trafilatura-eval.
# BATCH_ROUNDS (default 3) runs of each; the table shows the median.
# The machine's load (uptime) is printed first: parallel speed-up is only
# meaningful when no other work competes for the cores.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=${2:-2}
rounds=${BATCH_ROUNDS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "${1:-}" ]; then
  pages=$1
else
  pages=$work/pages
  mkdir -p "$pages"
  corpus=../shared/corpus
  if [ ! -d "$corpus/readability" ]; then
    echo "batch: skipping: $corpus/readability not found"
    exit 0
  fi
  for dir in "$corpus"/readability/*/; do
    cp "$dir/source.html" "$pages/r-$(basename "$dir").html"
  done
  if [ -d "$corpus/trafilatura-eval/pages" ]; then
    cp "$corpus"/trafilatura-eval/pages/*.html "$pages/"
  fi
fi

cargo build --release --quiet
bin=target/release/declutter
count=$(find "$pages" -type f | wc -l)
size=$(du -sh "$pages" | cut -f1)
echo "$count pages ($size) in $pages; load: $(uptime | sed 's/.*load average: //')"
echo

# One run: prints "wall cpu rss_mb" for `declutter "$pages" ARGS...`.
measure() {
  local log=$work/time.log
  /usr/bin/time -v "$bin" "$pages" -q "$@" 2>"$log" >"$work/stdout" || {
    cat "$log" >&2
    exit 1
  }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = t[n] + (n > 1 ? t[n-1] * 60 : 0) }
    /User time/ { cpu += $2 }
    /System time/ { cpu += $2 }
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%.2f %.2f %.0f\n", wall, cpu, rss }' "$log"
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}

# The median of `rounds` runs, by wall time.
median() {
  for _ in $(seq "$rounds"); do
    measure "$@"
  done | sort -n | sed -n "$(((rounds + 1) / 2))p"
}

printf '%-26s %10s %10s %12s %10s\n' "run" "wall s" "cpu s" "cpu / wall" "peak MB"
for mode in files stdout; do
  for j in 1 "$jobs"; do
    rm -rf "$work/out"
    if [ "$mode" = files ]; then
      read -r wall cpu rss < <(median --out-dir "$work/out" --jobs "$j")
    else
      read -r wall cpu rss < <(median --jobs "$j")
      cp "$work/stdout" "$work/stdout-$j"
    fi
    eval "wall_$mode$j=$wall"
    printf '%-26s %10s %10s %12s %10s\n' "$mode, --jobs $j" "$wall" "$cpu" \
      "$(ratio "$cpu" "$wall")" "$rss"
  done
done
cmp -s "$work/stdout-1" "$work/stdout-$jobs" || {
  echo "batch: stdout differs between --jobs 1 and --jobs $jobs" >&2
  exit 1
}
echo
for mode in files stdout; do
  w1=wall_${mode}1
  wn=wall_$mode$jobs
  echo "speed-up, $mode: $(ratio "${!w1}" "${!wn}")"
done
