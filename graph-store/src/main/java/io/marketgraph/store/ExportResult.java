package io.marketgraph.store;

import io.marketgraph.model.NodeKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Outcome of one {@link ExportJob} run; serialised as the JSON report of {@code export-neo4j --out}.
 *
 * @param nodes                 nodes written (merged) by kind
 * @param interactions          INTERACTED relationships written
 * @param listed                LISTED relationships written (seller -> post; typed graphs only)
 * @param relationshipSource    where the graph's relationships came from: {@link #TYPED} or {@link #UNTYPED}
 *                              ({@code null} without a graph)
 * @param predictedLinks        PREDICTED_INTEREST relationships written (merged) for {@code modelVersion}
 * @param deletedOtherVersions  PREDICTED_INTEREST relationships of other versions deleted
 * @param recordsRead           input records read (nodes + edges + predicted links)
 * @param rejected              records not written, by reason
 * @param firstLoad             per label and relationship type: true where it was empty before its stage and
 *                              was written with CREATE, false where it was MERGEd
 * @param retriedBatches        batches the driver ran again after a transient error (always with MERGE)
 * @param stageSeconds          wall seconds of each stage
 * @param seconds               wall seconds of the whole export
 */
public record ExportResult(String neo4j, Map<NodeKind, Long> nodes, long interactions, long listed,
                           String relationshipSource, String modelVersion,
                           long predictedLinks, long deletedOtherVersions, long recordsRead,
                           Map<RejectReason, Long> rejected, Map<String, Boolean> firstLoad, long retriedBatches,
                           Map<String, Double> stageSeconds, double seconds) {

    public static final String TYPED = "interactions.tsv + edges.tsv (typed: INTERACTED with action counts, LISTED)";
    public static final String UNTYPED = "edges.tsv only (no interactions.tsv: every user edge is INTERACTED {weight}, "
            + "no action counts, no LISTED)";

    public ExportResult {
        nodes = Map.copyOf(nodes);
        rejected = Map.copyOf(rejected);
        firstLoad = Collections.unmodifiableMap(new LinkedHashMap<>(firstLoad));
        stageSeconds = Map.copyOf(stageSeconds);
    }

    public long nodeCount() {
        return nodes.values().stream().mapToLong(Long::longValue).sum();
    }

    public long relationships() {
        return interactions + listed + predictedLinks;
    }

    public long rejectedCount() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Relationships written per second over the whole run (schema and node stages included). */
    public double relationshipsPerSecond() {
        return seconds > 0 ? relationships() / seconds : 0;
    }

    /** The JSON report's shape: stable key order, derived numbers included. */
    public Map<String, Object> report() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("neo4j", neo4j);
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (NodeKind kind : NodeKind.values()) {
            byKind.put(kind.name(), nodes.getOrDefault(kind, 0L));
        }
        out.put("nodes", byKind);
        out.put("nodeCount", nodeCount());
        out.put("interactions", interactions);
        out.put("listed", listed);
        out.put("relationshipSource", relationshipSource);
        out.put("firstLoad", firstLoad);
        out.put("retriedBatches", retriedBatches);
        out.put("modelVersion", modelVersion);
        out.put("predictedLinks", predictedLinks);
        out.put("deletedOtherVersions", deletedOtherVersions);
        out.put("relationships", relationships());
        out.put("recordsRead", recordsRead);
        out.put("rejected", rejected);
        out.put("rejectedCount", rejectedCount());
        out.put("stageSeconds", stageSeconds);
        out.put("seconds", seconds);
        out.put("relationshipsPerSecond", relationshipsPerSecond());
        return out;
    }

    private static List<String> keys(Map<String, Boolean> map, boolean value) {
        return map.entrySet().stream().filter(e -> e.getValue() == value).map(Map.Entry::getKey).toList();
    }

    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "export-neo4j into %s%n", neo4j));
        s.append(String.format(Locale.ROOT, "  nodes:            %,d  %s%n", nodeCount(), nodes));
        s.append(String.format(Locale.ROOT, "  interactions:     %,d  (INTERACTED)%n", interactions));
        s.append(String.format(Locale.ROOT, "  listings:         %,d  (LISTED)%n", listed));
        if (relationshipSource != null) {
            s.append(String.format(Locale.ROOT, "  relationships of: %s%n", relationshipSource));
        }
        s.append(String.format(Locale.ROOT, "  written with:     CREATE (first load) %s, MERGE %s; %d batches retried%n",
                keys(firstLoad, true), keys(firstLoad, false), retriedBatches));
        s.append(String.format(Locale.ROOT, "  predicted links:  %,d  (PREDICTED_INTEREST, model_version %s; %,d of other versions deleted)%n",
                predictedLinks, modelVersion == null ? "-" : modelVersion, deletedOtherVersions));
        s.append(String.format(Locale.ROOT, "  rejected:         %,d of %,d records read  %s%n", rejectedCount(), recordsRead, rejected));
        s.append(String.format(Locale.ROOT, "  time:             %.1f s  (%s)%n", seconds, stageSeconds));
        s.append(String.format(Locale.ROOT, "  throughput:       %,.0f relationships/s", relationshipsPerSecond()));
        return s.toString();
    }
}
