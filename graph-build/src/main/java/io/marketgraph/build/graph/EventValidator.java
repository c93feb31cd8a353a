package io.marketgraph.build.graph;

import io.marketgraph.io.Timestamps;
import io.marketgraph.model.Action;
import io.marketgraph.model.NodeKind;
import java.io.Serializable;

/**
 * The per-record rules of build-graph, in plain Java (the Spark job calls {@link #validate} from a
 * UDF). Checks run in {@link RejectReason} order; the first failure is the record's reason.
 * Duplicate event ids need all records and are found by the job, after these checks.
 */
public final class EventValidator implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final int MAX_ID_LENGTH = 256;
    public static final int MAX_QUERY_LENGTH = 4096;

    /** A verdict: {@code reason == null} means accepted, with src/dst nodes, time and action. */
    public record Verdict(RejectReason reason, String detail, int src, int dst, long ts, Action action) {
        static Verdict reject(RejectReason reason, String detail) {
            return new Verdict(reason, detail, -1, -1, Long.MIN_VALUE, null);
        }
    }

    private final NodeIndex nodes;
    private final long nowMillis;

    public EventValidator(NodeIndex nodes, long nowMillis) {
        this.nodes = nodes;
        this.nowMillis = nowMillis;
    }

    /**
     * @param corrupt the raw text when the reader could not parse the record, else null
     */
    public Verdict validate(String corrupt, String eventId, String ts, String userId, String action,
                            String targetKind, String targetId, String query) {
        if (corrupt != null) {
            return Verdict.reject(RejectReason.MALFORMED_RECORD, "unparseable record: " + abbreviate(corrupt));
        }
        if (tooLong(eventId, MAX_ID_LENGTH) || tooLong(userId, MAX_ID_LENGTH) || tooLong(targetId, MAX_ID_LENGTH)
                || tooLong(action, MAX_ID_LENGTH) || tooLong(targetKind, MAX_ID_LENGTH) || tooLong(ts, MAX_ID_LENGTH)
                || tooLong(query, MAX_QUERY_LENGTH)) {
            return Verdict.reject(RejectReason.FIELD_TOO_LONG, "a field exceeds " + MAX_ID_LENGTH
                    + " characters (query: " + MAX_QUERY_LENGTH + ")");
        }
        String missing = blank(userId) ? "user_id" : blank(action) ? "action" : blank(targetKind) ? "target_kind"
                : blank(targetId) ? "target_id" : blank(ts) ? "ts" : null;
        if (missing != null) {
            return Verdict.reject(RejectReason.MISSING_FIELD, "missing " + missing);
        }
        Action a;
        try {
            a = Action.parse(action);
        } catch (IllegalArgumentException e) {
            return Verdict.reject(RejectReason.UNKNOWN_ACTION, e.getMessage());
        }
        NodeKind kind;
        try {
            kind = NodeKind.parse(targetKind);
        } catch (IllegalArgumentException e) {
            kind = null;
        }
        if (kind == null || kind == NodeKind.USER) {
            return Verdict.reject(RejectReason.UNKNOWN_TARGET_KIND,
                    "target_kind must be POST or BUSINESS, got '" + abbreviate(targetKind) + "'");
        }
        if (!a.appliesTo(kind)) {
            return Verdict.reject(RejectReason.ACTION_NOT_VALID_FOR_KIND, a + " cannot target a " + kind);
        }
        long millis = Timestamps.parseMillis(ts);
        if (millis == Timestamps.INVALID) {
            return Verdict.reject(RejectReason.BAD_TIMESTAMP,
                    "ts must be epoch millis or ISO-8601, got '" + abbreviate(ts) + "'");
        }
        if (millis > nowMillis) {
            return Verdict.reject(RejectReason.FUTURE_TIMESTAMP, "ts " + millis + " is after now " + nowMillis);
        }
        int src = nodes.node(NodeKind.USER, userId.trim());
        if (src < 0) {
            return Verdict.reject(RejectReason.UNKNOWN_USER, "no user '" + abbreviate(userId) + "' in the entities");
        }
        int dst = nodes.node(kind, targetId.trim());
        if (dst < 0) {
            return Verdict.reject(RejectReason.UNKNOWN_TARGET, "no " + kind + " '" + abbreviate(targetId) + "' in the entities");
        }
        if (kind == NodeKind.POST && nodes.seller(dst) == src) {
            return Verdict.reject(RejectReason.SELF_INTERACTION, "user '" + userId + "' sells post '" + targetId + "'");
        }
        return new Verdict(null, null, src, dst, millis, a);
    }

    private static boolean tooLong(String s, int max) {
        return s != null && s.length() > max;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
