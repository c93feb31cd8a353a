package io.marketgraph.linkpred.baselines;

import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.InteractionTable;
import io.marketgraph.io.NodeTable;
import io.marketgraph.model.Action;
import io.marketgraph.model.NodeKind;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The training interactions every baseline is fitted on: a sparse user × target matrix (both CSR
 * directions) over the targets of one kind, built from the graph's {@code interactions.tsv} (events
 * before the split only). An entry's value is {@code log1p(sum of actionWeight x count)} over all the
 * pair's actions (views included: on a marketplace most users have few likes, and what they looked at
 * is the strongest signal a classic recommender gets), its recency the pair's mean time decay
 * {@code edgeWeight / undecayedWeight} in (0, 1] (build-graph decays each event by 0.5^(age / half-life)).
 *
 * <p>Targets are indexed by slot: {@code targets()[slot]} is the node id, ascending.
 */
public final class Engagements {

    private final NodeTable nodes;
    private final int[] targets;
    private final int[] slotOf;
    private final int[] userOffsets;
    private final int[] userSlots;
    private final float[] userValues;
    private final float[] userRecency;
    private final int[] itemOffsets;
    private final int[] itemUsers;
    private final float[] itemValues;

    private Engagements(NodeTable nodes, int[] targets, int[] slotOf, int[] userOffsets, int[] userSlots, float[] userValues,
                        float[] userRecency) {
        this.nodes = nodes;
        this.targets = targets;
        this.slotOf = slotOf;
        this.userOffsets = userOffsets;
        this.userSlots = userSlots;
        this.userValues = userValues;
        this.userRecency = userRecency;
        itemOffsets = new int[targets.length + 1];
        for (int s : userSlots) {
            itemOffsets[s + 1]++;
        }
        for (int s = 0; s < targets.length; s++) {
            itemOffsets[s + 1] += itemOffsets[s];
        }
        itemUsers = new int[userSlots.length];
        itemValues = new float[userSlots.length];
        int[] fill = Arrays.copyOf(itemOffsets, targets.length);
        for (int u = 0; u + 1 < userOffsets.length; u++) {
            for (int i = userOffsets[u]; i < userOffsets[u + 1]; i++) {
                int at = fill[userSlots[i]]++;
                itemUsers[at] = u;
                itemValues[at] = userValues[i];
            }
        }
    }

    /**
     * @param actionWeights build-graph's action weights by {@link Action} ordinal (its report.json
     *                      {@code weights}), used for the entry values and to undo the decay
     * @param graph         the training graph with build-graph's decayed edge weights, or null (recency 1)
     */
    public static Engagements of(NodeKind targetKind, NodeTable nodes, InteractionTable before, double[] actionWeights,
                                 CsrGraph graph) {
        int[] targets = IntStream.range(0, nodes.size()).filter(n -> nodes.kind(n) == targetKind).toArray();
        int[] slotOf = new int[nodes.size()];
        Arrays.fill(slotOf, -1);
        for (int s = 0; s < targets.length; s++) {
            slotOf[targets[s]] = s;
        }
        int[] offsets = new int[nodes.size() + 1];
        int[] rows = IntStream.range(0, before.size())
                .filter(i -> nodes.kind(before.src(i)) == NodeKind.USER && slotOf[before.dst(i)] >= 0).toArray();
        for (int i : rows) {
            offsets[before.src(i) + 1]++;
        }
        for (int n = 0; n < nodes.size(); n++) {
            offsets[n + 1] += offsets[n];
        }
        int[] slots = new int[rows.length];
        float[] values = new float[rows.length];
        float[] recency = new float[rows.length];
        int[] fill = Arrays.copyOf(offsets, nodes.size());
        Action[] actions = Action.values();
        for (int i : rows) {
            double raw = 0;
            for (Action a : actions) {
                raw += actionWeights[a.ordinal()] * before.count(i, a);
            }
            int u = before.src(i);
            int at = fill[u]++;
            slots[at] = slotOf[before.dst(i)];
            values[at] = (float) Math.log1p(raw);
            double decayed = graph == null ? raw : graph.weight(u, before.dst(i));
            recency[at] = raw > 0 && decayed > 0 ? (float) Math.min(1.0, decayed / raw) : 1f;
        }
        sortRows(offsets, slots, values, recency);
        return new Engagements(nodes, targets, slotOf, offsets, slots, values, recency);
    }

    private static void sortRows(int[] offsets, int[] slots, float[] values, float[] recency) {
        for (int u = 0; u + 1 < offsets.length; u++) {
            int from = offsets[u];
            int to = offsets[u + 1];
            for (int i = from + 1; i < to; i++) {  // rows are short: insertion sort by slot
                int s = slots[i];
                float v = values[i];
                float r = recency[i];
                int j = i - 1;
                while (j >= from && slots[j] > s) {
                    slots[j + 1] = slots[j];
                    values[j + 1] = values[j];
                    recency[j + 1] = recency[j];
                    j--;
                }
                slots[j + 1] = s;
                values[j + 1] = v;
                recency[j + 1] = r;
            }
        }
    }

    public NodeTable nodes() {
        return nodes;
    }

    /** Target node ids by slot, ascending. */
    public int[] targets() {
        return targets;
    }

    /** The slot of a target node, or -1 when the node is not a target of this kind. */
    public int slot(int node) {
        return node >= 0 && node < slotOf.length ? slotOf[node] : -1;
    }

    public int entries() {
        return userSlots.length;
    }

    /** Users are graph node ids; the row of a non-user node, or of an id outside the graph, is empty. */
    public int userStart(int user) {
        return user >= 0 && user + 1 < userOffsets.length ? userOffsets[user] : 0;
    }

    public int userEnd(int user) {
        return user >= 0 && user + 1 < userOffsets.length ? userOffsets[user + 1] : 0;
    }

    /** Entry {@code i} of the user-major order: its slot, value and recency. */
    public int slotAt(int i) {
        return userSlots[i];
    }

    public float valueAt(int i) {
        return userValues[i];
    }

    public float recencyAt(int i) {
        return userRecency[i];
    }

    public int itemStart(int slot) {
        return itemOffsets[slot];
    }

    public int itemEnd(int slot) {
        return itemOffsets[slot + 1];
    }

    /** Entry {@code j} of the item-major order: its user (node id) and value. */
    public int itemUserAt(int j) {
        return itemUsers[j];
    }

    public float itemValueAt(int j) {
        return itemValues[j];
    }
}
