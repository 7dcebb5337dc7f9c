#!/usr/bin/env python3
"""E3 = EM^2 / (mean tokens per question / 1000) (Plan and Budget, arXiv 2505.16122) of strategy A
and B from a results.json with settings, and the ratio E3(A) / E3(B): point (setting 0) / min /
median / max over settings.  Usage: e3_bands.py RESULTS A B"""
import json, statistics, sys

rows = json.load(open(sys.argv[1]))["rows"]
a, b = sys.argv[2], sys.argv[3]
by = {(r["model"], r["budget"], r["setting"], r["strategy"]): r for r in rows}
e3 = lambda r: r["em"] ** 2 / (r["tokens"] / 1000)
print(f"| model | budget | E3 {a} (pt) | E3 {b} (pt) | ratio point | min | median | max | tokens {a}/{b} (pt) |")
print("|---|---|---|---|---|---|---|---|---|")
for m, bud in sorted({(r["model"], r["budget"]) for r in rows}):
    ratios = {}
    for s in sorted({r["setting"] for r in rows}):
        ra, rb = by.get((m, bud, s, a)), by.get((m, bud, s, b))
        if ra and rb and e3(rb) > 0:
            ratios[s] = e3(ra) / e3(rb)
    if 0 not in ratios:
        continue
    v = list(ratios.values())
    ra, rb = by[(m, bud, 0, a)], by[(m, bud, 0, b)]
    print(f"| {m} | {bud} | {e3(ra):.4f} | {e3(rb):.4f} | {ratios[0]:.2f} | {min(v):.2f} | "
          f"{statistics.median(v):.2f} | {max(v):.2f} | {ra['tokens'] / rb['tokens']:.2f} |")
