#!/usr/bin/env python3
"""Summarises bench --episodes files for the kNN router table (docs/extras.md, "The V0-style router").

Usage: analyse.py EPISODES.jsonl [MORE.jsonl ...] [--base MODEL] [--vs MODEL ...]

Per model and setting: questions, seeds, EM, cost per question, EM per dollar. Then, for each --vs
model against --base, the EM margin and the cost ratio: per setting (the band over settings), and at
setting 0 a paired bootstrap over questions (2,000 resamples, fixed seed; each question's EM and cost
averaged over its seeds first).
"""
import json
import random
import sys
from collections import defaultdict


def main(argv):
    files, base, vs, i = [], None, [], 0
    while i < len(argv):
        if argv[i] == "--base":
            base = argv[i + 1]; i += 2
        elif argv[i] == "--vs":
            vs.append(argv[i + 1]); i += 2
        else:
            files.append(argv[i]); i += 1
    # (model, setting) -> question -> list of (em, usd)
    cells = defaultdict(lambda: defaultdict(list))
    for f in files:
        with open(f) as fh:
            for line in fh:
                if not line.strip():
                    continue
                e = json.loads(line)
                cells[(e["model"], e.get("setting", 0))][e["questionId"]].append((e["em"], e["usd"]))
    print("| model | setting | n | seeds | EM | cost USD / q | EM per dollar |")
    print("|---|---|---|---|---|---|---|")
    means = {}
    for (m, s), qs in sorted(cells.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        ems = [x[0] for v in qs.values() for x in v]
        usd = [x[1] for v in qs.values() for x in v]
        seeds = max(len(v) for v in qs.values())
        em, c = sum(ems) / len(ems), sum(usd) / len(usd)
        means[(m, s)] = (em, c)
        print(f"| {m} | {s} | {len(qs)} | {seeds} | {em:.3f} | {c:.5f} | {em / c:.1f} |")
    if not base:
        return
    settings = sorted({s for (_, s) in cells})
    rng = random.Random(20261205)
    print()
    print("| model vs base | EM margin per setting | EM margin band (min / median / max) |"
          " cost ratio band | setting 0: EM margin 95% CI | cost ratio 95% CI |")
    print("|---|---|---|---|---|---|")
    for m in vs:
        margins, ratios = [], []
        for s in settings:
            if (m, s) in means and (base, s) in means:
                margins.append(means[(m, s)][0] - means[(base, s)][0])
                ratios.append(means[(m, s)][1] / means[(base, s)][1])
        a, b = cells[(m, 0)], cells[(base, 0)]
        qids = sorted(set(a) & set(b))
        avg = lambda v, k: sum(x[k] for x in v) / len(v)
        pairs = [(avg(a[q], 0), avg(a[q], 1), avg(b[q], 0), avg(b[q], 1)) for q in qids]
        dm, dr = [], []
        for _ in range(2000):
            smp = [pairs[rng.randrange(len(pairs))] for _ in pairs]
            dm.append(sum(p[0] - p[2] for p in smp) / len(smp))
            dr.append(sum(p[1] for p in smp) / sum(p[3] for p in smp))
        dm.sort(); dr.sort()
        med = sorted(margins)[len(margins) // 2]
        print(f"| {m} vs {base} | {', '.join(f'{x:+.3f}' for x in margins)} |"
              f" {min(margins):+.3f} / {med:+.3f} / {max(margins):+.3f} |"
              f" {min(ratios):.2f} - {max(ratios):.2f} |"
              f" [{dm[49]:+.3f}, {dm[1949]:+.3f}] | [{dr[49]:.2f}, {dr[1949]:.2f}] |")


if __name__ == "__main__":
    main(sys.argv[1:])
