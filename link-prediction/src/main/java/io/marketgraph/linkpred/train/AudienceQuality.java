package io.marketgraph.linkpred.train;

import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.InteractionTable;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.features.PairFeaturizer;
import io.marketgraph.linkpred.model.LinkModel;
import io.marketgraph.linkpred.retrieval.ExactTopK;
import io.marketgraph.linkpred.task.TaskPairs;
import io.marketgraph.model.NodeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Audience quality for the ad team, per business: the users who engage with it after the split
 * (its test positives) against two audiences of the same size, 1 % and 5 % of all users:
 * <ul>
 *   <li>model: users retrieved by embedding cosine to the business (4 x the audience size), re-scored by
 *       the link model, best first (as the API's audiences do);</li>
 *   <li>hand targeting: users of the business's region who engaged (before the split) with anything
 *       of its category, most such engagements first; smaller than the size when fewer qualify.</li>
 * </ul>
 * Users already engaged with the business before the split are in neither. Precision and recall
 * are averaged over the businesses with test positives (macro); lift is model / hand precision.
 */
final class AudienceQuality {

    private static final double[] SIZES = {0.01, 0.05};

    private AudienceQuality() {}

    static Map<String, Double> evaluate(TaskPairs pairs, NodeTable nodes, InteractionTable before, EmbeddingStore embeddings,
                                        PairFeaturizer featurizer, LinkModel model, int maxTargets) {
        int[] users = IntStream.range(0, nodes.size()).filter(n -> nodes.kind(n) == NodeKind.USER).toArray();
        Map<Integer, Set<Integer>> relevant = new HashMap<>();
        for (long p : pairs.test()) {
            relevant.computeIfAbsent(TaskPairs.target(p), t -> new HashSet<>()).add(TaskPairs.source(p));
        }
        Set<Long> trained = new HashSet<>();
        Arrays.stream(pairs.train()).forEach(trained::add);
        // (region, category) -> user -> engagements with that category, before the split
        Map<Long, Map<Integer, Integer>> byRegionCategory = new HashMap<>();
        for (int i = 0; i < before.size(); i++) {
            int u = before.src(i);
            int c = nodes.category(before.dst(i));
            if (nodes.kind(u) == NodeKind.USER && c >= 0) {
                byRegionCategory.computeIfAbsent(key(nodes.region(u), c), k -> new HashMap<>()).merge(u, 1, Integer::sum);
            }
        }
        List<Integer> targets = new ArrayList<>(relevant.keySet());
        targets.sort(Comparator.comparingInt((Integer t) -> -relevant.get(t).size()).thenComparingInt(t -> t));
        targets = targets.subList(0, Math.min(maxTargets, targets.size()));
        ExactTopK byCosine = new ExactTopK(embeddings, users);
        double[] modelP = new double[SIZES.length];
        double[] modelR = new double[SIZES.length];
        double[] handP = new double[SIZES.length];
        double[] handR = new double[SIZES.length];
        for (int b : targets) {
            Set<Integer> rel = relevant.get(b);
            int largest = size(users.length, SIZES[SIZES.length - 1]);
            int[] candidates = byCosine.search(embeddings.vectors(), embeddings.offset(b), 4 * largest,
                    u -> trained.contains(TaskPairs.pack(u, b)));
            int[] ranked = rerank(model, featurizer, b, candidates);
            Map<Integer, Integer> engaged = byRegionCategory.getOrDefault(key(nodes.region(b), nodes.category(b)), Map.of());
            int[] hand = engaged.entrySet().stream().filter(e -> !trained.contains(TaskPairs.pack(e.getKey(), b)))
                    .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .mapToInt(Map.Entry::getKey).toArray();
            for (int s = 0; s < SIZES.length; s++) {
                int n = size(users.length, SIZES[s]);
                int modelHits = hits(ranked, n, rel);
                int handN = Math.min(n, hand.length);
                int handHits = hits(hand, handN, rel);
                modelP[s] += modelHits / (double) n;
                modelR[s] += modelHits / (double) rel.size();
                handP[s] += handN == 0 ? 0 : handHits / (double) handN;
                handR[s] += handHits / (double) rel.size();
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("targets", (double) targets.size());
        for (int s = 0; s < SIZES.length; s++) {
            String at = String.format(Locale.ROOT, "at_%d_pct", Math.round(100 * SIZES[s]));
            double t = Math.max(1, targets.size());
            out.put("audience_size_" + at, (double) size(users.length, SIZES[s]));
            out.put("model_precision_" + at, modelP[s] / t);
            out.put("model_recall_" + at, modelR[s] / t);
            out.put("hand_precision_" + at, handP[s] / t);
            out.put("hand_recall_" + at, handR[s] / t);
            out.put("lift_" + at, handP[s] == 0 ? Double.NaN : modelP[s] / handP[s]);
        }
        return out;
    }

    private static int size(int users, double share) {
        return Math.max(1, (int) Math.ceil(share * users));
    }

    private static long key(int region, int category) {
        return ((long) region << 32) | (category & 0xffffffffL);
    }

    private static int hits(int[] audience, int n, Set<Integer> relevant) {
        int h = 0;
        for (int i = 0; i < Math.min(n, audience.length); i++) {
            h += relevant.contains(audience[i]) ? 1 : 0;
        }
        return h;
    }

    private static int[] rerank(LinkModel model, PairFeaturizer featurizer, int target, int[] users) {
        long[] pairs = new long[users.length];
        for (int i = 0; i < users.length; i++) {
            pairs[i] = TaskPairs.pack(users[i], target);
        }
        float[] s = model.score(featurizer.features(pairs));
        Integer[] order = new Integer[users.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> s[a] != s[b] ? Float.compare(s[b], s[a]) : Integer.compare(users[a], users[b]));
        return Arrays.stream(order).mapToInt(i -> users[i]).toArray();
    }
}
