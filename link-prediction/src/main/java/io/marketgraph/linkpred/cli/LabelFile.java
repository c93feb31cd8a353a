package io.marketgraph.linkpred.cli;

import io.marketgraph.io.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code node<TAB>label} lines (one per pair) mapped onto a graph's dense nodes. */
final class LabelFile {

    /** Label indices per node, label names by index, and lines naming a node not in the graph. */
    record Labels(int[][] perNode, List<String> names, long unknownNodes) {}

    private LabelFile() {}

    static Labels read(Path file, String[] nodeIds) {
        Map<String, Integer> node = new HashMap<>();
        for (int i = 0; i < nodeIds.length; i++) {
            node.put(nodeIds[i], i);
        }
        Map<String, Integer> labelIndex = new LinkedHashMap<>();
        List<List<Integer>> per = new ArrayList<>();
        for (int i = 0; i < nodeIds.length; i++) {
            per.add(new ArrayList<>(1));
        }
        long unknown = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.strip().split("\t");
                if (cols.length != 2) {
                    throw new InvalidInputException(String.format(Locale.ROOT,
                            "%s line %d: expected 'node<TAB>label', got %d columns: '%s'", file, lineNo, cols.length, line));
                }
                Integer v = node.get(cols[0]);
                if (v == null) {
                    unknown++;
                    continue;
                }
                int l = labelIndex.computeIfAbsent(cols[1], k -> labelIndex.size());
                if (!per.get(v).contains(l)) {
                    per.get(v).add(l);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read labels " + file, e);
        }
        int[][] out = new int[nodeIds.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = per.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        if (Arrays.stream(out).allMatch(a -> a.length == 0)) {
            throw new InvalidInputException(file + ": no label names a node of the graph (" + unknown + " lines skipped)");
        }
        return new Labels(out, new ArrayList<>(labelIndex.keySet()), unknown);
    }
}
