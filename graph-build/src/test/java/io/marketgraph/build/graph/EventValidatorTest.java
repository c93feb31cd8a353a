package io.marketgraph.build.graph;

import io.marketgraph.io.Timestamps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.marketgraph.model.Action;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    // users u1, u2; posts p1 (sold by u1), p2 (sold by b1); business b1
    private static final NodeIndex NODES = new NodeIndex(2, 2, 1, new String[] {"u1", "u2", "p1", "p2", "b1"},
            new int[] {0, 1, 0, 1, 1}, new int[] {-1, -1, 3, 5, 5}, new byte[] {-1, -1, 0, 2, -1},
            new int[] {-1, -1, 0, 4, -1});
    private static final long NOW = 1_000_000L;
    private final EventValidator v = new EventValidator(NODES, NOW);

    private RejectReason reason(String corrupt, String id, String ts, String user, String action, String kind, String target) {
        return v.validate(corrupt, id, ts, user, action, kind, target, null).reason();
    }

    @Test
    void accepts_a_valid_event_and_maps_ids_to_dense_nodes() {
        EventValidator.Verdict verdict = v.validate(null, "e1", "1970-01-01T00:00:01Z", "u2", "like", "post", "p1", "bike");
        assertNull(verdict.reason());
        assertEquals(1, verdict.src());
        assertEquals(2, verdict.dst());
        assertEquals(1000L, verdict.ts());
        assertEquals(Action.LIKE, verdict.action());
        EventValidator.Verdict follow = v.validate(null, null, "500", " u1 ", "FOLLOW", "BUSINESS", "b1", null);
        assertNull(follow.reason());
        assertEquals(0, follow.src());
        assertEquals(4, follow.dst());
    }

    @Test
    void each_rule_names_its_reason() {
        assertEquals(RejectReason.MALFORMED_RECORD, reason("{bad", null, null, null, null, null, null));
        assertEquals(RejectReason.FIELD_TOO_LONG, reason(null, "e", "1", "u".repeat(257), "VIEW", "POST", "p1"));
        assertEquals(RejectReason.MISSING_FIELD, reason(null, "e", "1", " ", "VIEW", "POST", "p1"));
        assertEquals(RejectReason.MISSING_FIELD, reason(null, "e", null, "u2", "VIEW", "POST", "p1"));
        assertEquals(RejectReason.UNKNOWN_ACTION, reason(null, "e", "1", "u2", "TELEPORT", "POST", "p1"));
        assertEquals(RejectReason.UNKNOWN_TARGET_KIND, reason(null, "e", "1", "u2", "VIEW", "CAR", "p1"));
        assertEquals(RejectReason.UNKNOWN_TARGET_KIND, reason(null, "e", "1", "u2", "VIEW", "USER", "u1"));
        assertEquals(RejectReason.ACTION_NOT_VALID_FOR_KIND, reason(null, "e", "1", "u2", "FOLLOW", "POST", "p1"));
        assertEquals(RejectReason.ACTION_NOT_VALID_FOR_KIND, reason(null, "e", "1", "u2", "PURCHASE", "BUSINESS", "b1"));
        assertEquals(RejectReason.BAD_TIMESTAMP, reason(null, "e", "true", "u2", "VIEW", "POST", "p1"));
        assertEquals(RejectReason.FUTURE_TIMESTAMP, reason(null, "e", "1000001", "u2", "VIEW", "POST", "p1"));
        assertNull(reason(null, "e", "1000000", "u2", "VIEW", "POST", "p1"));
        assertEquals(RejectReason.UNKNOWN_USER, reason(null, "e", "1", "u9", "VIEW", "POST", "p1"));
        assertEquals(RejectReason.UNKNOWN_TARGET, reason(null, "e", "1", "u2", "VIEW", "POST", "b1"));
        assertEquals(RejectReason.SELF_INTERACTION, reason(null, "e", "1", "u1", "VIEW", "POST", "p1"));
        assertNull(reason(null, "e", "1", "u1", "VIEW", "POST", "p2"));
    }

    @Test
    void the_first_failing_rule_wins_and_the_detail_names_the_value() {
        EventValidator.Verdict verdict = v.validate(null, "e", "soon", "u9", "TELEPORT", "POST", "p1", null);
        assertEquals(RejectReason.UNKNOWN_ACTION, verdict.reason());
        assertEquals("unknown action 'TELEPORT': expected one of VIEW, LIKE, CHAT, PURCHASE, FOLLOW, AD_CLICK, SEARCH_CLICK",
                verdict.detail());
        assertEquals("ts must be epoch millis or ISO-8601, got 'soon'",
                v.validate(null, "e", "soon", "u9", "VIEW", "POST", "p1", null).detail());
    }

    @Test
    void timestamps_accept_millis_and_iso_forms() {
        assertEquals(1500L, Timestamps.parseMillis(" 1500 "));
        assertEquals(-5L, Timestamps.parseMillis("-5"));
        assertEquals(86_400_000L, Timestamps.parseMillis("1970-01-02T00:00:00Z"));
        assertEquals(86_400_000L, Timestamps.parseMillis("1970-01-02T01:00:00+01:00"));
        assertEquals(86_400_000L, Timestamps.parseMillis("1970-01-02 00:00:00"));
        assertEquals(86_400_000L, Timestamps.parseMillis("1970-01-02"));
        assertEquals(86_400_250L, Timestamps.parseMillis("1970-01-02T00:00:00.250"));
        assertEquals(Timestamps.INVALID, Timestamps.parseMillis("yesterday"));
        assertEquals(Timestamps.INVALID, Timestamps.parseMillis("99999999999999999999"));
        assertEquals(Timestamps.INVALID, Timestamps.parseMillis(""));
        assertEquals(Timestamps.INVALID, Timestamps.parseMillis(null));
    }

    @Test
    void edge_list_lines_follow_the_same_reasons() {
        assertNull(EdgeListLine.parse("# comment"));
        assertNull(EdgeListLine.parse("   "));
        assertEquals(new EdgeListLine(null, "1", "2", 1.0), EdgeListLine.parse("1 2"));
        assertEquals(new EdgeListLine(null, "a", "b", 2.5), EdgeListLine.parse("a\tb\t2.5"));
        assertEquals(RejectReason.MALFORMED_RECORD, EdgeListLine.parse("1").reason());
        assertEquals(RejectReason.MALFORMED_RECORD, EdgeListLine.parse("1 2 3 4").reason());
        assertEquals(RejectReason.BAD_WEIGHT, EdgeListLine.parse("1 2 -1").reason());
        assertEquals(RejectReason.BAD_WEIGHT, EdgeListLine.parse("1 2 x").reason());
        assertEquals(RejectReason.SELF_INTERACTION, EdgeListLine.parse("3 3").reason());
    }
}
