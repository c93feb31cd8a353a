package io.marketgraph.personalize.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Membership as a binary search over the sorted neighbours (CsrGraph.hasEdge) answers it. */
class NeighbourSetTest {

    @Test
    void answers_what_a_binary_search_answers() {
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 500; round++) {
            int degree = round < 10 ? round : random.nextInt(1, 300);
            int range = random.nextBoolean() ? 2 * degree + 2 : 1_000_000;
            int[] all = random.ints(degree + 20, 0, range).toArray();
            int from = 7;
            int to = from + degree;
            int[] adjacency = Arrays.copyOfRange(all, from, to);
            Arrays.sort(adjacency);
            System.arraycopy(adjacency, 0, all, from, degree);   // the user's run inside the graph's array
            NeighbourSet set = new NeighbourSet(all, from, to);
            for (int q = 0; q < 400; q++) {
                int node = q % 2 == 0 && degree > 0 ? adjacency[random.nextInt(degree)] : random.nextInt(0, range + 5);
                assertEquals(Arrays.binarySearch(adjacency, node) >= 0, set.contains(node), "degree " + degree + " node " + node);
            }
        }
        NeighbourSet three = new NeighbourSet(new int[] {9, 2, 5, 5, 40}, 1, 4);
        assertEquals(true, three.contains(2));
        assertEquals(true, three.contains(5));
        assertEquals(false, three.contains(9));
        assertEquals(false, three.contains(40));
        assertEquals(false, new NeighbourSet(new int[0], 0, 0).contains(0));
    }
}
