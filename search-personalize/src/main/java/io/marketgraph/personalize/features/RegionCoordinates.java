package io.marketgraph.personalize.features;

import io.marketgraph.io.CsvLine;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.TextFiles;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the neighbourhoods are: (x, y) per region, from the entities' {@code regions.csv}
 * ({@code region_id,x,y,...}). Users browse near home, so the distance between the user's home
 * region and the post's is a re-rank feature. Kept with the model as {@value #FILE}.
 */
public final class RegionCoordinates {

    public static final String FILE = "regions.tsv";

    private final Map<Integer, double[]> xy;

    private RegionCoordinates(Map<Integer, double[]> xy) {
        this.xy = xy;
    }

    public static RegionCoordinates none() {
        return new RegionCoordinates(Map.of());
    }

    public int size() {
        return xy.size();
    }

    /** Euclidean distance between two regions, or {@code NaN} when either is unknown. */
    public double distance(int a, int b) {
        double[] p = xy.get(a);
        double[] q = xy.get(b);
        if (p == null || q == null) {
            return Double.NaN;
        }
        return Math.hypot(p[0] - q[0], p[1] - q[1]);
    }

    public static RegionCoordinates fromRegionsCsv(Path file) {
        Map<Integer, double[]> xy = new HashMap<>();
        try (BufferedReader in = TextFiles.open(file)) {
            String header = in.readLine();
            List<String> cols = header == null ? List.of() : List.of(CsvLine.split(header));
            int id = cols.indexOf("region_id");
            int x = cols.indexOf("x");
            int y = cols.indexOf("y");
            if (id < 0 || x < 0 || y < 0) {
                throw new InvalidInputException(file + ": header " + cols + " needs the columns region_id, x, y");
            }
            String line;
            long lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String[] f = CsvLine.split(line);
                try {
                    xy.put(Integer.parseInt(f[id]), new double[] {Double.parseDouble(f[x]), Double.parseDouble(f[y])});
                } catch (RuntimeException e) {
                    throw new InvalidInputException(String.format(Locale.ROOT, "%s line %d: region_id, x and y must be numbers, got '%s'",
                            file, lineNo, line), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        }
        return new RegionCoordinates(xy);
    }

    public void write(Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("region_id\tx\ty\n");
            for (Map.Entry<Integer, double[]> e : new TreeMap<>(xy).entrySet()) {
                out.write(e.getKey() + "\t" + e.getValue()[0] + "\t" + e.getValue()[1] + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + file, e);
        }
    }

    public static RegionCoordinates read(Path file) {
        if (!Files.exists(file)) {
            return none();
        }
        Map<Integer, double[]> xy = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            while ((line = in.readLine()) != null) {
                String[] f = line.split("\t");
                xy.put(Integer.parseInt(f[0]), new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        }
        return new RegionCoordinates(xy);
    }
}
