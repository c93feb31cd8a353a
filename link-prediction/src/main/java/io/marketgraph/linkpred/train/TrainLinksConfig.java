package io.marketgraph.linkpred.train;

import io.marketgraph.linkpred.baselines.BaselineConfig;
import io.marketgraph.linkpred.model.LinkModelConfig;
import io.marketgraph.linkpred.model.LinkModelKind;
import io.marketgraph.linkpred.registry.PromotionGate;
import io.marketgraph.linkpred.split.NegativeStrategy;
import io.marketgraph.linkpred.task.LinkTask;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Everything train-links needs, validated once.
 *
 * @param graph          the training graph directory (build-graph --split-at T: edges before T, holdout after)
 * @param embeddings     an embedding store learnt on that graph only
 * @param registry       the model registry to register the candidate in
 * @param tasks          which link tasks to train and evaluate
 * @param negatives      how non-links are drawn, and {@code negativeRatio} of them per positive
 * @param serving        the model family that serves (the other is trained and reported for comparison)
 * @param model          training settings shared by both families (seed included)
 * @param k              the K of Hits/Recall/NDCG@K
 * @param candidates     targets retrieved per user by embedding similarity before the model re-scores them
 * @param maxEvalUsers   test users ranked for the retrieval metrics (a seeded sample when there are more)
 * @param gate           the promotion policy; {@code force} promotes even when it refuses
 * @param keepVersions   registry versions kept by garbage collection
 * @param report         JSON report path; the HTML report and its images go beside it
 * @param predictedLinks top targets per user and task written as predicted links for Neo4j (0: none)
 * @param baselines      the classic recommenders fitted and reported on the same split, and their gate
 */
public record TrainLinksConfig(
        Path graph,
        Path embeddings,
        Path registry,
        List<LinkTask> tasks,
        NegativeStrategy negatives,
        int negativeRatio,
        LinkModelKind serving,
        LinkModelConfig model,
        int k,
        int candidates,
        int maxEvalUsers,
        PromotionGate gate,
        boolean force,
        int keepVersions,
        Path report,
        int predictedLinks,
        BaselineConfig baselines) {

    /** Without baselines (and so without the baseline gate): what callers from before the baselines meant. */
    public TrainLinksConfig(Path graph, Path embeddings, Path registry, List<LinkTask> tasks, NegativeStrategy negatives,
                            int negativeRatio, LinkModelKind serving, LinkModelConfig model, int k, int candidates,
                            int maxEvalUsers, PromotionGate gate, boolean force, int keepVersions, Path report,
                            int predictedLinks) {
        this(graph, embeddings, registry, tasks, negatives, negativeRatio, serving, model, k, candidates, maxEvalUsers, gate,
                force, keepVersions, report, predictedLinks, BaselineConfig.NONE);
    }

    public TrainLinksConfig {
        java.util.Objects.requireNonNull(baselines, "baselines (BaselineConfig.NONE for none)");
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("at least one task is needed (--tasks)");
        }
        if (negativeRatio < 1 || k < 1 || candidates < k || maxEvalUsers < 1 || keepVersions < 1 || predictedLinks < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "need --negative-ratio >= 1, --k >= 1, --candidates >= --k, --max-eval-users >= 1, --keep >= 1, "
                            + "--predicted-links >= 0; got %d, %d, %d, %d, %d, %d", negativeRatio, k, candidates,
                    maxEvalUsers, keepVersions, predictedLinks));
        }
    }
}
