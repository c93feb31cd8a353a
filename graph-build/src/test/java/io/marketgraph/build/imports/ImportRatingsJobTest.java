package io.marketgraph.build.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.build.graph.EntityLoader;
import io.marketgraph.build.graph.NodeIndex;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.TextFiles;
import io.marketgraph.progress.ProgressTracker;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportRatingsJobTest {

    @TempDir
    Path dir;

    private static final String MOVIES = """
            movieId,title,genres\r
            1,Toy Story (1995),Adventure|Animation|Children\r
            2,"American President, The (1995)",Comedy|Drama|Romance\r
            3,Unrated (2000),(no genres listed)\r
            """;
    // user 1: three likes and one 3.5; user 2: a like at the latest time, and a rating of a movie movies.csv lacks
    private static final String RATINGS = """
            userId,movieId,rating,timestamp\r
            1,1,4.0,100\r
            1,2,3.5,200\r
            2,1,5.0,300\r
            2,2,4.5,400\r
            2,9,5.0,450\r
            3,2,4.0,500\r
            """;

    private ImportRatingsJob.Result importMovieLens(String ratings) throws IOException {
        Path in = Files.createDirectories(dir.resolve("ml"));
        Files.writeString(in.resolve("movies.csv"), MOVIES);
        Files.writeString(in.resolve("ratings.csv"), ratings);
        return new ImportRatingsJob(new ImportRatingsConfig(RatingFormat.MOVIELENS, in, dir.resolve("out"), 4.0, 0, 0.25),
                ProgressTracker.NOOP).run();
    }

    private List<String> events() throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = TextFiles.open(dir.resolve("out/events/part-00000.csv.gz"))) {
            in.lines().forEach(lines::add);
        }
        return lines;
    }

    @Test
    void movielens_ratings_become_views_likes_and_entities_build_graph_accepts() throws IOException {
        ImportRatingsJob.Result r = importMovieLens(RATINGS);

        List<String> events = events();
        assertEquals("event_id,ts,user_id,action,target_kind,target_id,query,region_id", events.get(0));
        assertEquals(List.of("e0,100000,u1,VIEW,POST,m1,,0", "e1,100000,u1,LIKE,POST,m1,,0", "e2,200000,u1,VIEW,POST,m2,,0"),
                events.subList(1, 4));
        assertEquals(1 + 5 + 4, events.size(), "5 ratings kept, 4 of them >= 4");
        assertEquals(5, r.json().get("events_by_action").get("VIEW").asLong());
        assertEquals(4, r.json().get("events_by_action").get("LIKE").asLong());
        assertEquals(1, r.json().get("skipped").get("rating_of_movie_not_in_movies_csv").asLong());

        NodeIndex nodes = EntityLoader.load(dir.resolve("out"));
        assertEquals(3, r.users());
        assertEquals(3, r.posts());
        // categories by name: "(no genres listed)" 0, Adventure 1, Comedy 2
        assertEquals("category_id,name\n0,(no genres listed)\n1,Adventure\n2,Comedy\n",
                Files.readString(dir.resolve("out/categories.csv")));
        assertTrue(Files.readString(dir.resolve("out/posts.csv"))
                .contains("m2,,,2,0,\"American President, The (1995)\",,200000,ACTIVE\n"));
        assertTrue(Files.readString(dir.resolve("out/users.csv")).contains("u2,0,300000\n"));
        assertEquals(6, nodes.size());
        // 4 likes, 25 % held out: the latest one, at 500 s
        assertEquals(500_000L, r.splitAtMillis());
        assertEquals(1, r.json().get("held_out_likes").asLong());
        assertTrue(Files.exists(dir.resolve("out/_SUCCESS")));
    }

    @Test
    void a_malformed_rating_names_file_line_and_value_and_leaves_no_output() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> importMovieLens("userId,movieId,rating,timestamp\n1,1,4.0,100\n1,2,four,200\n"));
        assertTrue(e.getMessage().contains("ratings.csv line 3: rating must be a number, got 'four'"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("out")));
    }

    @Test
    void otto_sessions_become_users_and_clicks_carts_orders_become_view_like_purchase() throws IOException {
        Path in = dir.resolve("train.jsonl");
        Files.writeString(in, """
                {"session":0,"events":[{"aid":11,"ts":1000,"type":"clicks"},{"aid":11,"ts":2000,"type":"carts"},{"aid":12,"ts":3000,"type":"orders"}]}
                {"session":1,"events":[{"aid":12,"ts":4000,"type":"clicks"},{"aid":12,"ts":4000,"type":"clicks"},{"aid":13,"ts":5000,"type":"wishlist"}]}
                """);
        ImportRatingsJob.Result r = new ImportRatingsJob(new ImportRatingsConfig(RatingFormat.OTTO, in, dir.resolve("out"),
                4.0, 3, 0.2), ProgressTracker.NOOP).run();
        List<String> events = events();
        assertEquals(List.of("e0,1000,s0,VIEW,POST,a11,,3", "e1,2000,s0,LIKE,POST,a11,,3", "e2,3000,s0,PURCHASE,POST,a12,,3",
                "e3,4000,s1,VIEW,POST,a12,,3", "e4,4000,s1,VIEW,POST,a12,,3"), events.subList(1, events.size()));
        assertEquals(1, r.json().get("skipped").get("otto_event_type_not_clicks_carts_orders").asLong());
        NodeIndex nodes = EntityLoader.load(dir.resolve("out"));
        assertEquals(4, nodes.size(), "2 sessions + 2 aids (13 only had a skipped event)");
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> {
            Files.writeString(in, "{\"session\":\"x\",\"events\":[]}\n");
            new ImportRatingsJob(new ImportRatingsConfig(RatingFormat.OTTO, in, dir.resolve("out2"), 4.0, 0, 0.2),
                    ProgressTracker.NOOP).run();
        });
        assertTrue(bad.getMessage().contains("train.jsonl line 1: field 'session' must be an integer, got \"x\""), bad.getMessage());
    }
}
