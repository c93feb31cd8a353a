package io.marketgraph.build.graph;

import io.marketgraph.model.NodeKind;
import io.marketgraph.model.PostStatus;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

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
    private transient volatile Map<String, Integer>[] lookup;

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
        Integer n = maps()[kind.ordinal()].get(id);
        return n == null ? -1 : n;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Integer>[] maps() {
        Map<String, Integer>[] m = lookup;
        if (m == null) {
            synchronized (this) {
                m = lookup;
                if (m == null) {
                    m = new Map[3];
                    m[0] = range(0, users);
                    m[1] = range(users, users + posts);
                    m[2] = range(users + posts, ids.length);
                    lookup = m;
                }
            }
        }
        return m;
    }

    private Map<String, Integer> range(int from, int to) {
        Map<String, Integer> m = new HashMap<>((int) ((to - from) / 0.7) + 16);
        for (int i = from; i < to; i++) {
            m.put(ids[i], i);
        }
        return m;
    }
}
