package io.marketgraph.api.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.marketgraph.api.model.ModelManager;
import io.marketgraph.api.model.ServingModel;
import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.EdgeListFormat;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.Json;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.model.LinkModelConfig;
import io.marketgraph.linkpred.model.LinkModelKind;
import io.marketgraph.linkpred.registry.PromotionGate;
import io.marketgraph.linkpred.split.NegativeStrategy;
import io.marketgraph.linkpred.task.LinkTask;
import io.marketgraph.linkpred.train.PlantedMarket;
import io.marketgraph.linkpred.train.TrainLinksConfig;
import io.marketgraph.linkpred.train.TrainLinksJob;
import io.marketgraph.personalize.features.PostFacts;
import io.marketgraph.personalize.features.RegionCoordinates;
import io.marketgraph.personalize.features.RerankFeaturizer;
import io.marketgraph.personalize.model.RerankModel;
import io.marketgraph.personalize.train.TrainRerankJob;
import io.marketgraph.progress.ProgressTracker;
import io.marketgraph.registry.ModelRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/search/rerank} over a version with a learned re-ranker, through the real server:
 * every candidate back once in the order of the scores, the scores those of the DJL model on the
 * same features, cold-start users and unknown users in the base order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RerankLearnedTest {

    private static final int MIN_INTERACTIONS = 5;

    private ModelManager models;
    private Javalin app;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path tmp) throws IOException {
        Path graphDir = tmp.resolve("graph");
        PlantedMarket.writeGraph(graphDir);
        PlantedMarket.writeEmbeddings(graphDir, tmp.resolve("emb"), true, 1);
        Path registryDir = tmp.resolve("registry");
        new TrainLinksJob(new TrainLinksConfig(graphDir, tmp.resolve("emb"), registryDir, List.of(LinkTask.USER_POST),
                NegativeStrategy.UNIFORM, 1, LinkModelKind.LOGISTIC, new LinkModelConfig(LinkModelKind.LOGISTIC, 8, 5, 32, 0.05f, 7),
                5, 20, 1000, PromotionGate.DEFAULT, true, 5, null, 3), ProgressTracker.NOOP).run();
        ModelRegistry registry = new ModelRegistry(registryDir);
        Path version = registry.versionDir(registry.current().orElseThrow());
        trainReranker(tmp, version);
        models = new ModelManager(registry);
        models.loadCurrent();
        ApiKeys keys = new ApiKeys(Map.of(ApiKeys.sha256("search"), new ApiKeys.Client("search", EnumSet.of(Scope.SEARCH))));
        app = ApiApp.create(ApiServices.create(models, 8, Optional.empty()), keys, 1 << 20).start("127.0.0.1", 0);
    }

    /** A re-ranker trained on the planted taste (clicked = the user's category), saved into the version. */
    private static void trainReranker(Path tmp, Path version) throws IOException {
        NodeTable nodes = NodeTable.read(version.resolve("graph").resolve(GraphDirectory.NODES_TSV));
        CsrGraph graph = CsrBuilder.build(EdgeListFormat.readDense(version.resolve("graph").resolve(GraphDirectory.EDGES_TSV),
                nodes.ids()), false).graph();
        StringBuilder csv = new StringBuilder("post_id,seller_kind,seller_id,category_id,region_id,title,price,created_at,status\n");
        for (int p = 0; p < PlantedMarket.POSTS; p++) {
            csv.append("p").append(p).append(",USER,u").append(p).append(",0,0,item,10,").append(p * 86_400_000L).append(",ACTIVE\n");
        }
        Files.writeString(tmp.resolve("posts.csv"), csv);
        PostFacts facts = PostFacts.fromPostsCsv(tmp.resolve("posts.csv"));
        RerankFeaturizer featurizer = new RerankFeaturizer(graph, EmbeddingStore.read(version.resolve("embeddings")), facts,
                RegionCoordinates.none());
        int cols = RerankFeaturizer.NAMES.size();
        float[] differences = new float[PlantedMarket.USERS * 2 * cols];
        float[] labels = new float[PlantedMarket.USERS * 2];
        for (int u = 0; u < PlantedMarket.USERS; u++) {
            List<String> shown = List.of("p" + ((u + 1) % PlantedMarket.CATEGORIES), "p" + (u % PlantedMarket.CATEGORIES));
            float[] x = featurizer.features(u, 100 * 86_400_000L, shown, new double[] {2.0, 1.0});
            for (int c = 0; c < cols; c++) {
                differences[2 * u * cols + c] = x[cols + c] - x[c];
                differences[(2 * u + 1) * cols + c] = x[c] - x[cols + c];
            }
            labels[2 * u] = 1f;
        }
        try (RerankModel model = RerankModel.train(differences, labels, MIN_INTERACTIONS, facts, RegionCoordinates.none(),
                new LinkModelConfig(LinkModelKind.LOGISTIC, 1, 30, 16, 0.05f, 3), ProgressTracker.NOOP)) {
            model.save(version.resolve(TrainRerankJob.DIR));
        }
    }

    @AfterAll
    void stop() {
        app.stop();
        models.close();
    }

    @Test
    void learned_order_and_scores_are_the_models_and_no_candidate_is_lost() throws IOException {
        List<String> sent = new ArrayList<>();
        double[] base = new double[PlantedMarket.POSTS + 2];
        StringBuilder candidates = new StringBuilder();
        for (int i = 0; i < base.length; i++) {
            sent.add(i < PlantedMarket.POSTS ? "p" + ((i * 7) % PlantedMarket.POSTS) : "external \"" + i + "\" é");
            base[i] = 50 - i;
            candidates.append(i == 0 ? "" : ",").append("{\"baseScore\":").append(50 - i).append(",\"postId\":")
                    .append(Json.MAPPER.writeValueAsString(sent.get(i))).append('}');
        }
        try (ModelManager.Lease lease = models.acquire().orElseThrow()) {
            ServingModel model = lease.model();
            int personalized = 0;
            int cold = 0;
            for (int u = 0; u < PlantedMarket.USERS; u++) {
                JsonNode r = post("{\"userId\":\"u" + u + "\",\"query\":null,\"candidates\":[" + candidates + "]}");
                List<String> back = new ArrayList<>();
                float[] scores = new float[base.length];
                int[] order = new int[base.length];
                for (int k = 0; k < base.length; k++) {
                    JsonNode c = r.get("candidates").get(k);
                    back.add(c.get("postId").asText());
                    order[k] = c.get("baseRank").asInt();
                    scores[k] = (float) c.get("score").asDouble();
                    assertEquals(base[order[k]], c.get("baseScore").asDouble(), 0.0);
                }
                assertEquals(sent.size(), back.size());
                assertEquals(new java.util.TreeSet<>(sent), new java.util.TreeSet<>(back), "user u" + u);
                int user = model.nodeIndex(io.marketgraph.model.NodeKind.USER, "u" + u);
                if (model.graph().degree(user) < MIN_INTERACTIONS) {
                    cold++;
                    assertEquals("cold_start", r.get("reason").asText());
                    assertEquals(sent, back, "cold start keeps the base order");
                    r.get("candidates").forEach(c -> assertTrue(c.get("affinity").isNull(), "not personalized"));
                    continue;
                }
                personalized++;
                assertEquals("learned", r.get("strategy").asText());
                assertTrue(r.get("personalized").asBoolean());
                float[] x = model.rerankFeatures().features(user, System.currentTimeMillis(), sent, base);
                float[] reference = model.reranker().orElseThrow().djlScores(x, base.length);
                float[] expected = new float[base.length];
                for (int k = 0; k < base.length; k++) {
                    // the two external ids, last in the engine's order, follow every known post with the last one's score
                    boolean unknown = order[k] >= PlantedMarket.POSTS;
                    assertEquals(unknown, k >= PlantedMarket.POSTS, "rank " + k);
                    expected[k] = unknown ? expected[k - 1] : reference[order[k]];
                    JsonNode affinity = r.get("candidates").get(k).get("affinity");
                    if (unknown) {
                        assertTrue(affinity.isNull(), "an unknown post has no affinity");
                    } else {
                        assertEquals((x[order[k] * RerankFeaturizer.NAMES.size() + RerankFeaturizer.COSINE] + 1.0) / 2,
                                affinity.asDouble(), 1e-12, "affinity: the mapped cosine");
                    }
                    if (k > 0) {
                        assertTrue(scores[k - 1] > scores[k] || (scores[k - 1] == scores[k] && order[k - 1] < order[k]), "rank " + k);
                    }
                }
                assertArrayEquals(expected, scores, 1e-5f, "scores of the DJL model for u" + u);
            }
            // the planted graph: 7 users with 4 interactions (below the threshold of 5), 53 with 5
            assertEquals(53, personalized);
            assertEquals(7, cold);
        }
        JsonNode unknown = post("{\"userId\":\"ghost\",\"candidates\":[" + candidates + "]}");
        assertEquals("unknown_user", unknown.get("reason").asText());
        assertEquals(sent.get(3), unknown.get("candidates").get(3).get("postId").asText());
    }

    private JsonNode post(String body) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/v1/search/rerank"))
                    .header("X-API-Key", "search").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
            assertEquals(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                    Long.parseLong(r.headers().firstValue("Content-Length").orElse("-1")), "the whole body, not chunked");
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
