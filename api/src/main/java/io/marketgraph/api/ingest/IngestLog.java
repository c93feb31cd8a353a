package io.marketgraph.api.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.marketgraph.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ObjLongConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log of real-time ingest: append-only JSON Lines under {@code REGISTRY/ingest/},
 * one stream per record type.
 *
 * <pre>
 * ingest/events/part-&lt;millis&gt;.jsonl   {@link EventRecord}: the event contract, read by build-graph --events
 * ingest/posts/part-&lt;millis&gt;.jsonl    {@link PostRecord}: the post entity contract + updated_at
 * </pre>
 *
 * Each process appends to a new segment per stream (named by the time it was opened), so a line torn
 * by a crash stays the last line of its segment and never runs into the next record. An append of a
 * batch is one write; {@link #sync} then returns once the stream is on disk up to that batch. Syncs
 * are grouped: while one caller's {@link FileChannel#force} runs, the batches appended meanwhile wait
 * for the next one, which covers them all (group commit), so the rate of acknowledged writes is not
 * bounded by one force per request.
 * Replay reads the segments in name order; a line that is not a complete JSON record is counted
 * ({@code torn} when it is a segment's unterminated last line, {@code corrupt} otherwise), logged and skipped.
 *
 * <p>Appends are not synchronized here: the caller serializes writers (the model manager's ingest lock).
 * {@link #sync} is safe from any thread, and is called outside that lock.
 */
public final class IngestLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestLog.class);
    public static final String DIR = "ingest";
    public static final String EVENTS = "events";
    public static final String POSTS = "posts";
    /** Compact, one record per line, keys in declaration order. */
    private static final ObjectMapper LINES = Json.MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What one replay read: records handed on, and lines skipped by cause. */
    public record ReplayCounts(long records, long torn, long corrupt) {}

    /** The end of an appended batch in its stream's segment: {@link #sync} it before acknowledging the batch. */
    public record Mark(String stream, long end) {}

    /** One stream's open segment: bytes appended (by the one writer) and bytes known to be on disk. */
    private static final class Segment {
        final String stream;
        volatile FileChannel channel;
        volatile long written;
        volatile long synced;   // written under this segment's monitor

        Segment(String stream) {
            this.stream = stream;
        }
    }

    private final Path root;
    private final java.util.concurrent.atomic.LongAdder forces = new java.util.concurrent.atomic.LongAdder();
    private final Segment events = new Segment(EVENTS);
    private final Segment posts = new Segment(POSTS);

    public IngestLog(Path root) {
        this.root = root;
    }

    /** The log of a model registry: {@code REGISTRY/ingest}. */
    public static IngestLog of(Path registryRoot) {
        return new IngestLog(registryRoot.resolve(DIR));
    }

    public Path root() {
        return root;
    }

    /** Appends a batch of events; its mark, or null when the batch is empty. */
    public Mark appendEvents(List<EventRecord> records) {
        return records.isEmpty() ? null : append(events, records);
    }

    /** Appends a batch of post records; its mark, or null when the batch is empty. */
    public Mark appendPosts(List<PostRecord> records) {
        return records.isEmpty() ? null : append(posts, records);
    }

    /**
     * Returns once the stream of {@code mark} is on disk at least up to it: at once when a force that
     * began after the batch was appended has finished, else after one more force, which covers every
     * batch appended so far.
     */
    public void sync(Mark mark) {
        if (mark == null) {
            return;
        }
        force(mark.stream().equals(EVENTS) ? events : posts, mark.end());
    }

    /** Returns once everything appended so far, to either stream, is on disk (one force per stream that needs one). */
    public void syncAll() {
        for (Segment segment : new Segment[] {events, posts}) {
            force(segment, segment.written);
        }
    }

    private void force(Segment segment, long upTo) {
        if (segment.synced >= upTo) {
            return; // no monitor: a batch synced by an earlier force answers at once
        }
        synchronized (segment) {
            if (segment.synced >= upTo) {
                return;
            }
            long target = segment.written;
            try {
                segment.channel.force(false);
                forces.increment();
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to sync the ingest log " + root.resolve(segment.stream), e);
            }
            segment.synced = target;
        }
    }

    /** Forces (fsyncs) so far: at most one per synced batch, fewer when syncs were grouped. */
    public long forces() {
        return forces.sum();
    }

    private Mark append(Segment segment, List<?> records) {
        StringBuilder text = new StringBuilder();
        try {
            for (Object r : records) {
                text.append(LINES.writeValueAsString(r)).append('\n');
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ingest record could not be written as JSON", e);
        }
        Path dir = root.resolve(segment.stream);
        try {
            if (segment.channel == null) {
                segment.channel = openSegment(dir);
            }
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            long end = segment.written + bytes.remaining();
            while (bytes.hasRemaining()) {
                segment.channel.write(bytes);
            }
            segment.written = end;
            return new Mark(segment.stream, end);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to append to the ingest log " + dir, e);
        }
    }

    private static FileChannel openSegment(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (long millis = System.currentTimeMillis(); ; millis++) {
            Path file = dir.resolve(String.format(Locale.ROOT, "part-%013d.jsonl", millis));
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                forceDirectory(dir);   // the new file's name is durable too
                return channel;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another process or an earlier open in the same millisecond: take the next name
            }
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some platforms cannot open a directory; the file's own force still holds its content
        }
    }

    /** Hands each event to {@code sink} with the time its segment was last written (epoch millis). */
    public ReplayCounts replayEvents(ObjLongConsumer<EventRecord> sink) {
        return replay(EVENTS, EventRecord.class, sink);
    }

    /** Hands each post line to {@code sink} with the time its segment was last written (epoch millis). */
    public ReplayCounts replayPosts(ObjLongConsumer<PostRecord> sink) {
        return replay(POSTS, PostRecord.class, sink);
    }

    private <T> ReplayCounts replay(String stream, Class<T> type, ObjLongConsumer<T> sink) {
        long records = 0;
        long torn = 0;
        long corrupt = 0;
        for (Path segment : segments(root.resolve(stream))) {
            String text;
            long written;
            try {
                written = Files.getLastModifiedTime(segment).toMillis();
                text = Files.readString(segment, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to read the ingest log segment " + segment, e);
            }
            int start = 0;
            int lineNo = 0;
            while (start < text.length()) {
                int end = text.indexOf('\n', start);
                boolean terminated = end >= 0;
                String line = text.substring(start, terminated ? end : text.length());
                start = terminated ? end + 1 : text.length();
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                T record;
                try {
                    record = LINES.readValue(line, type);
                } catch (IOException e) {
                    record = null;
                }
                if (record == null) {   // a complete record without its newline is kept: build-graph reads it too
                    if (!terminated) {
                        torn++;
                    } else {
                        corrupt++;
                    }
                    LOG.warn("ingest log {} line {}: skipped {} line ({} characters)", segment.getFileName(), lineNo,
                            terminated ? "an unreadable" : "a torn last", line.length());
                    continue;
                }
                sink.accept(record, written);
                records++;
            }
        }
        return new ReplayCounts(records, torn, corrupt);
    }

    private static List<Path> segments(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list the ingest log " + dir, e);
        }
    }

    @Override
    public void close() {
        for (Segment s : new Segment[] {events, posts}) {
            FileChannel c = s.channel;
            if (c != null) {
                try {
                    c.close();
                } catch (IOException e) {
                    LOG.warn("closing an ingest log segment failed: {}", e.toString());
                }
            }
            s.channel = null;
            s.written = 0;
            synchronized (s) {
                s.synced = 0;
            }
        }
    }
}
