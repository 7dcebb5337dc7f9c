#!/usr/bin/env bash
# Reruns the LoCoMo tables of docs/memory.md: retrieval before (embedding only) and after (hybrid,
# the default) on conversation 1, then all ten conversations. LoCoMo is read from the path given
# (default ../shared/data/locomo/locomo10.json) and never copied; the tables written to
# docs/memory/locomo hold our measured numbers only, no LoCoMo text.
set -euo pipefail
cd "$(dirname "$0")/../.."
frugal="${FRUGAL:-./frugal}" # the launcher (or another command running the same CLI)
locomo="${1:-../shared/data/locomo/locomo10.json}"
out=docs/memory/locomo
mkdir -p "$out"
run() { # NAME ARGS...: one bench, its table kept under docs/memory/locomo/NAME.md
  local name=$1
  shift
  $frugal memory bench --data locomo --locomo "$locomo" --out "target/memory-locomo/$name" "$@"
  cp "target/memory-locomo/$name/results.md" "$out/$name.md"
}
# conversation 1, first 60 questions (the size of the first table), before and after
for r in embedding hybrid; do
  run "conv1-q60-$r" --conversations 1 --questions 60 --axes capacity,implementation \
    --retrieval "$r" --router learned-capacity=capacity=default
done
# conversation 1, all 152 questions of categories 1-4: chunk sizes 256 (default) and 128
run conv1-embedding-256 --conversations 1 --questions 1000 --axes capacity,implementation --retrieval embedding
run conv1-hybrid-256 --conversations 1 --questions 1000 --axes capacity,implementation --retrieval hybrid
run conv1-hybrid-128 --conversations 1 --questions 1000 --axes capacity,implementation --retrieval hybrid --chunk-tokens 128
# all ten conversations, every question of categories 1-4, capacity axis (its tiers are model
# calls; the implementation axis MID tier embeds every candidate sentence, too slow here for 1,540)
for r in embedding hybrid; do
  run "all10-$r" --conversations 10 --questions 1000 --axes capacity --retrieval "$r"
done
