package io.marketgraph.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * An output directory that appears complete or not at all. Work is written into a hidden sibling
 * temp directory; {@link #commit()} writes {@code _SUCCESS} last and renames it into place. A run
 * that fails before commit leaves the previous result untouched; {@link #close()} removes the temp.
 *
 * <pre>{@code
 * try (AtomicOutput out = AtomicOutput.create(target)) {
 *     write(out.dir());
 *     out.commit();
 * }
 * }</pre>
 *
 * <p>Replacing an existing directory takes two renames (old aside, new in): a reader sees either
 * the old directory, briefly none, or the new one, never a mix. Readers check {@link #SUCCESS}.
 */
public final class AtomicOutput implements AutoCloseable {

    public static final String SUCCESS = "_SUCCESS";

    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicOutput(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    public static AtomicOutput create(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create temp output directory " + temp, e);
        }
        return new AtomicOutput(absolute, temp);
    }

    /** Where the work goes until {@link #commit()}. */
    public Path dir() {
        return temp;
    }

    public Path target() {
        return target;
    }

    /** Marks the output complete and moves it into place, replacing any previous result. */
    public void commit() {
        Path aside = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
        try {
            Files.writeString(temp.resolve(SUCCESS), "");
            boolean hadPrevious = Files.exists(target);
            if (hadPrevious) {
                Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
            if (hadPrevious) {
                deleteRecursively(aside);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to move output into place: " + target, e);
        }
    }

    /** True if {@code dir} holds a completed output. */
    public static boolean isComplete(Path dir) {
        return Files.isRegularFile(dir.resolve(SUCCESS));
    }

    @Override
    public void close() {
        if (!committed) {
            deleteRecursively(temp);
        }
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException ignored) {
            // already gone: nothing left to delete
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to delete " + dir, e);
        }
    }
}
