package io.marketgraph.linkpred.ranker;

import io.marketgraph.linkpred.calibration.Calibrator;
import io.marketgraph.linkpred.candidates.CandidateGenerator;
import io.marketgraph.linkpred.candidates.CandidateGenerator.History;
import io.marketgraph.linkpred.candidates.CandidateSet;
import io.marketgraph.linkpred.candidates.MarketContext;
import io.marketgraph.linkpred.model.LinkModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The served recommendation path for posts, one object for train-links' evaluation,
 * {@code predicted-links.tsv.gz} and {@code GET /v1/users/{id}/recommendations}: merged candidates
 * ({@link CandidateGenerator}), ranked by the ranker's raw score (ties by node id), each with its
 * calibrated probability of engagement.
 */
public final class Recommender implements AutoCloseable {

    /** A ranked post: {@code probability} is calibrated, {@code raw} the ranker's output that orders the list. */
    public record Scored(int node, double probability, float raw) {}

    private final MarketContext ctx;
    private final CandidateGenerator generator;
    private final RankerFeatures features;
    private final LinkModel model;
    private final Calibrator calibrator;

    public Recommender(MarketContext ctx, CandidateGenerator generator, LinkModel model, Calibrator calibrator) {
        if (!model.features().equals(RankerFeatures.NAMES)) {
            throw new IllegalArgumentException("the ranker was trained on features " + model.features()
                    + ", this code computes " + RankerFeatures.NAMES);
        }
        this.ctx = ctx;
        this.generator = generator;
        this.features = new RankerFeatures(ctx);
        this.model = model;
        this.calibrator = calibrator;
    }

    /** Frees the ranker's native model. */
    @Override
    public void close() {
        model.close();
    }

    public MarketContext context() {
        return ctx;
    }

    public Calibrator calibrator() {
        return calibrator;
    }

    public CandidateGenerator generator() {
        return generator;
    }

    /** The top {@code k} for a user (-1 if unknown; then {@code recent} posts are the history). */
    public List<Scored> recommend(int user, int[] recent, int k, IntPredicate accept) {
        List<Scored> all = rank(user, generator.history(user, recent), accept);
        return all.subList(0, Math.min(k, all.size()));
    }

    /** Every candidate, ranked. */
    public List<Scored> rank(int user, History history, IntPredicate accept) {
        CandidateSet set = generator.generate(user, history, accept);
        return rank(user, history, set);
    }

    public List<Scored> rank(int user, History history, CandidateSet set) {
        if (set.size() == 0) {
            return List.of();
        }
        float[] raw = model.score(features.features(user, history, set));
        Integer[] order = new Integer[set.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> raw[a] != raw[b] ? Float.compare(raw[b], raw[a]) : Integer.compare(set.node(a), set.node(b)));
        List<Scored> out = new ArrayList<>(order.length);
        for (int i : order) {
            out.add(new Scored(set.node(i), calibrator.apply(raw[i]), raw[i]));
        }
        return out;
    }
}
