package io.marketgraph.store;

import java.util.List;

/**
 * One page of an audience.
 *
 * @param members      the page, best first (score descending, then user id ascending)
 * @param total        the size of the whole audience at the query's threshold (all pages)
 * @param modelVersion the predicted-links model version the scores come from; {@code null} for a
 *                     lookalike query (no predictions involved) or when no version was exported yet
 */
public record Audience(List<Member> members, long total, String modelVersion) {

    public Audience {
        members = List.copyOf(members);
    }

    /**
     * @param region the user's region, or {@code null} when unknown
     * @param score  predicted-interest score; for a lookalike, the number of shared targets
     */
    public record Member(String userId, Integer region, double score) {}
}
