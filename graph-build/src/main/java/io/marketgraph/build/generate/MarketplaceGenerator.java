package io.marketgraph.build.generate;

import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.Json;
import io.marketgraph.progress.ProgressTracker;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic marketplace (layout and model: graph-build/README.md). Entities are written
 * by one thread; events and search logs in parts of {@code usersPerPart} users by a pool, each part
 * from per-user random streams, so the bytes depend on the seed and flags but never on threads.
 * Memory: the post and business columns (about 40 bytes a post) plus one buffer per thread.
 */
public final class MarketplaceGenerator {

    /** Counts of what was written. */
    public record Result(long users, long posts, long businesses, int regions, int categories, long events,
                         Map<String, Long> eventsByAction, long searches, double seconds) {}

    private final GenerateConfig config;
    private final ProgressTracker progress;

    public MarketplaceGenerator(GenerateConfig config, ProgressTracker progress) {
        this.config = config;
        this.progress = progress;
    }

    public Result run() {
        long t0 = System.nanoTime();
        RegionGrid grid = new RegionGrid(config.gridSide(), 1.5);
        Categories categories = new Categories(config.categories());
        try (AtomicOutput out = AtomicOutput.create(config.out())) {
            Path dir = out.dir();
            Files.createDirectories(dir.resolve("truth"));
            Files.createDirectories(dir.resolve("events"));
            Files.createDirectories(dir.resolve("search"));
            Market market;
            try (ProgressTracker.Stage stage = progress.stage("entities", config.users() + (long) config.posts())) {
                writeRegions(dir, grid);
                writeCategories(dir, categories);
                writeUsers(dir, grid, categories, stage);
                market = new Market(config, grid, categories);
                writePosts(dir, market, categories, stage);
                writeBusinesses(dir, market, categories);
            }
            long[] actions = new long[UserSimulator.ACTIONS.length];
            long searches = writeEvents(dir, grid, categories, market, actions);
            long events = 0;
            Map<String, Long> byAction = new LinkedHashMap<>();
            for (int a = 0; a < actions.length; a++) {
                byAction.put(UserSimulator.ACTIONS[a], actions[a]);
                events += actions[a];
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Result result = new Result(config.users(), config.posts(), config.businesses(), grid.size(),
                    categories.size(), events, byAction, searches, seconds);
            Map<String, Object> meta = new LinkedHashMap<>();
            // Everything that shapes the bytes, and nothing that does not (output path, threads), so two
            // runs with the same flags give identical files, generator.json included.
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("users", config.users());
            params.put("posts", config.posts());
            params.put("businesses", config.businesses());
            params.put("days", config.days());
            params.put("seed", config.seed());
            params.put("regions_grid", config.gridSide());
            params.put("categories", config.categories());
            params.put("events_target", config.events());
            params.put("search_rate", config.searchRate());
            params.put("seller_share", config.sellerShare());
            params.put("now_millis", config.nowMillis());
            params.put("users_per_part", config.usersPerPart());
            params.put("gzip", config.gzip());
            meta.put("parameters", params);
            meta.put("counts", Map.of("users", result.users(), "posts", result.posts(), "businesses", result.businesses(),
                    "regions", result.regions(), "categories", result.categories(), "events", events,
                    "searches", searches));
            meta.put("events_by_action", byAction);
            Json.write(dir.resolve("generator.json"), meta);
            out.commit();
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the marketplace under " + config.out(), e);
        }
    }

    private void writeRegions(Path dir, RegionGrid grid) throws IOException {
        try (Writer w = text(dir.resolve("regions.csv"), false)) {
            w.write("region_id,x,y,neighbours\n");
            for (int r = 0; r < grid.size(); r++) {
                StringBuilder adj = new StringBuilder();
                for (int s = 0; s < grid.size(); s++) {
                    if (grid.adjacent(r, s)) {
                        adj.append(adj.length() == 0 ? "" : " ").append(s);
                    }
                }
                w.write(r + "," + grid.x(r) + "," + grid.y(r) + "," + adj + "\n");
            }
        }
    }

    private void writeCategories(Path dir, Categories categories) throws IOException {
        try (Writer w = text(dir.resolve("truth/categories.csv"), false)) {
            w.write("category_id,name,term1,term2\n");
            for (int c = 0; c < categories.size(); c++) {
                w.write(c + "," + categories.name(c) + "," + categories.term(c, 0) + "," + categories.term(c, 1) + "\n");
            }
        }
    }

    private void writeUsers(Path dir, RegionGrid grid, Categories categories, ProgressTracker.Stage stage) throws IOException {
        try (Writer users = text(dir.resolve("users.csv"), false);
             Writer tastes = text(dir.resolve("truth/user_tastes.csv"), false)) {
            users.write("user_id,region_id,joined_at\n");
            tastes.write("user_id,category_id,weight\n");
            for (int u = 0; u < config.users(); u++) {
                UserProfile p = UserProfile.of(config.seed(), u, config, grid, categories);
                String id = UserProfile.id(u);
                users.write(id + "," + p.region() + "," + p.joinedAt() + "\n");
                for (int i = 0; i < p.tasteCategories().length; i++) {
                    tastes.write(String.format(Locale.ROOT, "%s,%d,%.5f%n", id, p.tasteCategories()[i], p.tasteWeights()[i]));
                }
                if ((u & 4095) == 4095) {
                    stage.advance(4096);
                }
            }
            stage.advance(config.users() & 4095); // the last, partial block: the total ends at the stage's volume
        }
    }

    private void writePosts(Path dir, Market m, Categories categories, ProgressTracker.Stage stage) throws IOException {
        try (Writer posts = text(dir.resolve("posts.csv"), false);
             Writer truth = text(dir.resolve("truth/post_truth.csv"), false)) {
            posts.write("post_id,seller_kind,seller_id,category_id,region_id,title,price,created_at,status\n");
            truth.write("post_id,category_id,quality,visible_until\n");
            for (int p = 0; p < m.posts(); p++) {
                String seller = m.postSellerIsBusiness[p] ? "BUSINESS," + Market.businessId(m.postSeller[p])
                        : "USER," + UserProfile.id(m.postSeller[p]);
                posts.write(Market.postId(p) + "," + seller + "," + m.postCategory[p] + "," + m.postRegion[p] + ","
                        + m.postTitle(p, categories) + "," + m.postPrice[p] + "," + m.postCreated[p] + ","
                        + Market.STATUS[m.postStatus[p]] + "\n");
                truth.write(String.format(Locale.ROOT, "%s,%d,%.4f,%d%n", Market.postId(p), m.postCategory[p],
                        m.postQuality[p], m.postVisibleUntil[p]));
                if ((p & 4095) == 4095) {
                    stage.advance(4096);
                }
            }
            stage.advance(m.posts() & 4095);
        }
    }

    private void writeBusinesses(Path dir, Market m, Categories categories) throws IOException {
        try (Writer w = text(dir.resolve("businesses.csv"), false)) {
            w.write("business_id,region_id,category_id,name\n");
            for (int b = 0; b < m.businesses(); b++) {
                w.write(Market.businessId(b) + "," + m.businessRegion[b] + "," + m.businessCategory[b] + ","
                        + categories.name(m.businessCategory[b]) + " shop " + b + "\n");
            }
        }
    }

    private long writeEvents(Path dir, RegionGrid grid, Categories categories, Market market, long[] actions) {
        int parts = config.parts();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.threads(), parts));
        try (ProgressTracker.Stage stage = progress.stage("events", config.users())) {
            List<Future<UserSimulator>> futures = new ArrayList<>();
            for (int part = 0; part < parts; part++) {
                int p = part;
                futures.add(pool.submit(() -> writePart(dir, p, grid, categories, market, stage)));
            }
            long searches = 0;
            for (Future<UserSimulator> f : futures) {
                UserSimulator sim = f.get();
                for (int a = 0; a < actions.length; a++) {
                    actions[a] += sim.actionCounts[a];
                }
                searches += sim.searches;
            }
            return searches;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating events", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private UserSimulator writePart(Path dir, int part, RegionGrid grid, Categories categories, Market market,
                                    ProgressTracker.Stage stage) throws IOException {
        String suffix = config.gzip() ? ".jsonl.gz" : ".jsonl";
        String name = String.format(Locale.ROOT, "part-%05d%s", part, suffix);
        UserSimulator sim = new UserSimulator(config, grid, categories, market);
        int from = part * config.usersPerPart();
        int to = (int) Math.min(config.users(), (long) from + config.usersPerPart());
        try (Writer events = text(dir.resolve("events").resolve(name), config.gzip());
             Writer search = text(dir.resolve("search").resolve(name), config.gzip())) {
            int reported = from;
            for (int u = from; u < to; u++) {
                sim.simulate(u, events, search);
                if ((u & 1023) == 1023) {
                    stage.advance(u + 1 - reported);
                    reported = u + 1;
                }
            }
            stage.advance(to - reported); // the part's last users: the stage ends at its volume
        }
        return sim;
    }

    private static Writer text(Path file, boolean gzip) throws IOException {
        OutputStream os = Files.newOutputStream(file);
        if (gzip) {
            os = new GZIPOutputStream(os, 1 << 16);
        }
        return new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 20);
    }
}
