package io.marketgraph.linkpred.train;

import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.InteractionTable;
import io.marketgraph.io.NodeTable;
import io.marketgraph.model.NodeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A tiny time-split graph directory with planted taste: users of taste c (user index mod 4) like posts of category c,
 * before and after the split. Embeddings that know the taste rank the held-out likes well; random
 * ones do not.
 */
public final class PlantedMarket {

    public static final int USERS = 60;
    public static final int POSTS = 40;
    /** Tastes and categories; a uniform negative shares the user's taste with probability 1/4. */
    public static final int CATEGORIES = 4;

    private PlantedMarket() {}

    public static void writeGraph(Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder nodes = new StringBuilder(NodeTable.HEADER).append('\n');
        for (int u = 0; u < USERS; u++) {
            nodes.append(u).append("\tUSER\tu").append(u).append('\t').append(u % 3).append("\t\t0\t0\t0\n");
        }
        for (int p = 0; p < POSTS; p++) {
            nodes.append(USERS + p).append("\tPOST\tp").append(p).append('\t').append(p % 3).append('\t')
                    .append(p % CATEGORIES).append("\t0\t0\t0\n");
        }
        StringBuilder edges = new StringBuilder();
        StringBuilder before = new StringBuilder(InteractionTable.HEADER).append('\n');
        StringBuilder after = new StringBuilder(InteractionTable.HEADER).append('\n');
        for (int u = 0; u < USERS; u++) {
            boolean[] used = new boolean[POSTS];
            for (int i = 0; i < 6; i++) {
                int p = pick(random, u % CATEGORIES, used);
                // LIKE is the third action column (VIEW, SEARCH_CLICK, LIKE, ...)
                String row = u + "\t" + (USERS + p) + "\t1\t0\t1\t0\t0\t0\t0\n";
                if (i < 4) {
                    before.append(row);
                    edges.append(u).append('\t').append(USERS + p).append("\t4.0\n");
                } else {
                    after.append(row);
                }
            }
            int viewed = random.nextInt(POSTS);
            if (!used[viewed]) {
                before.append(u + "\t" + (USERS + viewed) + "\t1\t0\t0\t0\t0\t0\t0\n");
                edges.append(u).append('\t').append(USERS + viewed).append("\t1.0\n");
            }
        }
        try (AtomicOutput out = AtomicOutput.create(dir)) {
            write(out.dir().resolve(GraphDirectory.NODES_TSV), nodes);
            write(out.dir().resolve(GraphDirectory.EDGES_TSV), edges);
            write(out.dir().resolve(GraphDirectory.INTERACTIONS_TSV), before);
            write(out.dir().resolve(GraphDirectory.HOLDOUT_TSV), after);
            out.commit();
        }
    }

    /** Taste-aware embeddings (planted = true) or pure noise. */
    public static void writeEmbeddings(Path graph, Path dir, boolean planted, long seed) {
        NodeTable nodes = NodeTable.read(graph.resolve(GraphDirectory.NODES_TSV));
        SplittableRandom random = new SplittableRandom(seed);
        int dim = 4;
        float[] v = new float[nodes.size() * dim];
        for (int n = 0; n < nodes.size(); n++) {
            int group = nodes.kind(n) == NodeKind.USER ? n % CATEGORIES : nodes.category(n);
            for (int d = 0; d < dim; d++) {
                float noise = (float) random.nextGaussian() * 0.3f;
                v[n * dim + d] = planted && d == group ? 1f + noise : noise;
            }
        }
        new EmbeddingStore(dim, v, nodes).write(dir);
    }

    private static int pick(SplittableRandom random, int category, boolean[] used) {
        int p;
        do {
            p = CATEGORIES * random.nextInt(POSTS / CATEGORIES) + category;
        } while (used[p]);
        used[p] = true;
        return p;
    }

    private static void write(Path dirOfParts, CharSequence text) throws IOException {
        Files.createDirectories(dirOfParts);
        Files.writeString(dirOfParts.resolve("part-00000"), text);
    }
}
