#!/usr/bin/env python3
"""Writes one-at-a-time sensitivity profiles: sim-large with one registry parameter at the low or
high end of its range and every other parameter at its point value (docs/testbed.md, "Sensitivity")."""
import json, os, sys
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..", "..", "..")
base_name = sys.argv[1] if len(sys.argv) > 1 else "sim-large"
src = os.path.join(root, "testbed/src/main/resources/dev/frugal/testbed/sim", base_name + ".json")
base = json.load(open(src))
out = os.path.join(here, "profiles")
os.makedirs(out, exist_ok=True)
names = []
# the parameters most likely to move a BATS margin first (memory, tracker, carrying, confusion,
# verifier), so that a cut-short run still covers them; then the rest in registry order
first = ["memoryRecall", "trackerAdherence", "summaryLoss", "misread", "verifyMiss",
         "overconfidence", "judgeNoise", "readSkill", "slipRate", "patience", "queriesPerCall"]
keys = [k for k in first if k in base["behaviour"]]
keys += [k for k in base["behaviour"] if k not in keys]
for key in keys:
    spec = base["behaviour"][key]
    lo, hi = spec["range"]
    if lo == hi:
        continue  # a fixed parameter (e.g. latency) has no range to move over
    for end, value in (("lo", lo), ("hi", hi)):
        p = json.loads(json.dumps(base))
        # the name stays: the simulator keys its draws on it, so only the parameter differs
        p["behaviour"][key]["value"] = value
        path = os.path.join(out, f"{base_name}.{key}.{end}.json")
        json.dump(p, open(path, "w"), indent=2)
        names.append(os.path.relpath(path, root))
print("\n".join(names))
