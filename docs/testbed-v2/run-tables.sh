#!/usr/bin/env bash
# Reruns the v2 tables of docs/testbed.md, docs/bats.md and docs/bavt.md (simulator v2).
# Reduced sizes (first 80-100 questions, 1-2 seeds) because the shared 2-core machine was loaded;
# each command is also printed in the doc next to its table.
set -euo pipefail
cd "$(dirname "$0")/../.."
./frugal bench --dataset bundled --limit 100 --seeds 2 --budgets 5,10,20 \
  --strategies react,react+tracker --models sim-large,sim-small --threads 2 --out docs/testbed-v2/react
./frugal bench --dataset bundled --limit 80 --seeds 2 --budgets 10 \
  --strategies react+tracker,bats,bats-early-stop,bats-bom,bats-no-plan,bats-no-verify \
  --models sim-small,sim-large --threads 2 --out docs/testbed-v2/bats
./frugal bench --dataset bundled --limit 80 --seeds 2 --budgets 10 --strategies bats,bats-bom \
  --models docs/testbed-v2/profiles/sim-small-blind-verifier.json,docs/testbed-v2/profiles/sim-large-blind-verifier.json \
  --threads 2 --out docs/testbed-v2/bats-blind-verifier
./frugal bench --dataset bundled --limit 80 --seeds 1 --budgets 5,10,20 --tokens 2000,4000,8000 \
  --token-kind output --strategies bavt,parallel-majority,react --models sim-small,sim-large \
  --threads 2 --out docs/testbed-v2/bavt
# 2WikiMultihopQA (docs/testbed.md, 2Wiki tables of docs/bats.md, docs/bats-results-2wiki.md, docs/bavt.md):
# full size (all 164 usable questions, 3 seeds), since the machine was quieter for this rerun.
./frugal bench --dataset ../shared/data/2wikimultihopqa/dev200.jsonl --seeds 3 --budgets 5,10,20,50 \
  --strategies react,react+tracker,budget-forcing,budget-forcing+tracker,parallel-majority,parallel-majority+tracker,bats,bats-early-stop,bats-bom,bats-no-plan,bats-no-verify \
  --models sim-large,sim-small --threads 2 --out docs/testbed-v2/bats-2wiki
./frugal bench --dataset ../shared/data/2wikimultihopqa/dev200.jsonl --seeds 3 --budgets 10 --strategies bats,bats-bom \
  --models docs/testbed-v2/profiles/sim-small-blind-verifier.json,docs/testbed-v2/profiles/sim-large-blind-verifier.json \
  --threads 2 --out docs/testbed-v2/bats-2wiki-blind-verifier
./frugal bench --dataset ../shared/data/2wikimultihopqa/dev200.jsonl --seeds 3 --budgets 5,10,20 --tokens 2000,4000,8000 \
  --token-kind output --strategies bavt,bavt-guard,parallel-majority,react --models sim-small,sim-large \
  --threads 2 --out docs/testbed-v2/bavt-2wiki
# Router evaluation on 2Wiki (docs/router.md, "2WikiMultihopQA on v2"); policies from docs/router/v2/models/.
for strategy in react+tracker bats; do
  ./frugal router eval --strategy "$strategy" --dataset ../shared/data/2wikimultihopqa/dev200.jsonl \
    --routers v2-bopo=docs/router/v2/models/bopo-lambda-0.5,v2-sft=docs/router/v2/models/sft,v1-default=default \
    --baselines always-small,always-large,first-large-1,small-first-1,small-first-2 \
    --capped always-large,small-first-1 --caps 50 --seeds 3 --threads 2 \
    --out "docs/router/v2/eval-2wiki-$( [ "$strategy" = bats ] && echo bats || echo react-tracker )"
done
# HotpotQA BATS sweep at every budget (docs/testbed.md, HotpotQA v2 tables of docs/bats.md and
# docs/bats-results-hotpotqa.md): first 200 questions, 2 seeds, one thread (the machine was shared).
./frugal bench --dataset bundled --limit 200 --seeds 2 --budgets 5,10,20,50 \
  --strategies react,react+tracker,budget-forcing,budget-forcing+tracker,parallel-majority,parallel-majority+tracker,bats,bats-early-stop,bats-bom,bats-no-plan,bats-no-verify \
  --models sim-large,sim-small --threads 1 --out docs/testbed-v2/bats-hotpotqa
