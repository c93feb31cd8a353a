package io.marketgraph.linkpred.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.InteractionTable;
import io.marketgraph.io.NodeTable;
import io.marketgraph.model.Action;
import io.marketgraph.model.NodeKind;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each baseline against numbers worked out by hand (or by a plain reference solve) on tiny matrices. */
class BaselinesTest {

    /**
     * Users 0..3 (regions 0, 0, 1, 1), posts 4..7. Each pair is one LIKE (value log1p(3)) unless noted:
     * u0: p4 p5 · u1: p4 p5 p6 · u2: p6 p7 · u3: p7 (one VIEW only: value log1p(1)).
     */
    private static final int[][] PAIRS = {{0, 4}, {0, 5}, {1, 4}, {1, 5}, {1, 6}, {2, 6}, {2, 7}, {3, 7}};

    static Engagements tiny(float[] decay) {
        NodeKind[] kinds = {NodeKind.USER, NodeKind.USER, NodeKind.USER, NodeKind.USER, NodeKind.POST, NodeKind.POST,
                NodeKind.POST, NodeKind.POST};
        NodeTable nodes = new NodeTable(kinds, new String[] {"u0", "u1", "u2", "u3", "p4", "p5", "p6", "p7"},
                new int[] {0, 0, 1, 1, 0, 0, 1, 1}, new int[] {-1, -1, -1, -1, 0, 0, 1, 1});
        int[] src = Arrays.stream(PAIRS).mapToInt(p -> p[0]).toArray();
        int[] dst = Arrays.stream(PAIRS).mapToInt(p -> p[1]).toArray();
        int[][] counts = new int[Action.values().length][PAIRS.length];
        for (int i = 0; i < PAIRS.length; i++) {
            counts[(i == 7 ? Action.VIEW : Action.LIKE).ordinal()][i] = 1;
        }
        double[] weights = Arrays.stream(Action.values()).mapToDouble(Action::defaultWeight).toArray();
        CsrGraph graph = null;
        if (decay != null) {  // edge weight = raw weight x decay, user -> post only (enough for Engagements)
            int[] offsets = new int[9];
            for (int[] p : PAIRS) {
                offsets[p[0] + 1]++;
            }
            for (int n = 0; n < 8; n++) {
                offsets[n + 1] += offsets[n];
            }
            float[] w = new float[PAIRS.length];
            for (int i = 0; i < PAIRS.length; i++) {
                w[i] = (float) ((i == 7 ? 1.0 : 3.0) * decay[i]);
            }
            graph = new CsrGraph(offsets, dst, w, true);
        }
        return Engagements.of(NodeKind.POST, nodes, new InteractionTable(src, dst, counts), weights, graph);
    }

    @Test
    void popularity_sums_values_excludes_and_the_regional_list_counts_only_the_region() {
        Engagements e = tiny(null);
        float like = (float) Math.log1p(3);
        Recommender.Ranked global = PopularityRecommender.global(e).recommend(0, 4, t -> false);
        // p4, p5, p6 have 2 likes each (ties by node id), p7 a like and a view
        assertArrayEquals(new int[] {4, 5, 6, 7}, global.targets());
        assertEquals(2 * like, global.scores()[0], 1e-6);
        assertEquals(like + (float) Math.log1p(1), global.scores()[3], 1e-6);
        assertArrayEquals(new int[] {6, 7}, PopularityRecommender.global(e).recommend(0, 2, t -> t == 4 || t == 5).targets());
        // region 1 (u2, u3): p7 (like + view) > p6 (one like); then the rest by global score
        assertArrayEquals(new int[] {7, 6, 4, 5}, PopularityRecommender.regional(e).recommend(3, 4, t -> false).targets());
    }

    @Test
    void item_knn_is_cosine_on_the_engagement_matrix_and_scores_by_the_users_history() {
        Engagements e = tiny(null);
        float a = (float) Math.log1p(3);
        float b = (float) Math.log1p(1);
        ItemKnnRecommender knn = new ItemKnnRecommender(e, 2);
        // p4 = (a, a, 0, 0) over users, p5 the same: cosine 1; p6 = (0, a, a, 0): cos(p4, p6) = 1/2
        Recommender.Ranked p4 = knn.neighbours(4);
        assertArrayEquals(new int[] {5, 6}, p4.targets());
        assertEquals(1.0, p4.scores()[0], 1e-6);
        assertEquals(0.5, p4.scores()[1], 1e-6);
        // p7 = (0, 0, a, b); cos(p6, p7) = a*a / (a*sqrt(2) * sqrt(a*a + b*b))
        double cos67 = a * a / (a * Math.sqrt(2) * Math.sqrt(a * a + b * b));
        // p6's neighbours: p7 (cos67 = 0.63) before p4 (1/2; p5 ties with it and loses on node id)
        assertArrayEquals(new int[] {7, 4}, knn.neighbours(6).targets());
        assertEquals(cos67, knn.neighbours(6).scores()[0], 1e-5);
        // u3 has only p7: its neighbours p6 (cos67) then nothing else shares a user with p7
        Recommender.Ranked u3 = knn.recommend(3, 5, t -> false);
        assertArrayEquals(new int[] {6}, u3.targets());
        assertEquals(b * cos67, u3.scores()[0], 1e-5);
    }

    @Test
    void trending_counts_recent_entries_with_its_half_life_and_drops_those_outside_the_window() {
        // graph half-life 30 days: decay 0.5 = 30 days old, 1 = today, 0.5^(1/30) = 1 day old
        float day = (float) Math.pow(0.5, 1 / 30.0);
        float[] decay = {0.5f, 0.5f, 0.5f, 0.5f, 1f, day, day, 1f};
        Engagements e = tiny(decay);
        Recommender.Ranked r = new TrendingRecommender(e, 30, 1, 14).recommend(0, 4, t -> false);
        float a = (float) Math.log1p(3);
        float b = (float) Math.log1p(1);
        // p4, p5 only have 30-day-old entries (outside the 14-day window): not trending at all
        // p6: today (a) + 1 day (a / 2) ; p7: 1 day (a / 2) + today (b)
        assertArrayEquals(new int[] {6, 7, 4, 5}, r.targets());
        assertEquals(1.5 * a, r.scores()[0], 1e-4);
        assertEquals(0.5 * a + b, r.scores()[1], 1e-4);
        assertEquals(0f, r.scores()[2]);
    }

    @Test
    void ease_weights_equal_a_reference_inverse() {
        Engagements e = tiny(null);
        double lambda = 0.5;
        EaseRecommender ease = new EaseRecommender(e, lambda, 10);
        assertEquals(4, ease.items());
        // reference: G = X^T X + lambda I over p4..p7, P = G^-1 by Gauss-Jordan, B_ij = -P_ij / P_jj
        float a = (float) Math.log1p(3);
        float b = (float) Math.log1p(1);
        double[][] x = {{a, a, 0, 0}, {a, a, a, 0}, {0, 0, a, a}, {0, 0, 0, b}};
        double[][] p = invert(gram(x, lambda));
        // u3 (p7 only, value b): scores_j = b * B_{7j}
        Recommender.Ranked r = ease.recommend(3, 4, t -> t == 7);
        for (int i = 0; i < r.size(); i++) {
            int j = r.targets()[i] - 4;
            assertEquals(b * -p[3][j] / p[j][j], r.scores()[i], 1e-4, "score of p" + r.targets()[i]);
        }
        assertEquals(3, r.size(), "p7 excluded");
        EaseRecommender capped = new EaseRecommender(e, lambda, 2);
        assertEquals(2, capped.items(), "only the 2 most engaged posts are solved for");
    }

    @Test
    void spark_als_recovers_two_planted_blocks() {
        // 40 users, 20 posts in two blocks; each user engages with 6 of the 10 posts of its block
        int users = 40;
        int posts = 20;
        NodeKind[] kinds = new NodeKind[users + posts];
        Arrays.fill(kinds, 0, users, NodeKind.USER);
        Arrays.fill(kinds, users, users + posts, NodeKind.POST);
        String[] ids = new String[users + posts];
        Arrays.setAll(ids, i -> "n" + i);
        NodeTable nodes = new NodeTable(kinds, ids, new int[users + posts], new int[users + posts]);
        Random random = new Random(3);
        int[] src = new int[users * 6];
        int[] dst = new int[users * 6];
        int[][] counts = new int[Action.values().length][users * 6];
        int n = 0;
        for (int u = 0; u < users; u++) {
            int block = u % 2;
            int[] pick = random.ints(0, 10).distinct().limit(6).toArray();
            Arrays.sort(pick);
            for (int p : pick) {
                src[n] = u;
                dst[n] = users + block * 10 + p;
                counts[Action.LIKE.ordinal()][n++] = 1;
            }
        }
        double[] weights = Arrays.stream(Action.values()).mapToDouble(Action::defaultWeight).toArray();
        Engagements e = Engagements.of(NodeKind.POST, nodes, new InteractionTable(src, dst, counts), weights, null);
        FactorRecommender als = SparkAls.fit(e, new SparkAls.Params(4, 0.01, 10, 8, 7), "local[1]");
        int inBlock = 0;
        for (int u = 0; u < users; u++) {
            int block = u % 2;
            int user = u;
            Recommender.Ranked r = als.recommend(u, 4, t -> {
                for (int i = e.userStart(user); i < e.userEnd(user); i++) {
                    if (e.targets()[e.slotAt(i)] == t) {
                        return true;
                    }
                }
                return false;
            });
            assertEquals(4, r.size());
            for (int t : r.targets()) {
                inBlock += (t - users) / 10 == block ? 1 : 0;
            }
        }
        // chance is 4 / 14 unseen posts of the block in a top 4; the factors find the block almost always
        assertTrue(inBlock >= 0.9 * 4 * users, inBlock + " of " + 4 * users + " recommendations in the user's block");
        assertTrue(als.recommend(-1, 3, t -> false).size() == 0, "an unknown user gets nothing");
    }

    private static double[][] gram(double[][] x, double lambda) {
        int m = x[0].length;
        double[][] g = new double[m][m];
        for (double[] row : x) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    g[i][j] += row[i] * row[j];
                }
            }
        }
        for (int i = 0; i < m; i++) {
            g[i][i] += lambda;
        }
        return g;
    }

    private static double[][] invert(double[][] g) {
        int m = g.length;
        double[][] a = new double[m][2 * m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(g[i], 0, a[i], 0, m);
            a[i][m + i] = 1;
        }
        for (int c = 0; c < m; c++) {
            double pivot = a[c][c];
            for (int j = 0; j < 2 * m; j++) {
                a[c][j] /= pivot;
            }
            for (int r = 0; r < m; r++) {
                if (r != c) {
                    double f = a[r][c];
                    for (int j = 0; j < 2 * m; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[m][m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(a[i], m, inv[i], 0, m);
        }
        return inv;
    }

    @Test
    void a_short_personalised_list_is_filled_from_the_fallback_in_its_order() {
        Engagements e = tiny(null);
        Recommender filled = new FilledRecommender(new ItemKnnRecommender(e, 2), PopularityRecommender.global(e));
        // u3's ItemKNN list is p6 only; popularity then adds p4, p5 (p7 is excluded, p6 already taken)
        Recommender.Ranked r = filled.recommend(3, 4, t -> t == 7);
        assertArrayEquals(new int[] {6, 4, 5}, r.targets());
        assertTrue(r.scores()[0] > r.scores()[1] && r.scores()[1] >= r.scores()[2], Arrays.toString(r.scores()));
        // a user the graph never saw gets popularity alone
        assertArrayEquals(new int[] {4, 5}, filled.recommend(-1, 2, t -> false).targets());
    }
}
