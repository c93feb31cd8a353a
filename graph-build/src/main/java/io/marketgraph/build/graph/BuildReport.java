package io.marketgraph.build.graph;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * report.json of a graph directory. {@code recordsIn == accepted + sum(quarantined)} always;
 * {@code rejectedOverThreshold} is true when the quarantined fraction exceeded
 * {@code --max-reject-fraction} (then the graph was not written, exit 3). {@code splitAt} is the
 * {@code --split-at} time (null without a split); {@code holdoutPairs} the user-target pairs in holdout.tsv.
 */
public record BuildReport(
        @JsonProperty("records_in") long recordsIn,
        @JsonProperty("accepted") long accepted,
        @JsonProperty("quarantined") Map<String, Long> quarantined,
        @JsonProperty("quarantined_fraction") double quarantinedFraction,
        @JsonProperty("max_reject_fraction") double maxRejectFraction,
        @JsonProperty("rejected_over_threshold") boolean rejectedOverThreshold,
        @JsonProperty("nodes") long nodes,
        @JsonProperty("nodes_by_kind") Map<String, Long> nodesByKind,
        @JsonProperty("edges") long edges,
        @JsonProperty("edges_by_kind") Map<String, Long> edgesByKind,
        @JsonProperty("t_ref_millis") long tRefMillis,
        @JsonProperty("now_millis") long nowMillis,
        @JsonProperty("half_life_days") double halfLifeDays,
        @JsonProperty("action_weights") Map<String, Double> actionWeights,
        @JsonProperty("listed_weight") double listedWeight,
        @JsonProperty("graph") Map<String, Object> graph,
        @JsonProperty("popular_posts") long popularPosts,
        @JsonProperty("input") String input,
        @JsonProperty("shuffle_partitions") int shufflePartitions,
        @JsonProperty("stage_seconds") Map<String, Double> stageSeconds,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("split_at") Long splitAt,
        @JsonProperty("holdout_pairs") long holdoutPairs) {

    public long quarantinedTotal() {
        return quarantined.values().stream().mapToLong(Long::longValue).sum();
    }
}
