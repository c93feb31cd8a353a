package io.marketgraph.build.graph;

import io.marketgraph.model.NodeKind;
import io.marketgraph.model.PostStatus;
import java.io.Serializable;

/**
 * The dense node ids: users first, then posts, then businesses, each sorted by external id, so the
 * same entities always give the same ids. Holds what each node is (region, category, post status
 * and seller) and maps external ids back to nodes. Broadcast to the validation tasks; the hash maps
 * are rebuilt lazily once per JVM rather than shipped.
 */
public final class NodeIndex implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int users;
    private final int posts;
    private final int businesses;
    private final String[] ids;
    private final int[] region;
    private final int[] category;
    private final byte[] status;     // PostStatus ordinal for posts, -1 otherwise
    private final int[] seller;      // posts: the seller's node, -1 if unknown; -1 for other kinds
    private transient volatile long[][] lookup;

    NodeIndex(int users, int posts, int businesses, String[] ids, int[] region, int[] category, byte[] status, int[] seller) {
        this.users = users;
        this.posts = posts;
        this.businesses = businesses;
        this.ids = ids;
        this.region = region;
        this.category = category;
        this.status = status;
        this.seller = seller;
    }

    public int size() {
        return ids.length;
    }

    public int users() {
        return users;
    }

    public int posts() {
        return posts;
    }

    public int businesses() {
        return businesses;
    }

    public NodeKind kind(int node) {
        return node < users ? NodeKind.USER : node < users + posts ? NodeKind.POST : NodeKind.BUSINESS;
    }

    public String id(int node) {
        return ids[node];
    }

    public int region(int node) {
        return region[node];
    }

    public int category(int node) {
        return category[node];
    }

    /** The post's status, or null for users and businesses. */
    public PostStatus status(int node) {
        return status[node] < 0 ? null : PostStatus.values()[status[node]];
    }

    /** The node that sells post {@code node} (a user or a business), or -1. */
    public int seller(int node) {
        return seller[node];
    }

    /** The dense node of an external id of the given kind, or -1 if there is none. */
    public int node(NodeKind kind, String id) {
        long[] table = tables()[kind.ordinal()];
        int hash = id.hashCode();
        int mask = table.length - 1;
        for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
            long entry = table[slot];
            if (entry == EMPTY) {
                return -1;
            }
            int node = (int) entry;
            if ((int) (entry >>> 32) == hash && ids[node].equals(id)) {
                return node;
            }
        }
    }

    /**
     * Per kind, an open-addressing table of (id hash, node) in one long a slot, half full at most. Each of
     * the 20M look-ups of a 10M-event build touches a slot and the id it checks: a HashMap's entry, key and
     * boxed value were one cache miss more each, and its look-ups 12 % of build-graph's samples (JFR).
     */
    private long[][] tables() {
        long[][] t = lookup;
        if (t == null) {
            synchronized (this) {
                t = lookup;
                if (t == null) {
                    t = new long[][] {table(0, users), table(users, users + posts), table(users + posts, ids.length)};
                    lookup = t;
                }
            }
        }
        return t;
    }

    private static final long EMPTY = -1L;   // node -1 and hash -1: no node is negative

    private long[] table(int from, int to) {
        int capacity = Integer.highestOneBit(Math.max(4, (to - from) * 2 - 1)) << 1;
        long[] table = new long[capacity];
        java.util.Arrays.fill(table, EMPTY);
        int mask = capacity - 1;
        for (int i = from; i < to; i++) {
            int hash = ids[i].hashCode();
            int slot = mix(hash) & mask;
            while (table[slot] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            table[slot] = ((long) hash << 32) | (i & 0xffffffffL);
        }
        return table;
    }

    /** Spreads String.hashCode's low bits (ids like "u123" differ in their last characters only). */
    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
