package io.marketgraph.embeddings.output;

import io.marketgraph.io.EmbeddingStore;
import io.marketgraph.model.NodeKind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * word2vec's text format, which gensim reads with {@code KeyedVectors.load_word2vec_format(path)}:
 * a first line {@code "count dim"}, then {@code "id v1 ... vd"} per node. The id is the node's
 * external id, prefixed by its kind in a typed graph ({@code USER:u123}); floats are written with
 * {@link Float#toString(float)}, which round-trips exactly.
 */
public final class Word2VecText {

    private Word2VecText() {}

    public static String token(EmbeddingStore store, int row) {
        NodeKind kind = store.nodes().kind(row);
        String id = store.nodes().id(row);
        return kind == null ? id : kind.name() + ":" + id;
    }

    /** Writes the file atomically (temp file beside it, then rename). */
    public static void write(EmbeddingStore store, Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        int dim = store.dim();
        float[] v = store.vectors();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                out.write(store.count() + " " + dim + "\n");
                StringBuilder line = new StringBuilder(dim * 12);
                for (int row = 0; row < store.count(); row++) {
                    line.setLength(0);
                    line.append(token(store, row));
                    int off = row * dim;
                    for (int k = 0; k < dim; k++) {
                        line.append(' ').append(v[off + k]);
                    }
                    out.write(line.append('\n').toString());
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write word2vec file " + file, e);
        }
    }
}
