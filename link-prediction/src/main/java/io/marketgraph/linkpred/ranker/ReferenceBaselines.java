package io.marketgraph.linkpred.ranker;

import io.marketgraph.linkpred.task.TaskPairs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two classic recommenders the ranker must beat, computed on the same training positives and with
 * the same exclusion (the user's own positives): global popularity (distinct engaged users per
 * post) and ItemKNN (item-item cosine on the binary user x post positive matrix, summed over the
 * user's positives). A yardstick inside the ranker's report; train-links' baselines package holds
 * the full set.
 */
final class ReferenceBaselines {

    private final Map<Integer, int[]> postsOf = new HashMap<>();
    private final Map<Integer, int[]> usersOf = new HashMap<>();
    private final int[] popular;

    /** @param positives sorted packed (user, post) training positives */
    ReferenceBaselines(long[] positives, int popularDepth) {
        Map<Integer, List<Integer>> byUser = new HashMap<>();
        Map<Integer, List<Integer>> byPost = new HashMap<>();
        for (long p : positives) {
            byUser.computeIfAbsent(TaskPairs.source(p), k -> new ArrayList<>()).add(TaskPairs.target(p));
            byPost.computeIfAbsent(TaskPairs.target(p), k -> new ArrayList<>()).add(TaskPairs.source(p));
        }
        byUser.forEach((u, l) -> postsOf.put(u, l.stream().mapToInt(Integer::intValue).toArray()));
        byPost.forEach((q, l) -> usersOf.put(q, l.stream().mapToInt(Integer::intValue).toArray()));
        popular = usersOf.keySet().stream()
                .sorted((a, b) -> usersOf.get(a).length != usersOf.get(b).length
                        ? Integer.compare(usersOf.get(b).length, usersOf.get(a).length) : Integer.compare(a, b))
                .limit(popularDepth).mapToInt(Integer::intValue).toArray();
    }

    private boolean engaged(int user, int post) {
        int[] own = postsOf.get(user);
        if (own == null) {
            return false;
        }
        for (int p : own) {
            if (p == post) {
                return true;
            }
        }
        return false;
    }

    List<Integer> popularity(int user, int k) {
        List<Integer> out = new ArrayList<>(k);
        for (int i = 0; i < popular.length && out.size() < k; i++) {
            if (!engaged(user, popular[i])) {
                out.add(popular[i]);
            }
        }
        return out;
    }

    List<Integer> itemKnn(int user, int k) {
        int[] own = postsOf.getOrDefault(user, new int[0]);
        Map<Integer, Double> score = new HashMap<>();
        for (int p : own) {
            int[] users = usersOf.get(p);
            for (int v : users) {
                for (int q : postsOf.get(v)) {
                    if (q != p) {
                        score.merge(q, 1.0 / Math.sqrt((double) users.length * usersOf.get(q).length), Double::sum);
                    }
                }
            }
        }
        return score.entrySet().stream()
                .filter(e -> !engaged(user, e.getKey()))
                .sorted((a, b) -> !a.getValue().equals(b.getValue())
                        ? Double.compare(b.getValue(), a.getValue()) : Integer.compare(a.getKey(), b.getKey()))
                .limit(k).map(Map.Entry::getKey).toList();
    }
}
