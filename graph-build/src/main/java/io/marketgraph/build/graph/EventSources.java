package io.marketgraph.build.graph;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_millis;

import io.marketgraph.cli.UsageException;
import io.marketgraph.io.TextFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Finds and reads event files: CSV and Parquet into one DataFrame of string columns {@link #COLUMNS}
 * plus {@code _corrupt_record} (raw text of a record the reader could not parse) and {@code _file};
 * JSON Lines as lines of text, which {@link EventBlocks} parses itself ({@link JsonLine}). The format
 * is chosen by extension per file, so one directory may mix formats: {@code .jsonl .json .ndjson}
 * (JSON Lines), {@code .csv} (with a header naming the columns), {@code .parquet}; each optionally
 * {@code .gz} (not Parquet). Empty files contribute no records.
 *
 * <p>All fields are read as strings so a wrong type (a number for user_id, an object for ts) is a
 * validation reason of that record, never a reader failure.
 */
public final class EventSources {

    public static final List<String> COLUMNS = List.of("event_id", "ts", "user_id", "action", "target_kind",
            "target_id", "query", "region_id");
    public static final String CORRUPT = "_corrupt_record";
    public static final String FILE = "_file";

    private EventSources() {}

    /** The input files grouped by format, in name order; unsupported files are a usage error. */
    static Map<String, List<Path>> discover(Path path) {
        List<Path> files = Files.isDirectory(path) ? TextFiles.parts(path) : List.of(path);
        if (!Files.exists(path)) {
            throw new UsageException("--events " + path + ": no such file or directory");
        }
        Map<String, List<Path>> byFormat = new LinkedHashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
            String format = base.endsWith(".jsonl") || base.endsWith(".json") || base.endsWith(".ndjson") ? "json"
                    : base.endsWith(".csv") ? "csv" : name.endsWith(".parquet") ? "parquet" : null;
            if (format == null) {
                throw new UsageException(String.format(Locale.ROOT,
                        "--events: cannot tell the format of %s: name it .jsonl, .json, .csv or .parquet (optionally .gz)", f));
            }
            byFormat.computeIfAbsent(format, k -> new ArrayList<>()).add(f);
        }
        return byFormat;
    }

    /** Total bytes of the input files (to size shuffle partitions). */
    public static long bytes(Path path) {
        long total = 0;
        for (List<Path> files : discover(path).values()) {
            for (Path f : files) {
                try {
                    total += Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException("Failed to stat " + f, e);
                }
            }
        }
        return total;
    }

    /**
     * The CSV and Parquet files of {@code byFormat} (JSON Lines files are parsed by {@link EventBlocks}
     * itself, see {@link JsonLine}) as one DataFrame; an empty one when there are none.
     */
    static Dataset<Row> read(SparkSession spark, Map<String, List<Path>> byFormat) {
        Dataset<Row> all = null;
        for (Map.Entry<String, List<Path>> e : byFormat.entrySet()) {
            List<Dataset<Row>> parts = switch (e.getKey()) {
                case "csv" -> csv(spark, e.getValue());
                case "parquet" -> List.of(parquet(spark, e.getValue()));
                default -> throw new IllegalArgumentException("not a format read as rows: " + e.getKey());
            };
            for (Dataset<Row> d : parts) {
                all = all == null ? d : all.unionByName(d);
            }
        }
        if (all == null) {
            return spark.createDataFrame(List.of(), rawSchema(COLUMNS)).withColumn(FILE, lit(null).cast("string"));
        }
        return all;
    }

    /** JSON Lines files as lines of text ({@code value}) with their file ({@link #FILE}). */
    static Dataset<Row> jsonLines(SparkSession spark, List<Path> files) {
        return spark.read().text(strings(files)).withColumn(FILE, input_file_name());
    }

    static StructType rawSchema(List<String> columns) {
        List<StructField> fields = new ArrayList<>();
        for (String c : columns) {
            fields.add(DataTypes.createStructField(c, DataTypes.StringType, true));
        }
        fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
        return DataTypes.createStructType(fields);
    }

    private static String[] strings(List<Path> files) {
        return files.stream().map(p -> p.toAbsolutePath().toString()).toArray(String[]::new);
    }

    /** CSV files grouped by header, each group read with its own header as schema. */
    private static List<Dataset<Row>> csv(SparkSession spark, List<Path> files) {
        Map<List<String>, List<Path>> byHeader = new LinkedHashMap<>();
        for (Path f : files) {
            try (BufferedReader in = TextFiles.open(f)) {
                String header = in.readLine();
                if (header == null || header.isBlank()) {
                    continue; // an empty file has no records
                }
                List<String> cols = Arrays.stream(header.split(",", -1)).map(s -> s.trim().replace("\"", "")).toList();
                byHeader.computeIfAbsent(cols, k -> new ArrayList<>()).add(f);
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to read the header of " + f, e);
            }
        }
        List<Dataset<Row>> out = new ArrayList<>();
        for (Map.Entry<List<String>, List<Path>> g : byHeader.entrySet()) {
            Dataset<Row> d = spark.read().schema(rawSchema(g.getKey())).option("header", "true")
                    .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT)
                    .csv(strings(g.getValue()));
            out.add(standard(d.withColumn(FILE, input_file_name())));
        }
        return out;
    }

    private static Dataset<Row> parquet(SparkSession spark, List<Path> files) {
        Dataset<Row> d = spark.read().option("mergeSchema", "true").parquet(strings(files));
        List<Column> cols = new ArrayList<>();
        List<String> names = Arrays.asList(d.columns());
        for (String c : COLUMNS) {
            if (!names.contains(c)) {
                cols.add(lit(null).cast("string").as(c));
            } else if (c.equals("ts") && (d.schema().apply(c).dataType() instanceof TimestampType
                    || d.schema().apply(c).dataType() instanceof TimestampNTZType)) {
                cols.add(unix_millis(col(c)).cast("string").as(c));
            } else {
                cols.add(col(c).cast("string").as(c));
            }
        }
        cols.add(lit(null).cast("string").as(CORRUPT));
        cols.add(input_file_name().as(FILE));
        return d.select(cols.toArray(new Column[0]));
    }

    /** The standard columns in order; a column the file lacks is null. */
    private static Dataset<Row> standard(Dataset<Row> d) {
        List<String> names = Arrays.asList(d.columns());
        List<Column> cols = new ArrayList<>();
        for (String c : COLUMNS) {
            cols.add(names.contains(c) ? col(c) : lit(null).cast("string").as(c));
        }
        cols.add(col(CORRUPT));
        cols.add(col(FILE));
        return d.select(cols.toArray(new Column[0]));
    }
}
