#!/usr/bin/env bash
# Reruns the v3 band tables of docs/testbed.md, docs/bats.md and docs/bavt.md (simulator v3, the
# algorithms of the BATS/BAVT fixes): the 60-question stratified HotpotQA sample
# (docs/testbed-v3/hotpotqa-strat60.jsonl: 20 bridge, 20 comparison, 20 yes/no), band 5, one seed.
# Reduced size because the shared 2-core machine was loaded (see docs/testbed.md, "Bands").
# FRUGAL may name another launcher (e.g. a fixed build); default ./frugal.
set -euo pipefail
cd "$(dirname "$0")/../.."
frugal=${FRUGAL:-./frugal}
ds=docs/testbed-v3/hotpotqa-strat60.jsonl
what=${1:-all}
if [ "$what" = all ] || [ "$what" = bats ]; then
  # BATS minus ReAct+Tracker at budgets 10/20/50
  $frugal bench --dataset $ds --band 5 --budgets 10,20,50 --seeds 1 \
    --strategies react+tracker,bats --models sim-large,sim-small --threads 2 \
    --episodes docs/testbed-v3/bats-v3/episodes.jsonl --out docs/testbed-v3/bats-v3
fi
if [ "$what" = all ] || [ "$what" = bavt ]; then
  # BAVT minus parallel majority (same-total and per-tool) at the tiers 5/10/20
  $frugal bench --dataset $ds --band 5 --budgets 5,10,20 --tokens 2000,4000,8000 --token-kind output \
    --seeds 1 --strategies parallel-majority-total,bavt,parallel-majority --models sim-large,sim-small \
    --threads 2 --episodes docs/testbed-v3/bavt-v3/episodes.jsonl --out docs/testbed-v3/bavt-v3
fi
if [ "$what" = all ] || [ "$what" = 2wiki ]; then
  # the same two tables on 2WikiMultihopQA at full size (the 164 usable questions of dev200)
  w=../shared/data/2wikimultihopqa/dev200.jsonl
  $frugal bench --dataset $w --band 5 --budgets 10,20,50 --seeds 1 \
    --strategies react+tracker,bats --models sim-large,sim-small --threads 2 \
    --episodes docs/testbed-v3/bats-2wiki/episodes.jsonl --out docs/testbed-v3/bats-2wiki
  $frugal bench --dataset $w --band 5 --budgets 5,10,20 --tokens 2000,4000,8000 --token-kind output \
    --seeds 1 --strategies parallel-majority-total,bavt,parallel-majority --models sim-large,sim-small \
    --threads 2 --episodes docs/testbed-v3/bavt-2wiki/episodes.jsonl --out docs/testbed-v3/bavt-2wiki
fi
if [ "$what" = all ] || [ "$what" = sensitivity ]; then
  # One-at-a-time sensitivity of the main margin (BATS minus ReAct+Tracker, sim-large, budget 10):
  # each profile moves one registry parameter to the low or high end of its range, the others at
  # their point values; the point row itself is setting 0 of the bats-v3 band above.
  # One bench per profile (the profile keeps its name, so its draws stay those of the point row).
  for f in $(python3 docs/testbed-v3/sensitivity/make-profiles.py sim-large); do
    n=$(basename "$f" .json)
    [ -f "docs/testbed-v3/sensitivity/$n/results.json" ] && continue # resume a cut-short run
    $frugal bench --dataset $ds --budgets 10 --seeds 1 --strategies react+tracker,bats \
      --models "$f" --threads 2 --out "docs/testbed-v3/sensitivity/$n" > /dev/null
  done
fi
