#!/usr/bin/env python3
"""Hub-heavy labelled test graph (degree-corrected planted partition), deterministic by seed.

usage: hub_sbm_edges.py NODES EDGES OUTDIR [--blocks 39] [--p-in 0.25] [--exponent 2.1]
                        [--max-share 0.015] [--overlap 0.3] [--label-noise 0.2] [--seed 1]
Writes OUTDIR/edges.tsv (exactly EDGES distinct undirected edges 'u<TAB>v', no self-loops) and
OUTDIR/labels.tsv ('node<TAB>label', one line per (node, label); every node has 1 or 2 labels), then
prints the degree distribution (max degree, top-1 % share of edge endpoints) on stderr.

Meant to look like BlogCatalog (10,312 nodes, 333,983 edges, 39 labels, max degree 3,992), which the
sbm_edges.py graph (max degree near 100, classified perfectly) does not:
* every node gets a weight from a power law, P(w > x) ~ x^(1 - exponent), capped at --max-share of the
  total weight, so a few hubs take a large share of the edges;
* every node has a home block (uniform), and with probability --overlap a second one;
* each edge picks u in proportion to its weight, then v in proportion to weight: with probability
  --p-in among the members of one of u's blocks, else among all nodes (self-loops and duplicates are
  redrawn);
* the labels are the node's blocks, each replaced by a uniform random block with probability
  --label-noise, so node classification is neither trivial nor chance.
Standard library only (python3 embeddings/scripts/hub_sbm_edges.py ...).
"""
import argparse
import bisect
import itertools
import os
import random
import sys

a = argparse.ArgumentParser(formatter_class=argparse.ArgumentDefaultsHelpFormatter)
a.add_argument("nodes", type=int); a.add_argument("edges", type=int); a.add_argument("outdir")
a.add_argument("--blocks", type=int, default=39, help="planted blocks = labels")
a.add_argument("--p-in", type=float, default=0.25, help="share of edges drawn inside a block of u")
a.add_argument("--exponent", type=float, default=2.1, help="power-law exponent of the node weights")
a.add_argument("--max-share", type=float, default=0.015,
               help="cap of one node's share of the total weight (sets the hub degrees: 0.015 gives a "
                    "largest degree near 4,200 at 10,000 nodes and 334,000 edges, duplicates redrawn)")
a.add_argument("--overlap", type=float, default=0.3, help="probability that a node has a second block")
a.add_argument("--label-noise", type=float, default=0.2, help="probability that a label is replaced at random")
a.add_argument("--seed", type=int, default=1)
o = a.parse_args()
n, b = o.nodes, o.blocks
if o.edges > n * (n - 1) // 2:
    sys.exit(f"EDGES {o.edges} exceeds the {n * (n - 1) // 2} possible edges of {n} nodes")
rnd = random.Random(o.seed)

# Pareto weights (inverse-CDF), then the cap: the fixed point of cap = max-share x sum(min(w, cap)).
raw = [(1.0 - rnd.random()) ** (-1.0 / (o.exponent - 1.0)) for _ in range(n)]
cap = max(raw)
for _ in range(100):
    cap = min(cap, o.max_share * sum(min(x, cap) for x in raw))
w = [min(x, cap) for x in raw]

blocks = []
for v in range(n):
    first = rnd.randrange(b)
    mine = [first]
    if rnd.random() < o.overlap:
        second = rnd.randrange(b - 1)
        mine.append(second if second < first else second + 1)
    blocks.append(mine)
members = [[] for _ in range(b)]
for v in range(n):
    for c in blocks[v]:
        members[c].append(v)

everyone = list(range(n))
cum_all = list(itertools.accumulate(w))
cum_block = [list(itertools.accumulate(w[v] for v in m)) for m in members]


def draw(nodes, cum):
    return nodes[bisect.bisect_right(cum, rnd.random() * cum[-1])]


seen = set()
degree = [0] * n
os.makedirs(o.outdir, exist_ok=True)
with open(os.path.join(o.outdir, "edges.tsv"), "w") as f:
    while len(seen) < o.edges:
        u = draw(everyone, cum_all)
        if rnd.random() < o.p_in:
            c = blocks[u][rnd.randrange(len(blocks[u]))]
            v = draw(members[c], cum_block[c])
        else:
            v = draw(everyone, cum_all)
        if u == v:
            continue
        key = u * n + v if u < v else v * n + u
        if key in seen:
            continue
        seen.add(key)
        degree[u] += 1
        degree[v] += 1
        f.write(f"{u}\t{v}\n")

with open(os.path.join(o.outdir, "labels.tsv"), "w") as f:
    for v in range(n):
        labels = []
        for c in blocks[v]:
            if rnd.random() < o.label_noise:
                c = rnd.randrange(b)
            if c not in labels:
                labels.append(c)
        for c in labels:
            f.write(f"{v}\tB{c}\n")

ranked = sorted(degree, reverse=True)
top = max(1, n // 100)
isolated = sum(1 for d in degree if d == 0)
print(f"nodes {n}, edges {o.edges}, blocks {b}; degree max {ranked[0]}, median {ranked[n // 2]}, "
      f"mean {2 * o.edges / n:.1f}; top 1 % ({top} nodes) hold {sum(ranked[:top]) / (2 * o.edges):.1%} "
      f"of the edge endpoints; isolated nodes {isolated}; top 5 degrees {ranked[:5]}", file=sys.stderr)
