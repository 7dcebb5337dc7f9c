#!/usr/bin/env python3
"""The one-at-a-time sensitivity table of BATS minus ReAct+Tracker (EM points, sim-large, budget 10):
for each parameter, the margin with it at the low and at the high end of its range (others at point
values), next to the point margin (setting 0 of docs/testbed-v3/bats-v3); sorted by the larger move."""
import glob, json, os
here = os.path.dirname(os.path.abspath(__file__))
def margin(path, budget=10, setting=0, model="sim-large"):
    rows = json.load(open(path))["rows"]
    em = {r["strategy"]: r["em"] for r in rows
          if r["budget"] == budget and r.get("setting", 0) == setting and r["model"] == model}
    return 100 * (em["bats"] - em["react+tracker"]), em
point, _ = margin(os.path.join(here, "..", "bats-v3", "results.json"))
base = json.load(open(os.path.join(here, "..", "..", "..",
                                   "testbed/src/main/resources/dev/frugal/testbed/sim/sim-large.json")))
res = {}
for d in glob.glob(os.path.join(here, "sim-large.*.*", "results.json")):
    _, key, end = os.path.basename(os.path.dirname(d)).split(".")
    res.setdefault(key, {})[end] = margin(d)
print(f"Point margin (all parameters at point values): {point:+.1f}\n")
print("| parameter | range (point) | margin at low | margin at high | largest move from point | EM bats / react+tracker at low | at high |")
print("|---|---|---|---|---|---|---|")
def move(k):
    return max(abs(v[0] - point) for v in res[k].values())
for k in sorted(res, key=move, reverse=True):
    spec = base["behaviour"][k]
    lo, hi = res[k].get("lo"), res[k].get("hi")
    f = lambda x: "-" if x is None else f"{x[0]:+.1f}"
    g = lambda x: "-" if x is None else f"{x[1]['bats']:.3f} / {x[1]['react+tracker']:.3f}"
    print(f"| {k} | {spec['range'][0]}-{spec['range'][1]} ({spec['value']}) | {f(lo)} | {f(hi)} | {move(k):.1f} | {g(lo)} | {g(hi)} |")
