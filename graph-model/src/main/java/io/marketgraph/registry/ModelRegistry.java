package io.marketgraph.registry;

import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The model registry: a directory of versions and a pointer to the serving one.
 *
 * <pre>
 * registry/models/v0001/manifest.json   + the version's artifacts, written atomically (_SUCCESS last)
 * registry/models/v0002/...
 * registry/CURRENT                       the serving version's name, replaced by an atomic rename
 * </pre>
 *
 * Versions are numbered in registration order. A version directory without {@code _SUCCESS} is an
 * interrupted registration and is never listed, activated or served. Whether a candidate may become
 * CURRENT (the promotion gate) is decided by the caller; this class only keeps the files right.
 */
public final class ModelRegistry {

    public static final String MODELS = "models";
    public static final String CURRENT = "CURRENT";
    public static final String MANIFEST = "manifest.json";
    private static final Pattern VERSION = Pattern.compile("v\\d{4,}");

    private final Path root;

    public ModelRegistry(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path versionDir(String version) {
        requireVersionName(version);
        return root.resolve(MODELS).resolve(version);
    }

    /** Complete versions, oldest first. */
    public List<String> versions() {
        Path models = root.resolve(MODELS);
        if (!Files.isDirectory(models)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(models)) {
            List<String> out = new ArrayList<>();
            dirs.filter(d -> VERSION.matcher(d.getFileName().toString()).matches())
                    .filter(AtomicOutput::isComplete)
                    .map(d -> d.getFileName().toString())
                    .sorted((a, b) -> Long.compare(number(a), number(b)))
                    .forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list " + models, e);
        }
    }

    /** The name the next registered version gets. */
    public String nextVersion() {
        long max = 0;
        Path models = root.resolve(MODELS);
        if (Files.isDirectory(models)) {
            try (Stream<Path> dirs = Files.list(models)) {
                max = dirs.map(d -> d.getFileName().toString())
                        .filter(n -> VERSION.matcher(n).matches())
                        .mapToLong(ModelRegistry::number)
                        .max().orElse(0);
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to list " + models, e);
            }
        }
        return String.format(java.util.Locale.ROOT, "v%04d", max + 1);
    }

    /**
     * Starts a new version: write its artifacts into {@link AtomicOutput#dir()}, then call
     * {@link #register(AtomicOutput, ModelManifest)}. Closing without registering leaves nothing.
     */
    public AtomicOutput stage(String version) {
        Path dir = versionDir(version);
        if (Files.exists(dir)) {
            throw new IllegalStateException("model version " + version + " already exists at " + dir);
        }
        return AtomicOutput.create(dir);
    }

    /** Writes the manifest into the staged version and moves it into place. Does not activate it. */
    public void register(AtomicOutput staged, ModelManifest manifest) {
        Json.write(staged.dir().resolve(MANIFEST), manifest);
        staged.commit();
    }

    public ModelManifest manifest(String version) {
        Path dir = versionDir(version);
        if (!AtomicOutput.isComplete(dir)) {
            throw new InvalidInputException("model version " + version + " does not exist or is incomplete: " + dir);
        }
        return Json.read(dir.resolve(MANIFEST), ModelManifest.class);
    }

    /** The serving version, if one was activated. */
    public Optional<String> current() {
        Path file = root.resolve(CURRENT);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String version = Files.readString(file, StandardCharsets.UTF_8).strip();
            return version.isEmpty() ? Optional.empty() : Optional.of(version);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        }
    }

    /** Makes {@code version} the serving one: CURRENT is replaced by one atomic rename. */
    public void activate(String version) {
        if (!AtomicOutput.isComplete(versionDir(version))) {
            throw new InvalidInputException("cannot activate model version " + version
                    + ": it does not exist or is incomplete in " + root);
        }
        Path file = root.resolve(CURRENT);
        Path tmp = root.resolve(CURRENT + ".tmp");
        try {
            Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to update " + file, e);
        }
    }

    /**
     * Deletes all but the newest {@code keep} versions, never the current one.
     *
     * @return the deleted versions
     */
    public List<String> garbageCollect(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, got " + keep);
        }
        List<String> versions = versions();
        String current = current().orElse(null);
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < versions.size() - keep; i++) {
            String version = versions.get(i);
            if (!version.equals(current)) {
                AtomicOutput.deleteRecursively(versionDir(version));
                deleted.add(version);
            }
        }
        return deleted;
    }

    private static long number(String version) {
        return Long.parseLong(version.substring(1));
    }

    private static void requireVersionName(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("model version must look like v0001, got '" + version + "'");
        }
    }
}
