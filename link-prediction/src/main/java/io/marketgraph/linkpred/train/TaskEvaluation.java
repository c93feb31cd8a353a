package io.marketgraph.linkpred.train;

import io.marketgraph.linkpred.metrics.BinaryMetrics.Point;
import java.util.List;
import java.util.Map;

/**
 * How every scorer did on one task's test split.
 *
 * @param scores    scorer name (a model family or a heuristic) to its metrics ({@code roc_auc}, {@code recall_at_20}, ...)
 * @param roc       scorer name to its ROC curve on the test pairs
 * @param pr        scorer name to its precision-recall curve
 * @param counts    pair counts: train/test positives and negatives, evaluated users, negative fallbacks
 * @param audience  audience quality against hand targeting (user_business; empty for other tasks), see AudienceQuality
 */
public record TaskEvaluation(Map<String, Map<String, Double>> scores, Map<String, List<Point>> roc,
                             Map<String, List<Point>> pr, Map<String, Long> counts, Map<String, Double> audience) {}
