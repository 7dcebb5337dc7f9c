#!/usr/bin/env python3
"""Self-consistency rate (PETS paper's measure): the share of questions whose returned answer
agrees with the majority answer of a large-N reference run on the same question, model and
assumption setting.  Answers are compared after the normalisation of exact match (lower case,
no punctuation, no articles, single spaces).  Usage:

  self_consistency.py REFERENCE_EPISODES REF_STRATEGY EPISODES [EPISODES ...]

prints, per model, budget and strategy of EPISODES: n, the rate at setting 0 (point) and the
min / median / max over settings, and the same for the reference's own EM as a check."""
import json, re, statistics, string, sys
from collections import defaultdict


def norm(a):
    a = (a or "").lower()
    a = "".join(ch for ch in a if ch not in set(string.punctuation))
    a = re.sub(r"\b(a|an|the)\b", " ", a)
    return " ".join(a.split())


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


ref_path, ref_strategy, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
ref = {}
for e in load(ref_path):
    if e["strategy"] == ref_strategy:
        ref[(e["model"], e["setting"], e["questionId"])] = norm(e["answer"])
agree = defaultdict(lambda: defaultdict(list))  # (model, budget, strategy) -> setting -> [0/1]
for p in paths:
    for e in load(p):
        k = (e["model"], e["setting"], e["questionId"])
        if k not in ref:
            continue
        agree[(e["model"], e["budget"], e["strategy"])][e["setting"]].append(
            1 if norm(e["answer"]) == ref[k] and ref[k] else 0)
print(f"reference: {ref_strategy} in {ref_path}, {len(ref)} (model, setting, question) answers")
print("| model | budget | strategy | n per setting | self-consistency (setting 0) | min | median | max |")
print("|---|---|---|---|---|---|---|---|")
for (m, b, s), by in sorted(agree.items()):
    rates = {st: sum(v) / len(v) for st, v in by.items()}
    vals = list(rates.values())
    n = len(by[min(by)])
    print(f"| {m} | {b} | {s} | {n} | {rates.get(0, float('nan')):.3f} | {min(vals):.3f} | "
          f"{statistics.median(vals):.3f} | {max(vals):.3f} |")
