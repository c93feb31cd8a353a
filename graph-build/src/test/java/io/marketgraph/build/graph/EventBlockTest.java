package io.marketgraph.build.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.model.Action;
import io.marketgraph.model.PostStatus;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** The primitive blocks and pair sums without Spark. */
class EventBlockTest {

    /** u1, u2 (0, 1), p1 (2, sold by u1), b1 (3). */
    private static NodeIndex nodes() {
        return new NodeIndex(2, 1, 1, new String[] {"u1", "u2", "p1", "b1"}, new int[] {0, 0, 0, 0},
                new int[] {-1, -1, 3, 3}, new byte[] {-1, -1, (byte) PostStatus.ACTIVE.ordinal(), -1}, new int[] {-1, -1, 0, -1});
    }

    @Test
    void a_block_keeps_accepted_columns_and_ids_in_input_order() {
        EventBlock b = new EventBlock(3);
        b.accept(1, 2, 500, Action.LIKE, "e1");
        b.reject(RejectReason.UNKNOWN_USER, "no user 'u9' in the entities", new Object[] {"f", "e2", "7", "u9", "VIEW", "POST",
                "p1", null, "4", null});
        b.accept(0, 3, 900, Action.FOLLOW, (String) null);
        b.accept(1, 3, 100, Action.CHAT, "é2");
        assertEquals(4, b.records);
        assertEquals(3, b.size);
        assertEquals(1, b.rejectedByReason[RejectReason.UNKNOWN_USER.ordinal()]);
        assertEquals(900, b.maxTs());
        assertEquals("e1", b.eventId(0));
        assertFalse(b.hasId(1));
        assertEquals("", b.eventId(1));
        assertEquals("é2", b.eventId(2));
        assertEquals(Action.CHAT.ordinal(), b.action(2));
        assertEquals(EventBlock.hash("é2".getBytes(java.nio.charset.StandardCharsets.UTF_8)), b.idHash[2]);
        assertEquals("unknown_user", b.rejected.get(0)[0]);
        assertEquals("u9", b.rejected.get(0)[5]);
    }

    @Test
    void a_duplicate_moves_to_the_quarantine_with_the_fields_it_had() {
        EventBlock b = new EventBlock(0);
        b.accept(1, 2, 500, Action.LIKE, "e1");
        b.accept(1, 3, 900, Action.CHAT, "e1");
        b.accept(0, 3, 700, Action.FOLLOW, "e3");
        EventBlock d = b.withoutDuplicates(new int[] {1}, nodes());
        assertEquals(3, d.records);
        assertEquals(2, d.size);
        assertEquals(700, d.maxTs());
        assertEquals("e3", d.eventId(1));
        assertEquals(b.idHash[2], d.idHash[1]);
        assertEquals(1, d.rejectedByReason[RejectReason.DUPLICATE_EVENT_ID.ordinal()]);
        assertArrayEquals(new Object[] {"duplicate_event_id", "event_id seen earlier", null, "e1", "900", "u2", "CHAT",
                "BUSINESS", "b1", null, null, null}, d.rejected.get(0));
        assertEquals(BuildGraphJob.RAW_FIELDS.size() + 2, d.rejected.get(0).length);
    }

    @Test
    void pair_sums_merge_partials_in_partition_order_to_exact_rows() {
        PairSums a = new PairSums(2);
        for (int i = 0; i < 1000; i++) {
            a.add(((long) (i % 7) << 32) | (100 + i % 11), 0.5, i % 3, 1);
        }
        assertEquals(77, a.size); // 7 x 11 pairs (gcd 1): all combinations; the table grew from 2
        List<Tuple2<Integer, PairSums>> parts = a.split(5, 3);
        int total = 0;
        for (Tuple2<Integer, PairSums> p : parts) {
            assertEquals(5, p._2().partition);
            total += p._2().size;
        }
        assertEquals(77, total);
        PairSums m = new PairSums(4);
        for (Tuple2<Integer, PairSums> p : parts) {
            for (int e = 0; e < p._2().size; e++) {
                m.merge(p._2(), e);
                m.merge(p._2(), e); // twice: sums double
            }
        }
        assertEquals(77, m.size);
        m.firstBusiness = 105;
        double weight = 0;
        int counts = 0;
        for (int e = 0; e < m.size; e++) {
            Row r = m.row(e);
            int dst = r.getInt(1);
            assertEquals(dst < 105 ? "USER_POST" : "USER_BUSINESS", r.getString(3));
            weight += r.getDouble(2);
            for (int c = 4; c < r.length(); c++) {
                counts += r.getInt(c);
            }
        }
        assertEquals(1000.0, weight, 0);
        assertEquals(2000, counts);
        // pair (0, 100) is i = 0, 77, ..., 924: 13 events of 0.5, merged twice
        boolean found = false;
        for (int e = 0; e < m.size; e++) {
            Row r = m.row(e);
            if (r.getInt(0) == 0 && r.getInt(1) == 100) {
                assertEquals(13.0, r.getDouble(2), 0);
                found = true;
            }
        }
        assertTrue(found);
    }
}
