package io.marketgraph.personalize.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.linkpred.model.LinkModelConfig;
import io.marketgraph.linkpred.model.LinkModelKind;
import io.marketgraph.linkpred.registry.PromotionGate;
import io.marketgraph.linkpred.split.NegativeStrategy;
import io.marketgraph.linkpred.task.LinkTask;
import io.marketgraph.linkpred.train.PlantedMarket;
import io.marketgraph.linkpred.train.TrainLinksConfig;
import io.marketgraph.linkpred.train.TrainLinksJob;
import io.marketgraph.progress.ProgressTracker;
import io.marketgraph.registry.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train-rerank on the planted market: searches show 10 posts in an order that ignores taste, users
 * click posts of their taste. The learned re-ranker must beat the base order with an interval above
 * zero, and users the graph does not know must get exactly the base order.
 */
class TrainRerankJobTest {

    private static final long SPLIT = 1_000_000L;

    @TempDir
    Path tmp;

    @Test
    void learns_taste_beats_the_base_order_and_leaves_unknown_users_alone() throws IOException {
        Path graph = tmp.resolve("graph");
        PlantedMarket.writeGraph(graph);
        Files.writeString(graph.resolve("report.json"), "{\"split_at\": " + SPLIT + "}");
        PlantedMarket.writeEmbeddings(graph, tmp.resolve("emb"), true, 1);
        Path registry = tmp.resolve("registry");
        new TrainLinksJob(new TrainLinksConfig(graph, tmp.resolve("emb"), registry, List.of(LinkTask.USER_POST),
                NegativeStrategy.UNIFORM, 1, LinkModelKind.LOGISTIC,
                new LinkModelConfig(LinkModelKind.LOGISTIC, 8, 10, 32, 0.05f, 7), 5, 20, 1000,
                PromotionGate.DEFAULT, true, 5, null, 3), ProgressTracker.NOOP).run();
        writePosts(tmp.resolve("posts.csv"));
        writeSearches(tmp.resolve("search"));

        JsonNode report = new TrainRerankJob(new TrainRerankConfig(graph, tmp.resolve("search"), tmp.resolve("posts.csv"), null,
                registry, 0.4, 3, new LinkModelConfig(LinkModelKind.LOGISTIC, 1, 6, 256, 0.02f, 3), 500,
                PromotionGate.DEFAULT, false, 5, tmp.resolve("rerank.json")), ProgressTracker.NOOP).run();

        JsonNode ndcg = report.get("ndcg_at_10");
        assertTrue(ndcg.get("model").asDouble() >= 1.10 * ndcg.get("base").asDouble(), report.toPrettyString());
        assertTrue(ndcg.get("ci_low").asDouble() > 0, "interval of model - base above zero: " + ndcg);
        JsonNode unknown = report.get("segments").get("unknown_users");
        assertEquals(unknown.get("base").get("ndcg_at_10").asDouble(), unknown.get("model").get("ndcg_at_10").asDouble(), 0.0,
                "users the graph does not know keep the base order exactly");
        assertEquals(1, report.get("searches").get("rejected").get("malformed_json").asInt());
        assertEquals(50, report.get("searches").get("before_split").asInt());
        assertTrue(report.get("promoted").asBoolean());
        ModelRegistry r = new ModelRegistry(registry);
        assertEquals(report.get("version").asText(), r.current().orElseThrow());
        assertTrue(r.manifest(report.get("version").asText()).metrics().containsKey("search.ndcg_at_10"));
        assertTrue(Files.isRegularFile(r.versionDir(report.get("version").asText()).resolve("rerank-model/rerank.json")));
        assertTrue(Files.readString(tmp.resolve("rerank.html")).contains("unknown_users"));
    }

    private static void writePosts(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("post_id,seller_kind,seller_id,category_id,region_id,title,price,created_at,status\n");
        for (int p = 0; p < PlantedMarket.POSTS; p++) {
            csv.append("p").append(p).append(",USER,u0,").append(p % PlantedMarket.CATEGORIES).append(',').append(p % 3)
                    .append(",item ").append(p).append(",10,0,ACTIVE\n");
        }
        Files.writeString(file, csv);
    }

    /** 50 searches before the split (ignored), then 600 after: known users and a few unknown ones. */
    private static void writeSearches(Path dir) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(9);
        StringBuilder lines = new StringBuilder("{not json\n");
        for (int s = 0; s < 650; s++) {
            long ts = s < 50 ? SPLIT - 1000 + s : SPLIT + s;
            boolean unknown = s % 10 == 0;
            int u = random.nextInt(PlantedMarket.USERS);
            String user = unknown ? "new" + s : "u" + u;
            int taste = u % PlantedMarket.CATEGORIES;
            StringBuilder candidates = new StringBuilder();
            StringBuilder clicks = new StringBuilder();
            boolean[] used = new boolean[PlantedMarket.POSTS];
            for (int i = 0; i < 10; i++) {
                int p;
                do {
                    p = random.nextInt(PlantedMarket.POSTS);
                } while (used[p]);
                used[p] = true;
                candidates.append(i == 0 ? "" : ",").append("{\"post_id\":\"p").append(p).append("\",\"base_score\":")
                        .append(1.0 - i * 0.05).append('}');
                double click = p % PlantedMarket.CATEGORIES == taste ? 0.6 : 0.08 / (1 + i);
                if (random.nextDouble() < click) {
                    clicks.append(clicks.length() == 0 ? "" : ",").append("\"p").append(p).append('"');
                }
            }
            lines.append(String.format(java.util.Locale.ROOT,
                    "{\"search_id\":\"s%d\",\"ts\":%d,\"user_id\":\"%s\",\"query\":\"q\",\"candidates\":[%s],\"clicked\":[%s]}%n",
                    s, ts, user, candidates, clicks));
        }
        Files.writeString(dir.resolve("part-00000.jsonl"), lines);
    }
}
