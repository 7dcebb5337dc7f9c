#!/usr/bin/env python3
"""Writes docs/testbed-v3/hotpotqa-strat60.jsonl: the first 20 bundled HotpotQA dev questions of each
kind, in file order: yes/no (the answer is yes or no), comparison (the question offers "X or Y"),
bridge (the rest). The bundled file carries no type field, so the kind is read from the item."""
import json, os
here = os.path.dirname(os.path.abspath(__file__))
src = os.path.join(here, '..', '..', 'tools', 'src', 'main', 'resources', 'dev', 'frugal', 'tools',
                   'dataset', 'hotpotqa-dev500.jsonl')
picked = {'yesno': [], 'comparison': [], 'bridge': []}
for line in open(src):
    r = json.loads(line)
    spans = r['answers_objects'][0]['spans']
    a = spans[0].strip().lower() if spans else ''
    q = r['question_text']
    kind = 'yesno' if a in ('yes', 'no') else 'comparison' if ' or ' in q else 'bridge'
    if len(picked[kind]) < 20:
        picked[kind].append(line)
with open(os.path.join(here, 'hotpotqa-strat60.jsonl'), 'w') as out:
    for kind in ('bridge', 'comparison', 'yesno'):
        out.writelines(picked[kind])
print({k: len(v) for k, v in picked.items()})
