package io.marketgraph.linkpred.ranker;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.InteractionTable;
import io.marketgraph.io.Json;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.model.LinkModelConfig;
import io.marketgraph.linkpred.model.LinkModelKind;
import io.marketgraph.linkpred.registry.PromotionGate;
import io.marketgraph.linkpred.split.NegativeStrategy;
import io.marketgraph.linkpred.task.LinkTask;
import io.marketgraph.linkpred.train.PlantedMarket;
import io.marketgraph.linkpred.train.TrainLinksConfig;
import io.marketgraph.linkpred.train.TrainLinksJob;
import io.marketgraph.progress.ProgressTracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small marketplace with time: users of taste c (user index mod 4) like posts of category c in
 * each of three periods and view a few random posts; posts 0..7 are listed by business 0, which
 * users of taste 0 follow. {@link #writeGraph} writes the graph directory split after a period
 * (1: the ranker's earlier graph, 2: train-links' graph), as build-graph --split-at would.
 */
public final class TimedMarket {

    public static final int USERS = 160;
    public static final int POSTS = 80;
    public static final int CATEGORIES = 4;
    private static final int BUSINESS = USERS + POSTS;

    private record Event(int user, int target, int period, boolean like) {}

    private TimedMarket() {}

    private static List<Event> events() {
        SplittableRandom random = new SplittableRandom(11);
        List<Event> events = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            boolean[] used = new boolean[POSTS];
            for (int period = 0; period < 3; period++) {
                for (int i = 0; i < 2; i++) {
                    int p;
                    do {  // half of the likes go to the four "hit" posts of the taste: popularity matters too
                        p = CATEGORIES * (random.nextInt(2) == 0 ? random.nextInt(4) : random.nextInt(POSTS / CATEGORIES))
                                + u % CATEGORIES;
                    } while (used[p]);
                    used[p] = true;
                    events.add(new Event(u, USERS + p, period, true));
                }
                int viewed = random.nextInt(POSTS);
                if (!used[viewed]) {
                    events.add(new Event(u, USERS + viewed, period, false));
                }
            }
            if (u % CATEGORIES == 0) {
                events.add(new Event(u, BUSINESS, 0, false));
            }
        }
        return events;
    }

    /** The graph with periods before {@code split} in the edges and interactions, the rest in the holdout. */
    public static void writeGraph(Path dir, int split) throws IOException {
        StringBuilder nodes = new StringBuilder(NodeTable.HEADER).append('\n');
        for (int u = 0; u < USERS; u++) {
            nodes.append(u).append("\tUSER\tu").append(u).append('\t').append(u % 3).append("\t\t0\t0\t0\n");
        }
        for (int p = 0; p < POSTS; p++) {
            nodes.append(USERS + p).append("\tPOST\tp").append(p).append('\t').append(p % 3).append('\t')
                    .append(p % CATEGORIES).append("\t0\t0\t0\tACTIVE\n");
        }
        nodes.append(BUSINESS).append("\tBUSINESS\tb0\t0\t0\t0\t0\t0\n");
        java.util.Map<Long, float[]> before = new java.util.TreeMap<>();  // pair -> {weight, views, likes}
        java.util.Map<Long, float[]> after = new java.util.TreeMap<>();
        for (Event e : events()) {
            java.util.Map<Long, float[]> side = e.period() < split ? before : after;
            float[] c = side.computeIfAbsent(((long) e.user() << 32) | e.target(), k -> new float[3]);
            c[0] += (e.like() ? 4f : 1f) * (float) Math.pow(0.5, split - 1 - e.period());
            c[1] += 1;
            c[2] += e.like() ? 1 : 0;
        }
        StringBuilder edges = new StringBuilder();
        for (int p = 0; p < 8; p++) {
            edges.append(BUSINESS).append('\t').append(USERS + p).append("\t1.0\n");
        }
        before.forEach((pair, c) -> edges.append(pair >>> 32).append('\t').append((int) (long) pair).append('\t')
                .append(c[0]).append('\n'));
        try (AtomicOutput out = AtomicOutput.create(dir)) {
            write(out.dir().resolve(GraphDirectory.NODES_TSV), nodes);
            write(out.dir().resolve(GraphDirectory.EDGES_TSV), edges);
            write(out.dir().resolve(GraphDirectory.INTERACTIONS_TSV), table(before));
            write(out.dir().resolve(GraphDirectory.HOLDOUT_TSV), table(after));
            out.commit();
        }
    }

    /**
     * train-links with the ranker into {@code registry}: the ranker learns on the graph split after
     * period 1, train-links' graph is split after period 2; returns the JSON report ({@code tmp/report.json}).
     */
    public static JsonNode trainRanker(Path tmp, Path registry) throws Exception {
        Path earlier = tmp.resolve("graph-p1");
        Path graph = tmp.resolve("graph-p2");
        TimedMarket.writeGraph(earlier, 1);
        TimedMarket.writeGraph(graph, 2);
        TimedMarket.writeEmbeddings(earlier, tmp.resolve("emb-p1"), 3);
        TimedMarket.writeEmbeddings(graph, tmp.resolve("emb-p2"), 3);
        TrainLinksConfig config = new TrainLinksConfig(graph, tmp.resolve("emb-p2"), registry, List.of(LinkTask.USER_POST),
                NegativeStrategy.UNIFORM, 1, LinkModelKind.LOGISTIC,
                new LinkModelConfig(LinkModelKind.LOGISTIC, 8, 2, 64, 0.05f, 7), 5, 10, 1000,
                PromotionGate.DEFAULT, true, 5, tmp.resolve("report.json"), 5);
        RankerStage.Config ranker = new RankerStage.Config(earlier, tmp.resolve("emb-p1"),
                new LinkModelConfig(LinkModelKind.MLP, 16, 10, 256, 0.02f, 7), 1000, 0.3);
        new TrainLinksJob(config, ranker, ProgressTracker.NOOP).run();
        return Json.MAPPER.readTree(tmp.resolve("report.json").toFile());
    }

    /** Taste-aware embeddings, as {@link PlantedMarket#writeEmbeddings}. */
    public static void writeEmbeddings(Path graph, Path dir, long seed) {
        PlantedMarket.writeEmbeddings(graph, dir, true, seed);
    }

    private static StringBuilder table(java.util.Map<Long, float[]> pairs) {
        StringBuilder t = new StringBuilder(InteractionTable.HEADER).append('\n');
        pairs.forEach((pair, c) -> t.append(pair >>> 32).append('\t').append((int) (long) pair).append('\t')
                .append((int) c[1]).append("\t0\t").append((int) c[2]).append("\t0\t0\t")
                .append((int) pair.longValue() == BUSINESS ? 1 : 0).append("\t0\n"));
        return t;
    }

    private static void write(Path dirOfParts, CharSequence text) throws IOException {
        Files.createDirectories(dirOfParts);
        Files.writeString(dirOfParts.resolve("part-00000"), text);
    }
}
