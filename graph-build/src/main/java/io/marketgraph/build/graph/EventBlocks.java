package io.marketgraph.build.graph;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The events as an RDD of {@link EventBlock}s, one per input partition: each record read by
 * {@link EventSources} is validated once ({@link EventValidator}) straight from Spark's internal
 * rows (the file name and region_id are turned into Java strings only for rejected records), and
 * the summary and the quarantine are taken from the blocks.
 */
final class EventBlocks {

    /** quarantine/ columns: reason, detail, then the record as read. */
    static final StructType QUARANTINE;

    static {
        StructType q = new StructType().add("reason", DataTypes.StringType, true).add("detail", DataTypes.StringType, true);
        for (String f : BuildGraphJob.RAW_FIELDS) {
            q = q.add(f, DataTypes.StringType, true);
        }
        QUARANTINE = q;
    }

    private EventBlocks() {}

    /**
     * The events of {@code events} (a file or a directory of any supported formats), one block per input
     * partition: JSON Lines parsed line by line ({@link JsonLine}), CSV and Parquet through Spark's readers.
     */
    static JavaRDD<EventBlock> validate(SparkSession spark, Path events, Broadcast<NodeIndex> nodes, long nowMillis) {
        Map<String, List<Path>> byFormat = new LinkedHashMap<>(EventSources.discover(events));
        List<Path> json = byFormat.remove("json");
        JavaRDD<EventBlock> blocks = null;
        int partitions = 0;
        if (json != null) {
            blocks = validateJsonLines(EventSources.jsonLines(spark, json), 0, nodes, nowMillis);
            partitions = blocks.getNumPartitions();
        }
        if (!byFormat.isEmpty() || blocks == null) {
            JavaRDD<EventBlock> rows = validate(EventSources.read(spark, byFormat), partitions, nodes, nowMillis);
            blocks = blocks == null ? rows : blocks.union(rows);
        }
        return blocks;
    }

    /**
     * Lines of JSON Lines text ({@code value}, {@link EventSources#FILE}) parsed and validated in one pass:
     * no Spark row per record, the file name made a string only for a rejected record. Lines of spaces
     * are not records.
     */
    private static JavaRDD<EventBlock> validateJsonLines(Dataset<Row> lines, int firstPartition, Broadcast<NodeIndex> nodes,
                                                         long nowMillis) {
        int value = lines.schema().fieldIndex("value");
        int file = lines.schema().fieldIndex(EventSources.FILE);
        return lines.queryExecution().toRdd().toJavaRDD().mapPartitionsWithIndex((Integer partition, Iterator<InternalRow> rows) -> {
            EventValidator validator = new EventValidator(nodes.value(), nowMillis);
            EventBlock block = new EventBlock(firstPartition + partition);
            JsonLine parser = new JsonLine(EventSources.COLUMNS);
            String[] v = new String[EventSources.COLUMNS.size()];
            while (rows.hasNext()) {
                InternalRow r = rows.next();
                byte[] line = r.getUTF8String(value).getBytes();
                if (!JsonLine.isRecord(line, 0, line.length)) {
                    continue;
                }
                String bad = parser.parse(line, 0, line.length, v) ? null : new String(line, StandardCharsets.UTF_8);
                file(validator, block, v, bad, r, file, -1);
            }
            return List.of(block).iterator();
        }, true);
    }

    private static JavaRDD<EventBlock> validate(Dataset<Row> raw, int firstPartition, Broadcast<NodeIndex> nodes, long nowMillis) {
        StructType schema = raw.schema();
        int[] col = new int[EventSources.COLUMNS.size()];
        for (int i = 0; i < col.length; i++) {
            col[i] = schema.fieldIndex(EventSources.COLUMNS.get(i));
        }
        int corrupt = schema.fieldIndex(EventSources.CORRUPT);
        int file = schema.fieldIndex(EventSources.FILE);
        return raw.queryExecution().toRdd().toJavaRDD().mapPartitionsWithIndex((Integer partition, Iterator<InternalRow> rows) -> {
            EventValidator validator = new EventValidator(nodes.value(), nowMillis);
            EventBlock block = new EventBlock(firstPartition + partition);
            String[] v = new String[col.length];
            while (rows.hasNext()) {
                InternalRow r = rows.next();
                for (int i = 0; i < col.length; i++) {
                    // region_id (index 7) is not validated: converted for rejected records only
                    v[i] = i == 7 ? null : string(r, col[i]);
                }
                file(validator, block, v, string(r, corrupt), r, file, col[7]);
            }
            return List.of(block).iterator();
        }, true);
    }

    /**
     * Validates one record's columns {@code v} ({@link EventSources#COLUMNS}; {@code bad}: its raw text when
     * it did not parse) and files it in {@code block}, accepted or rejected with its fields as read. The file
     * name ({@code r}'s column {@code file}) and the region id (column {@code region} of {@code r}, or
     * {@code v[7]} when {@code region < 0}) are made strings for a rejected record only.
     */
    private static void file(EventValidator validator, EventBlock block, String[] v, String bad, InternalRow r, int file,
                             int region) {
        EventValidator.Verdict verdict = validator.validate(bad, v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
        if (verdict.reason() == null) {
            block.accept(verdict.src(), verdict.dst(), verdict.ts(), verdict.action(), v[0]);
        } else {
            block.reject(verdict.reason(), verdict.detail(), new Object[] {string(r, file), v[0], v[1], v[2], v[3],
                    v[4], v[5], v[6], region < 0 ? v[7] : string(r, region), bad});
        }
    }

    private static String string(InternalRow r, int i) {
        if (r.isNullAt(i)) {
            return null;
        }
        UTF8String s = r.getUTF8String(i);
        return s.toString();
    }

    /** Counts by reason and the reference time (latest accepted ts), from the blocks. */
    static BuildGraphJob.Summary summary(JavaRDD<EventBlock> blocks) {
        List<long[]> parts = blocks.map(b -> {
            long[] s = new long[RejectReason.values().length + 3];
            System.arraycopy(b.rejectedByReason, 0, s, 0, b.rejectedByReason.length);
            s[s.length - 3] = b.records;
            s[s.length - 2] = b.size;
            s[s.length - 1] = b.maxTs();
            return s;
        }).collect();
        long in = 0;
        long accepted = 0;
        long tRef = Long.MIN_VALUE;
        long[] byReason = new long[RejectReason.values().length];
        for (long[] s : parts) {
            for (int i = 0; i < byReason.length; i++) {
                byReason[i] += s[i];
            }
            in += s[s.length - 3];
            accepted += s[s.length - 2];
            tRef = Math.max(tRef, s[s.length - 1]);
        }
        Map<String, Long> quarantined = new TreeMap<>();
        for (RejectReason r : RejectReason.values()) {
            if (byReason[r.ordinal()] > 0) {
                quarantined.put(r.key(), byReason[r.ordinal()]);
            }
        }
        return new BuildGraphJob.Summary(in, accepted, quarantined, tRef);
    }

    static Dataset<Row> quarantine(SparkSession spark, JavaRDD<EventBlock> blocks) {
        JavaRDD<Row> rows = blocks.flatMap(b -> {
            List<Row> out = new ArrayList<>(b.rejected.size());
            for (Object[] r : b.rejected) {
                out.add(RowFactory.create(r));
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, QUARANTINE);
    }
}
