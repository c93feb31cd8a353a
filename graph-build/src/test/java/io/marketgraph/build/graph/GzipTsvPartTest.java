package io.marketgraph.build.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GzipTsvPartTest {

    @TempDir
    Path dir;

    @Test
    void doubles_parse_back_to_the_same_bits_in_double_to_strings_layout() throws IOException {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, 0.1, 1e-3, 9.99e-4, 1e7, 9999999.0, 123456789.0,
                2.82879384806159e17, 1.0e23, Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN));
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            values.add(random.nextDouble() * Math.pow(10, random.nextInt(-8, 9)));   // edge weights and beyond
            values.add(Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE));  // any finite or not
        }
        try (GzipTsvPart part = new GzipTsvPart(dir, 0, 1)) {
            for (double v : values) {
                part.cell(v).tab().cell((long) values.size()).endLine();
            }
            part.done();
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(dir.resolve("part-00000.tsv.gz"))), StandardCharsets.US_ASCII))) {
            r.lines().forEach(lines::add);
        }
        assertEquals(values.size(), lines.size());
        int sameText = 0;
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            String cell = lines.get(i).split("\t")[0];
            assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(Double.parseDouble(cell)), cell);
            String jdk = Double.toString(v);
            assertEquals(jdk.contains("E"), cell.contains("E"), "layout of " + jdk + " / " + cell);
            assertTrue(cell.length() <= jdk.length(), "never longer than Double.toString: " + jdk + " / " + cell);
            sameText += jdk.equals(cell) ? 1 : 0;
        }
        assertTrue(sameText > values.size() * 0.99, sameText + " of " + values.size() + " as Double.toString prints them");
    }
}
