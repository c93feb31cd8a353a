package io.marketgraph.personalize.model;

import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.Json;
import io.marketgraph.linkpred.model.FeatureMatrix;
import io.marketgraph.linkpred.model.LinkModel;
import io.marketgraph.linkpred.model.LinkModelConfig;
import io.marketgraph.linkpred.model.LinkModelKind;
import io.marketgraph.personalize.features.PostFacts;
import io.marketgraph.personalize.features.RegionCoordinates;
import io.marketgraph.personalize.features.RerankFeaturizer;
import io.marketgraph.progress.ProgressTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The learned re-ranker: a pairwise logistic model (RankNet with a linear scorer) trained with DJL
 * on feature differences of (clicked, skipped) candidates of the same search, so that
 * {@code P(i above j) = sigmoid(w . (x_i - x_j))}. Ranking by {@code w . x} is then what it learnt;
 * the standardization and bias of the underlying model are constant across a list and do not change
 * the order. Serving scores with the weights in plain Java ({@link LinearRerankScorer}): a
 * DJL forward pass per request cost more than the whole rest of the re-rank.
 *
 * <p>Cold-start policy: users with fewer than {@code minInteractions} interactions in the training
 * graph keep the search engine's order (callers keep it for users the graph does not know at all).
 */
public final class RerankModel implements AutoCloseable {

    public static final String META = "rerank.json";

    record Meta(int minInteractions, List<String> features) {}

    /** A re-ranked list: {@code order[r]} is the index (in the shown list) of the candidate at rank r. */
    public record Ranking(int[] order, float[] scores, boolean personalized) {}

    private final LinkModel pairwise;
    private final LinearRerankScorer scorer;
    private final int minInteractions;
    private final PostFacts facts;
    private final RegionCoordinates regions;

    private RerankModel(LinkModel pairwise, int minInteractions, PostFacts facts, RegionCoordinates regions) {
        this.pairwise = pairwise;
        this.scorer = pairwise.linearWeights().map(w -> new LinearRerankScorer(pairwise.meta(), w)).orElse(null);
        this.minInteractions = minInteractions;
        this.facts = facts;
        this.regions = regions;
    }

    public static RerankModel train(float[] differences, float[] labels, int minInteractions, PostFacts facts,
                                    RegionCoordinates regions, LinkModelConfig config, ProgressTracker progress) {
        FeatureMatrix x = new FeatureMatrix(differences, labels.length, RerankFeaturizer.NAMES);
        LinkModelConfig logistic = new LinkModelConfig(LinkModelKind.LOGISTIC, config.hiddenUnits(), config.epochs(),
                config.batchSize(), config.learningRate(), config.seed());
        return new RerankModel(LinkModel.train(x, labels, logistic, progress), minInteractions, facts, regions);
    }

    public PostFacts facts() {
        return facts;
    }

    public RegionCoordinates regions() {
        return regions;
    }

    public int minInteractions() {
        return minInteractions;
    }

    /**
     * Ranks one search's candidates (features row-major in shown order) for a user with
     * {@code interactions}: scores in plain Java from the logistic layer's weights (the DJL forward
     * pass only for a model that is not linear), highest first, ties in shown order.
     */
    public Ranking rank(float[] features, int candidates, int interactions) {
        if (interactions < minInteractions) {
            int[] order = new int[candidates];
            Arrays.setAll(order, i -> i);
            return new Ranking(order, new float[candidates], false);
        }
        float[] scores = scorer != null ? scorer.score(features, candidates) : pairwise.score(features, candidates);
        return new Ranking(ScoreOrder.descending(scores, candidates), scores, true);
    }

    /** The DJL model's own scores (one forward pass): the reference the plain-Java scores are tested against. */
    public float[] djlScores(float[] features, int candidates) {
        return pairwise.score(features, candidates);
    }

    public void save(Path dir) {
        pairwise.save(dir);
        Json.write(dir.resolve(META), new Meta(minInteractions, RerankFeaturizer.NAMES));
        facts.write(dir.resolve(PostFacts.FILE));
        regions.write(dir.resolve(RegionCoordinates.FILE));
    }

    public static RerankModel load(Path dir) {
        Path meta = dir.resolve(META);
        if (!Files.isRegularFile(meta)) {
            throw new InvalidInputException("no re-rank model in " + dir + ": " + META + " is missing");
        }
        Meta m = Json.read(meta, Meta.class);
        if (!m.features().equals(RerankFeaturizer.NAMES)) {
            throw new InvalidInputException("re-rank model in " + dir + " was trained on features " + m.features()
                    + ", this code computes " + RerankFeaturizer.NAMES);
        }
        PostFacts facts = PostFacts.read(dir.resolve(PostFacts.FILE));
        return new RerankModel(LinkModel.load(dir), m.minInteractions(), facts, RegionCoordinates.read(dir.resolve(RegionCoordinates.FILE)));
    }

    @Override
    public void close() {
        pairwise.close();
    }
}
