#!/usr/bin/env python3
"""gensim's skip-gram (SGNS) on a walk file: the reference our trainer is compared against.

usage: gensim_walks.py WALKS OUT [--dim 128] [--window 10] [--negative 5] [--epochs 1]
                       [--sample 0.001] [--alpha 0.025] [--workers 2] [--seed 1]
WALKS: one walk a line, space-separated tokens (evaluate-embeddings --walks-out writes them).
OUT: word2vec text (evaluate-embeddings --vectors reads it). sg=1, hs=0, min_count=1: gensim
Word2Vec with the settings of bin/marketgraph embed. Prints the training seconds.
Needs gensim: on Debian/Ubuntu `apt-get install python3-gensim`, then run it with /usr/bin/python3.
"""
import argparse, time
from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence

a = argparse.ArgumentParser()
a.add_argument("walks"); a.add_argument("out")
a.add_argument("--dim", type=int, default=128); a.add_argument("--window", type=int, default=10)
a.add_argument("--negative", type=int, default=5); a.add_argument("--epochs", type=int, default=1)
a.add_argument("--sample", type=float, default=1e-3); a.add_argument("--alpha", type=float, default=0.025)
a.add_argument("--workers", type=int, default=2); a.add_argument("--seed", type=int, default=1)
o = a.parse_args()
t0 = time.time()
m = Word2Vec(sentences=LineSentence(o.walks, max_sentence_length=100000), vector_size=o.dim, window=o.window,
             min_count=1, sg=1, hs=0, negative=o.negative, sample=o.sample, alpha=o.alpha, min_alpha=o.alpha * 1e-4,
             epochs=o.epochs, workers=o.workers, seed=o.seed)
print(f"gensim train seconds {time.time() - t0:.1f}")
m.wv.save_word2vec_format(o.out, binary=False)
