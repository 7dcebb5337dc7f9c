#!/usr/bin/env bash
# Reruns the lambda sweep of docs/memory.md ("Lambda sweep"): trains one tier router per lambda on
# HotpotQA dev items 0-119 (capacity axis, SIMULATED models, seed 1), then evaluates all of them
# next to the fixed all-LOW/MID/HIGH tiers on the held-out dev items 300-359 and draws the frontier.
# Usage: docs/memory/run-sweep.sh [ITERATIONS] [LAMBDAS...]   (defaults: 30; 0.01 0.05 0.1 0.5 1.0)
# The routers (about 300 KB each) stay in target/memory-sweep-ITERATIONS; their progress curves,
# the table and the frontier are copied into docs/memory/sweep-ITERATIONS (the frontier also to
# docs/memory/frontier-hotpot.png when the default lambdas were run).
set -euo pipefail
cd "$(dirname "$0")/../.."
frugal="${FRUGAL:-./frugal}" # the launcher (or another command running the same CLI)
iterations="${1:-30}"
shift || true
lambdas=("$@")
full_sweep=0
[ ${#lambdas[@]} -eq 0 ] && lambdas=(0.01 0.05 0.1 0.5 1.0) && full_sweep=1
out="docs/memory/sweep-$iterations"
work="target/memory-sweep-$iterations"
mkdir -p "$out" "$work"
routers=()
for l in "${lambdas[@]}"; do
  $frugal memory train --items 0-120 --axis capacity --lambda "$l" --iterations "$iterations" \
    --seed 1 --out "$work/lambda-$l"
  cp "$work/lambda-$l/progress.csv" "$out/progress-lambda-$l.csv"
  routers+=(--router "lambda-$l=capacity=$work/lambda-$l")
done
$frugal memory bench --items 300-360 --axes capacity --router "shipped-default=capacity=default" \
  "${routers[@]}" --out "$work/bench"
cp "$work/bench/results.md" "$work/bench/results.csv" "$work/bench/frontier.png" "$out/"
# only the full sweep replaces the page's picture
[ "$full_sweep" = 1 ] && cp "$work/bench/frontier.png" docs/memory/frontier-hotpot.png
true
