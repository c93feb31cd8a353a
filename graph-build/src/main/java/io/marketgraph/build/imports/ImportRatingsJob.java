package io.marketgraph.build.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.Json;
import io.marketgraph.model.Action;
import io.marketgraph.progress.ProgressTracker;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;

/**
 * import-ratings: turns a public interaction log into our event and entity contract (DESIGN.md),
 * so that build-graph, embed and train-links run on real data. Every user and post gets one region
 * (the logs have none); a user joined at its first interaction, a post was created at its first.
 * The suggested time split ({@code split_at} in {@code import.json}) holds out the latest
 * {@code holdoutFraction} of the LIKE events.
 */
public final class ImportRatingsJob implements InteractionSink {

    /** The outcome: what import.json says. */
    public record Result(ObjectNode json, long events, long users, long posts, long splitAtMillis) {}

    private record Item(String title, String category, long[] firstTs) {}

    private final ImportRatingsConfig config;
    private final ProgressTracker progress;
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Map<String, Long> users = new TreeMap<>();
    private final Map<String, Long> skipped = new TreeMap<>();
    private final EnumMap<Action, Long> byAction = new EnumMap<>(Action.class);
    private long[] likeTs = new long[1024];
    private int likes;
    private long maxTs = Long.MIN_VALUE;
    private Writer events;
    private long eventCount;
    private ProgressTracker.Stage stage;

    public ImportRatingsJob(ImportRatingsConfig config, ProgressTracker progress) {
        this.config = config;
        this.progress = progress;
    }

    public Result run() {
        try (AtomicOutput out = AtomicOutput.create(config.out())) {
            Path eventsDir = Files.createDirectories(out.dir().resolve("events"));
            try (Writer w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
                    Files.newOutputStream(eventsDir.resolve("part-00000.csv.gz")), 1 << 16), StandardCharsets.UTF_8), 1 << 16);
                 ProgressTracker.Stage s = progress.stage("read " + config.format().name().toLowerCase(java.util.Locale.ROOT), 0)) {
                events = w;
                stage = s;
                w.write("event_id,ts,user_id,action,target_kind,target_id,query,region_id\n");
                switch (config.format()) {
                    case MOVIELENS -> new MovieLensReader(config.input(), config.likeThreshold()).read(this);
                    case OTTO -> new OttoReader(config.input()).read(this);
                }
            }
            Map<String, Integer> categories = writeEntities(out.dir());
            Result result = result(categories.size());
            Json.write(out.dir().resolve("import.json"), result.json());
            out.commit();
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + config.out(), e);
        }
    }

    @Override
    public void item(String itemId, String title, String category) {
        items.putIfAbsent(itemId, new Item(title == null ? "" : title, category == null ? "all" : category,
                new long[] {Long.MAX_VALUE}));
    }

    @Override
    public void interaction(String userId, String itemId, long tsMillis, Action... actions) {
        String user = userPrefix() + userId;
        String post = itemPrefix() + itemId;
        users.merge(user, tsMillis, Math::min);
        long[] first = items.get(itemId).firstTs();
        first[0] = Math.min(first[0], tsMillis);
        maxTs = Math.max(maxTs, tsMillis);
        try {
            for (Action a : actions) {
                events.write("e" + eventCount + "," + tsMillis + "," + user + "," + a.name() + ",POST," + post + ",,"
                        + config.region() + "\n");
                byAction.merge(a, 1L, Long::sum);
                eventCount++;
                if (a == Action.LIKE) {
                    if (likes == likeTs.length) {
                        likeTs = Arrays.copyOf(likeTs, likes * 2);
                    }
                    likeTs[likes++] = tsMillis;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write events under " + config.out(), e);
        }
        stage.advance(1);
    }

    @Override
    public void skipped(String reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    /** Ids of the output: MovieLens users u&lt;userId&gt;, posts m&lt;movieId&gt;; OTTO users s&lt;session&gt;, posts a&lt;aid&gt;. */
    private String userPrefix() {
        return config.format() == RatingFormat.MOVIELENS ? "u" : "s";
    }

    private String itemPrefix() {
        return config.format() == RatingFormat.MOVIELENS ? "m" : "a";
    }

    private Map<String, Integer> writeEntities(Path dir) throws IOException {
        Map<String, Integer> categories = new LinkedHashMap<>();
        new TreeSet<>(items.values().stream().map(Item::category).toList()).forEach(c -> categories.put(c, categories.size()));
        try (Writer w = Files.newBufferedWriter(dir.resolve("categories.csv"))) {
            w.write("category_id,name\n");
            for (var c : categories.entrySet()) {
                w.write(c.getValue() + "," + quote(c.getKey()) + "\n");
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("users.csv"))) {
            w.write("user_id,region_id,joined_at\n");
            for (var u : users.entrySet()) {
                w.write(u.getKey() + "," + config.region() + "," + u.getValue() + "\n");
            }
        }
        long earliest = users.values().stream().mapToLong(Long::longValue).min().orElse(0);
        try (Writer w = Files.newBufferedWriter(dir.resolve("posts.csv"))) {
            w.write("post_id,seller_kind,seller_id,category_id,region_id,title,price,created_at,status\n");
            for (var i : items.entrySet()) {
                long created = i.getValue().firstTs()[0] == Long.MAX_VALUE ? earliest : i.getValue().firstTs()[0];
                w.write(itemPrefix() + i.getKey() + ",,," + categories.get(i.getValue().category()) + "," + config.region() + ","
                        + quote(i.getValue().title()) + ",," + created + ",ACTIVE\n");
            }
        }
        return categories;
    }

    private Result result(int categoryCount) {
        long[] sorted = Arrays.copyOf(likeTs, likes);
        Arrays.sort(sorted);
        int firstHeldOut = likes - (int) Math.ceil(config.holdoutFraction() * likes);
        long splitAt = likes == 0 ? maxTs + 1 : sorted[Math.max(0, firstHeldOut)];
        int from = Arrays.binarySearch(sorted, splitAt);
        while (from > 0 && sorted[from - 1] == splitAt) {
            from--;
        }
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("format", config.format().name().toLowerCase(java.util.Locale.ROOT));
        json.put("input", config.input().toString());
        json.put("events", eventCount);
        ObjectNode actions = json.putObject("events_by_action");
        byAction.forEach((a, n) -> actions.put(a.name(), n));
        json.put("users", users.size());
        json.put("posts", items.size());
        json.put("categories", categoryCount);
        json.put("region", config.region());
        ObjectNode skip = json.putObject("skipped");
        skipped.forEach(skip::put);
        json.put("split_at_millis", splitAt);
        json.put("split_at", Instant.ofEpochMilli(splitAt).toString());
        json.put("held_out_likes", likes - Math.max(from, 0));
        json.put("held_out_like_fraction", likes == 0 ? 0 : (likes - Math.max(from, 0)) / (double) likes);
        json.put("now_millis", maxTs + 1);
        return new Result(json, eventCount, users.size(), items.size(), splitAt);
    }

    private static String quote(String s) {
        return s.indexOf(',') < 0 && s.indexOf('"') < 0 ? s : '"' + s.replace("\"", "\"\"") + '"';
    }
}
