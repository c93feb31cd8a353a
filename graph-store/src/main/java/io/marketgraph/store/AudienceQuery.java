package io.marketgraph.store;

import io.marketgraph.model.NodeKind;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link AudienceQueries} can be asked: users with predicted interest in one post or business,
 * in a category, or users who look like seed users. Each query pages its ranked result with
 * {@code limit}/{@code offset}; an empty {@code regions} list means every region. Validated on
 * construction with messages that use the HTTP API's field names.
 */
public sealed interface AudienceQuery {

    int MAX_LIMIT = 10_000;

    List<Integer> regions();

    int limit();

    int offset();

    /**
     * Users whose current-model {@code PREDICTED_INTEREST} score in one post or business is at least
     * {@code minScore}, ranked by score. {@code excludeEngaged}: leave out users who already have an
     * {@code INTERACTED} relationship to the target (follow, view, chat, purchase: the graph's edges
     * carry one weight, not the action, so "already follows" is read as "already engaged").
     */
    record Target(NodeKind targetKind, String targetId, List<Integer> regions, double minScore,
                  boolean excludeEngaged, int limit, int offset) implements AudienceQuery {
        public Target {
            if (targetKind != NodeKind.POST && targetKind != NodeKind.BUSINESS) {
                throw new IllegalArgumentException("target kind must be POST or BUSINESS, got " + targetKind);
            }
            if (targetId == null || targetId.isBlank()) {
                throw new IllegalArgumentException("targetId must not be blank");
            }
            regions = checkRegions(regions);
            checkScore(minScore);
            checkPage(limit, offset);
        }
    }

    /**
     * Users whose best current-model score over the posts and businesses of {@code category} is at
     * least {@code minScore}, ranked by that best score (lookalike by category).
     */
    record Category(int category, List<Integer> regions, double minScore, int limit, int offset)
            implements AudienceQuery {
        public Category {
            if (category < 0) {
                throw new IllegalArgumentException("category must be >= 0, got " + category);
            }
            regions = checkRegions(regions);
            checkScore(minScore);
            checkPage(limit, offset);
        }
    }

    /**
     * Users (not seeds) who interacted with at least {@code minShared} of the posts and businesses
     * the seed users interacted with, ranked by how many they share (lookalike from seed users).
     */
    record Lookalike(List<String> seedUserIds, List<Integer> regions, int minShared, int limit, int offset)
            implements AudienceQuery {
        public Lookalike {
            if (seedUserIds == null || seedUserIds.isEmpty() || seedUserIds.size() > 1000) {
                throw new IllegalArgumentException("seedUserIds must hold 1..1000 user ids, got "
                        + (seedUserIds == null ? "none" : seedUserIds.size()));
            }
            seedUserIds = List.copyOf(seedUserIds);
            regions = checkRegions(regions);
            if (minShared < 1) {
                throw new IllegalArgumentException("minShared must be >= 1, got " + minShared);
            }
            checkPage(limit, offset);
        }
    }

    private static List<Integer> checkRegions(List<Integer> regions) {
        if (regions == null) {
            return List.of();
        }
        regions.forEach(r -> Objects.requireNonNull(r, "regions must not contain null"));
        return List.copyOf(regions);
    }

    private static void checkScore(double minScore) {
        if (!Double.isFinite(minScore)) {
            throw new IllegalArgumentException("minScore must be a finite number, got " + minScore);
        }
    }

    private static void checkPage(int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "limit must be in 1..%d and offset >= 0, got limit=%d, offset=%d", MAX_LIMIT, limit, offset));
        }
    }
}
