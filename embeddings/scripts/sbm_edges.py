#!/usr/bin/env python3
"""Planted-partition (SBM-like) test graph as a SNAP edge list: deterministic by seed.

usage: sbm_edges.py NODES EDGES OUT [--blocks B] [--p-in F] [--seed S]
Each edge picks u uniformly, then v from u's block with probability p-in (default 0.8), else
uniformly; self-loops and duplicates are redrawn, so the file has exactly EDGES distinct edges.
"""
import argparse, random

a = argparse.ArgumentParser()
a.add_argument("nodes", type=int); a.add_argument("edges", type=int); a.add_argument("out")
a.add_argument("--blocks", type=int, default=50); a.add_argument("--p-in", type=float, default=0.8)
a.add_argument("--seed", type=int, default=1)
o = a.parse_args()
rnd = random.Random(o.seed)
n, b = o.nodes, o.blocks
size = (n + b - 1) // b
seen = set()
with open(o.out, "w") as f:
    while len(seen) < o.edges:
        u = rnd.randrange(n)
        if rnd.random() < o.p_in:
            blk = u // size
            v = blk * size + rnd.randrange(min(size, n - blk * size))
        else:
            v = rnd.randrange(n)
        if u == v:
            continue
        key = u * n + v if u < v else v * n + u
        if key in seen:
            continue
        seen.add(key)
        f.write(f"{u}\t{v}\n")
