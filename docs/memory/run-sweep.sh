#!/usr/bin/env bash
# Reruns the lambda sweep of docs/memory.md ("Lambda sweep"): trains one tier router per lambda on
# HotpotQA dev items 0-119 (capacity axis, SIMULATED models, seed 1), then evaluates all of them
# next to the fixed all-LOW/MID/HIGH tiers on the held-out dev items 300-359 and draws the frontier.
# Usage: docs/memory/run-sweep.sh [ITERATIONS] [LAMBDAS...]   (defaults: 30; 0.01 0.05 0.1 0.5 1.0)
# The routers (about 300 KB each) stay in target/memory-sweep; their progress curves and the
# tables are copied into docs/memory/sweep.
set -euo pipefail
cd "$(dirname "$0")/../.."
frugal="${FRUGAL:-./frugal}" # the launcher (or another command running the same CLI)
iterations="${1:-30}"
shift || true
lambdas=("$@")
[ ${#lambdas[@]} -eq 0 ] && lambdas=(0.01 0.05 0.1 0.5 1.0)
mkdir -p docs/memory/sweep target/memory-sweep
routers=()
for l in "${lambdas[@]}"; do
  $frugal memory train --items 0-120 --axis capacity --lambda "$l" --iterations "$iterations" \
    --seed 1 --out "target/memory-sweep/lambda-$l"
  cp "target/memory-sweep/lambda-$l/progress.csv" "docs/memory/sweep/progress-lambda-$l.csv"
  routers+=(--router "lambda-$l=capacity=target/memory-sweep/lambda-$l")
done
$frugal memory bench --items 300-360 --axes capacity --router "shipped-default=capacity=default" \
  "${routers[@]}" --out target/memory-sweep/bench
cp target/memory-sweep/bench/results.md target/memory-sweep/bench/results.csv docs/memory/sweep/
cp target/memory-sweep/bench/frontier.png docs/memory/frontier-hotpot.png
