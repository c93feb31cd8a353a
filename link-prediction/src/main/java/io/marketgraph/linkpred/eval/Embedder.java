package io.marketgraph.linkpred.eval;

import io.marketgraph.embeddings.Node2Vec;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.embeddings.skipgram.SkipGramConfig;
import io.marketgraph.embeddings.walks.BiasedWalker;
import io.marketgraph.embeddings.walks.GeneratedWalks;
import io.marketgraph.embeddings.walks.WalkConfig;
import io.marketgraph.embeddings.walks.WalkCorpus;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.progress.ProgressTracker;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * How an evaluation gets the vectors of the graph it trains on (the residual graph for link
 * prediction, the whole graph for node classification): node2vec in process (optionally writing the
 * exact walks it trains on, so another trainer such as gensim can be fed the same corpus), or a
 * word2vec text file trained elsewhere on those walks. Walk and vector tokens are dense node indices.
 */
@FunctionalInterface
public interface Embedder {

    Node2Vec.Result embed(CsrGraph graph, ProgressTracker progress);

    static Embedder node2vec(WalkConfig walks, SkipGramConfig sg) {
        return (graph, progress) -> Node2Vec.embed(graph, walks, sg, progress);
    }

    /** node2vec, after writing its walk corpus to {@code walksOut}: one walk a line, dense node indices. */
    static Embedder node2vecWritingWalks(WalkConfig walks, SkipGramConfig sg, Path walksOut) {
        return (graph, progress) -> {
            WalkCorpus corpus = new GeneratedWalks(new BiasedWalker(graph, walks));
            writeWalks(corpus, walksOut);
            return Node2Vec.embed(corpus, sg, progress);
        };
    }

    /** Vectors from a word2vec text file ({@code count dim}, then {@code node v1 .. vd}); every node must have one. */
    static Embedder fromWord2VecText(Path file) {
        return (graph, progress) -> readVectors(file, graph.nodeCount());
    }

    static void writeWalks(WalkCorpus corpus, Path out) {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        int[] walk = new int[corpus.maxWalkLength()];
        WalkCorpus.Reader reader = corpus.reader();
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (long i = 0; i < corpus.walkCount(); i++) {
                int len = reader.read(i, walk);
                line.setLength(0);
                for (int k = 0; k < len; k++) {
                    line.append(k == 0 ? "" : " ").append(walk[k]);
                }
                w.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write walks " + out, e);
        }
        try {
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to move walks into place at " + out, e);
        }
    }

    static Node2Vec.Result readVectors(Path file, int nodes) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            String[] head = first == null ? new String[0] : first.strip().split(" ");
            if (head.length != 2) {
                throw new InvalidInputException(file + " line 1: expected 'count dim', got '" + first + "'");
            }
            int dim = Integer.parseInt(head[1]);
            float[] vectors = new float[nodes * dim];
            boolean[] seen = new boolean[nodes];
            String line;
            long lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String[] t = line.strip().split(" ");
                int v = Integer.parseInt(t[0]);
                if (t.length != dim + 1 || v < 0 || v >= nodes) {
                    throw new InvalidInputException(String.format(Locale.ROOT,
                            "%s line %d: expected a node in 0..%d and %d values, got node '%s' and %d values",
                            file, lineNo, nodes - 1, dim, t[0], t.length - 1));
                }
                for (int k = 0; k < dim; k++) {
                    vectors[v * dim + k] = Float.parseFloat(t[k + 1]);
                }
                seen[v] = true;
            }
            for (int v = 0; v < nodes; v++) {
                if (!seen[v]) {
                    throw new InvalidInputException(file + ": no vector for node " + v + " (of " + nodes + ")");
                }
            }
            return new Node2Vec.Result(vectors, dim, 0, 0, 0, 0, "external:" + file.getFileName());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file + ": a token is not a number: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read vectors " + file, e);
        }
    }
}
