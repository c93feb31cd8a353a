package io.marketgraph.linkpred.candidates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.embeddings.graph.CsrBuilder;
import io.marketgraph.embeddings.graph.CsrGraph;
import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.io.GraphDirectory;
import io.marketgraph.io.InteractionTable;
import io.marketgraph.linkpred.ranker.TimedMarket;
import io.marketgraph.linkpred.retrieval.IvfIndex;
import io.marketgraph.linkpred.task.LinkTask;
import io.marketgraph.linkpred.task.TaskPairs;
import io.marketgraph.model.NodeKind;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandidateGeneratorTest {

    @TempDir
    Path tmp;

    @Test
    void every_source_proposes_unengaged_posts_of_its_kind() throws Exception {
        Path dir = tmp.resolve("graph");
        TimedMarket.writeGraph(dir, 2);
        TimedMarket.writeEmbeddings(dir, tmp.resolve("emb"), 1);
        GraphDirectory.Loaded loaded = GraphDirectory.load(dir);
        CsrGraph graph = CsrBuilder.build(loaded.edges(), false).graph();
        EmbeddingStore emb = EmbeddingStore.read(tmp.resolve("emb"));
        int[] posts = IntStream.range(0, loaded.nodes().size()).filter(n -> loaded.nodes().kind(n) == NodeKind.POST).toArray();
        long[] positives = TaskPairs.positives(LinkTask.USER_POST, loaded.nodes(),
                InteractionTable.read(dir.resolve(GraphDirectory.INTERACTIONS_TSV), loaded.nodes().size()));
        MarketContext ctx = new MarketContext(graph, loaded.nodes(), emb,
                IvfIndex.build(emb.vectors(), emb.dim(), posts, 4, 1), positives);
        CandidateGenerator generator = new CandidateGenerator(ctx, CandidateGenerator.defaultBudgets());

        int user = 8;  // taste 0 (8 mod 4), region 2 (8 mod 3), follows business 0
        CandidateGenerator.History history = generator.history(user, new int[0]);
        assertEquals(1, history.businesses().length, "the followed business is in the history");
        CandidateSet set = generator.generate(user, history, t -> true);
        for (int i = 0; i < set.size(); i++) {
            int p = set.node(i);
            assertEquals(NodeKind.POST, ctx.nodes().kind(p));
            assertFalse(ctx.engaged(user, p), "an engaged post is never a candidate: " + p);
        }
        assertFalse(set.from(CandidateSource.FOLLOWED).isEmpty());
        for (int p : set.from(CandidateSource.FOLLOWED)) {
            assertEquals(ctx.lister(p), TimedMarket.USERS + TimedMarket.POSTS, "followed: business 0's listings");
        }
        for (int p : set.from(CandidateSource.REGIONAL)) {
            assertEquals(2, ctx.nodes().region(p), "regional: the user's home region");
        }
        long sameTaste = set.ranked(CandidateSource.COENGAGEMENT).stream().limit(5)
                .filter(p -> ctx.nodes().category(p) == 0).count();
        assertTrue(sameTaste >= 4, "co-engagement follows the users of the same taste: " + set.ranked(CandidateSource.COENGAGEMENT));
        assertTrue(set.from(CandidateSource.FOLD_IN).isEmpty(), "fold-in only for little history");

        CandidateSet filtered = generator.generate(user, history, p -> ctx.nodes().region(p) == 0);
        for (int i = 0; i < filtered.size(); i++) {
            assertEquals(0, ctx.nodes().region(filtered.node(i)), "the caller's filter holds in every source");
        }
        CandidateSet fresh = generator.generate(-1, generator.history(-1, new int[] {TimedMarket.USERS}), t -> true);
        assertFalse(fresh.from(CandidateSource.FOLD_IN).isEmpty(), "a new user with one recent post gets fold-in candidates");
        assertFalse(fresh.from(CandidateSource.COENGAGEMENT).isEmpty());
    }
}
