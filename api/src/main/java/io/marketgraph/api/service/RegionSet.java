package io.marketgraph.api.service;

import java.util.Arrays;
import java.util.Collection;
import java.util.function.IntPredicate;

/**
 * A request's {@code region} filter as a test on region codes, built once per request: the ANN scan
 * tests it for every vector of the cells it searches (tens of thousands over a 1M-post catalogue), where
 * a boxed {@code Set<Integer>} lookup cost more than the dot products (JFR, e2e.sh over 1M posts).
 */
final class RegionSet {

    private RegionSet() {}

    /** True for a code in {@code regions}; for every code when {@code regions} is empty (no filter). */
    static IntPredicate of(Collection<Integer> regions) {
        if (regions.isEmpty()) {
            return code -> true;
        }
        int[] codes = regions.stream().mapToInt(Integer::intValue).sorted().toArray();
        return code -> Arrays.binarySearch(codes, code) >= 0;
    }

    /** {@link #of}, or null when {@code regions} is empty: the ANN's tag test (IvfIndex.search) for a region filter. */
    static IntPredicate tagTest(Collection<Integer> regions) {
        return regions.isEmpty() ? null : of(regions);
    }
}
