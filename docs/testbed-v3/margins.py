#!/usr/bin/env python3
"""Band margins (EM points) of strategy A minus strategy B from a results.json with settings:
point (setting 0) / min / median / max over settings; robust when the band excludes 0.
Also mean cost per question of each side.  Usage: margins.py RESULTS A B"""
import json, statistics, sys
from collections import defaultdict
rows = json.load(open(sys.argv[1]))["rows"]
a, b = sys.argv[2], sys.argv[3]
em = {(r["model"], r["budget"], r["setting"], r["strategy"]): r for r in rows}
keys = sorted({(r["model"], r["budget"]) for r in rows})
print(f"| model | budget | margin | point | min | median | max | robust | EM {a} (pt) | EM {b} (pt) | cost {a}/{b} (pt) |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for m, bud in keys:
    ms = []
    for s in sorted({r["setting"] for r in rows}):
        ra, rb = em.get((m, bud, s, a)), em.get((m, bud, s, b))
        if ra and rb:
            ms.append((s, 100 * (ra["em"] - rb["em"])))
    if not ms:
        continue
    vals = [v for _, v in ms]
    pt = dict(ms).get(0)
    lo, hi, med = min(vals), max(vals), statistics.median(vals)
    robust = "yes" if lo > 0 or hi < 0 else "no"
    ra, rb = em[(m, bud, 0, a)], em[(m, bud, 0, b)]
    print(f"| {m} | {bud} | {a} - {b} | {pt:+.1f} | {lo:+.1f} | {med:+.1f} | {hi:+.1f} | {robust} | "
          f"{ra['em']:.3f} | {rb['em']:.3f} | {ra['usd']/rb['usd']:.2f} |")
