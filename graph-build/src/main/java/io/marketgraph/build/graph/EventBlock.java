package io.marketgraph.build.graph;

import io.marketgraph.model.Action;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One input partition's events after validation, in input order: accepted records as primitive
 * columns (src and dst node, ts, action, a 64-bit hash of the event_id and its UTF-8 bytes for
 * exact comparison), rejected records with their reason, detail and raw fields, and the counts the
 * report needs. About 40 bytes an accepted event, against a few hundred for a cached row.
 *
 * <p>Fields are not final on purpose: a block spilled to disk goes through Kryo.
 */
final class EventBlock implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Bit of {@link #action} set when the record has an event_id (null ids never duplicate). */
    static final int HAS_ID = 0x40;
    private static final int ACTION_MASK = 0x3f;

    int partition;
    long records;
    long[] rejectedByReason = new long[RejectReason.values().length];
    int size;
    int[] src = new int[16];
    int[] dst = new int[16];
    long[] ts = new long[16];
    byte[] action = new byte[16];
    long[] idHash = new long[16];
    int[] idEnd = new int[16];
    byte[] idBytes = new byte[64];
    /** Quarantined records: reason key, detail, then {@link BuildGraphJob#RAW_FIELDS} in order. */
    List<Object[]> rejected = new ArrayList<>();

    EventBlock(int partition) {
        this.partition = partition;
    }

    /** Adds an accepted record; {@code eventId} may be null. */
    void accept(int s, int d, long t, Action a, String eventId) {
        byte[] id = eventId == null ? null : eventId.getBytes(StandardCharsets.UTF_8);
        accept(s, d, t, a, id, id == null ? 0 : hash(id));
    }

    /** As {@link #accept(int, int, long, Action, String)} with the hash given (tests force collisions). */
    void accept(int s, int d, long t, Action a, byte[] eventId, long hash) {
        if (size == src.length) {
            int n = size * 2;
            src = Arrays.copyOf(src, n);
            dst = Arrays.copyOf(dst, n);
            ts = Arrays.copyOf(ts, n);
            action = Arrays.copyOf(action, n);
            idHash = Arrays.copyOf(idHash, n);
            idEnd = Arrays.copyOf(idEnd, n);
        }
        int start = idStart(size);
        int len = eventId == null ? 0 : eventId.length;
        if (start + len > idBytes.length) {
            idBytes = Arrays.copyOf(idBytes, Math.max(idBytes.length * 2, start + len));
        }
        if (eventId != null) {
            System.arraycopy(eventId, 0, idBytes, start, len);
        }
        src[size] = s;
        dst[size] = d;
        ts[size] = t;
        action[size] = (byte) (a.ordinal() | (eventId == null ? 0 : HAS_ID));
        idHash[size] = hash;
        idEnd[size] = start + len;
        size++;
        records++;
    }

    void reject(RejectReason reason, String detail, Object[] raw) {
        Object[] r = new Object[raw.length + 2];
        r[0] = reason.key();
        r[1] = detail;
        System.arraycopy(raw, 0, r, 2, raw.length);
        rejected.add(r);
        rejectedByReason[reason.ordinal()]++;
        records++;
    }

    int action(int i) {
        return action[i] & ACTION_MASK;
    }

    boolean hasId(int i) {
        return (action[i] & HAS_ID) != 0;
    }

    String eventId(int i) {
        int start = idStart(i);
        return new String(idBytes, start, idEnd[i] - start, StandardCharsets.UTF_8);
    }

    /** Where record {@code i}'s event_id bytes begin in {@link #idBytes} (they end at {@code idEnd[i]}). */
    private int idStart(int i) {
        return i == 0 ? 0 : idEnd[i - 1];
    }

    /** The latest accepted ts, or Long.MIN_VALUE for none. */
    long maxTs() {
        long m = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            m = Math.max(m, ts[i]);
        }
        return m;
    }

    /**
     * A copy without the accepted records at {@code losers} (ascending indexes), which move to the
     * quarantine as duplicate_event_id with the fields they had: event_id, ts (epoch millis), user,
     * action, target kind and target id (file, query and region_id are not kept for valid records).
     */
    EventBlock withoutDuplicates(int[] losers, NodeIndex nodes) {
        EventBlock b = new EventBlock(partition);
        b.records = records - size;
        b.rejectedByReason = rejectedByReason.clone();
        b.rejected = new ArrayList<>(rejected);
        String[] actions = actionNames();
        int next = 0;
        for (int i = 0; i < size; i++) {
            if (next < losers.length && losers[next] == i) {
                next++;
                b.reject(RejectReason.DUPLICATE_EVENT_ID, "event_id seen earlier", new Object[] {null, eventId(i),
                        Long.toString(ts[i]), nodes.id(src[i]), actions[action(i)], nodes.kind(dst[i]).name(),
                        nodes.id(dst[i]), null, null, null});
            } else {
                b.accept(src[i], dst[i], ts[i], Action.values()[action(i)],
                        hasId(i) ? Arrays.copyOfRange(idBytes, idStart(i), idEnd[i]) : null, idHash[i]);
            }
        }
        return b;
    }

    private static String[] actionNames() {
        return Arrays.stream(Action.values()).map(Enum::name).toArray(String[]::new);
    }

    /** FNV-1a over the bytes, then a 64-bit finaliser (murmur3 fmix64) to spread the bits. */
    static long hash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(h);
    }

    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
