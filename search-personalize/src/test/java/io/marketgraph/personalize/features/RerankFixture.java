package io.marketgraph.personalize.features;

import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.EdgeListFormat;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.NodeTable;
import io.marketgraph.linkpred.train.PlantedMarket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The planted market as the re-ranker sees it: graph, taste-aware vectors, post facts (listing
 * times; sellers that are users, businesses the model does not know, or nodes users engaged with)
 * including posts the graph does not know, and region coordinates for two of the three regions.
 */
public final class RerankFixture {

    public final CsrGraph graph;
    public final EmbeddingStore embeddings;
    public final PostFacts facts;
    public final RegionCoordinates regions;
    public final RerankFeaturizer featurizer;

    public RerankFixture(Path tmp) throws IOException {
        Path graphDir = tmp.resolve("graph");
        PlantedMarket.writeGraph(graphDir);
        PlantedMarket.writeEmbeddings(graphDir, tmp.resolve("emb"), true, 1);
        NodeTable nodes = NodeTable.read(graphDir.resolve(GraphDirectory.NODES_TSV));
        graph = CsrBuilder.build(EdgeListFormat.readDense(graphDir.resolve(GraphDirectory.EDGES_TSV), nodes.ids()), false).graph();
        embeddings = EmbeddingStore.read(tmp.resolve("emb"));
        StringBuilder csv = new StringBuilder("post_id,seller_kind,seller_id,category_id,region_id,title,price,created_at,status\n");
        for (int p = 0; p < PlantedMarket.POSTS + 5; p++) {
            String id = p < PlantedMarket.POSTS ? "p" + p : "fresh" + p;
            String seller = switch (p % 3) {
                case 0 -> "USER,u" + (p % PlantedMarket.USERS);
                case 1 -> "BUSINESS,b" + p;
                default -> "POST,p" + ((p + 4) % PlantedMarket.POSTS);
            };
            csv.append(id).append(',').append(seller).append(",0,0,item,10,").append(p * 3_600_000L * 7).append(",ACTIVE\n");
        }
        Files.writeString(tmp.resolve("posts.csv"), csv);
        facts = PostFacts.fromPostsCsv(tmp.resolve("posts.csv"));
        Files.writeString(tmp.resolve("regions.csv"), "region_id,x,y\n0,0.0,0.0\n1,3.0,4.0\n");
        regions = RegionCoordinates.fromRegionsCsv(tmp.resolve("regions.csv"));
        featurizer = new RerankFeaturizer(graph, embeddings, facts, regions);
    }

    /** Every post the graph knows, posts it does not know with and without facts, in a shuffled-looking order. */
    public static List<String> candidates(int offset) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PlantedMarket.POSTS; i++) {
            ids.add("p" + ((i * 7 + offset) % PlantedMarket.POSTS));
        }
        ids.add(3, "fresh41");
        ids.add(10, "nowhere");
        ids.add("fresh43");
        return ids;
    }

    public static double[] baseScores(int n, int seed) {
        double[] base = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = 10.0 - i * 0.25 + ((i * 31 + seed) % 5) * 0.1;
        }
        return base;
    }
}
