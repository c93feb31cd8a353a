package io.marketgraph.personalize.logs;

import java.util.List;
import java.util.Set;

/**
 * One logged search: what the engine showed, in order, with its base scores, and what the user clicked.
 *
 * @param candidates shown posts, best base score first as the engine ranked them
 * @param clicked    the ids of the clicked candidates (a subset of the shown ones)
 */
public record SearchLog(String searchId, long ts, String userId, String query, List<Candidate> candidates,
                        Set<String> clicked) {

    public record Candidate(String postId, double baseScore) {}
}
