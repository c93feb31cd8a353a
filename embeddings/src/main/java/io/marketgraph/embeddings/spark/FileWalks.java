package io.marketgraph.embeddings.spark;

import io.marketgraph.embeddings.walks.WalkCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * The walk files ({@link WalkFiles}) as a {@link WalkCorpus}: the in-process trainer and counter
 * stream them from any Hadoop filesystem, nothing held but one block of walks per reader. Walk
 * indices are longs (no limit on walks or tokens). Each reader (one per thread) keeps its own open
 * streams and reads a block of {@link #BLOCK} records with one positioned read.
 */
public final class FileWalks implements WalkCorpus {

    static final int BLOCK = 256;

    private final Configuration conf;
    private final List<WalkFiles.Part> parts;
    private final long[] firsts;
    private final int nodeCount;
    private final int walkLength;
    private final long walks;

    public FileWalks(Configuration conf, List<WalkFiles.Part> parts, int nodeCount, int walkLength) {
        this.conf = conf;
        this.parts = List.copyOf(parts);
        this.firsts = parts.stream().mapToLong(WalkFiles.Part::first).toArray();
        this.nodeCount = nodeCount;
        this.walkLength = walkLength;
        this.walks = parts.isEmpty() ? 0 : parts.get(parts.size() - 1).first() + parts.get(parts.size() - 1).walks();
    }

    public List<WalkFiles.Part> parts() {
        return parts;
    }

    @Override
    public long walkCount() {
        return walks;
    }

    @Override
    public int maxWalkLength() {
        return walkLength;
    }

    @Override
    public int nodeCount() {
        return nodeCount;
    }

    @Override
    public Reader reader() {
        return new BlockReader();
    }

    private final class BlockReader implements Reader {
        private final FSDataInputStream[] streams = new FSDataInputStream[parts.size()];
        private final byte[] bytes = new byte[BLOCK * WalkFiles.recordBytes(walkLength)];
        private final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        private long blockFirst = -1;
        private long blockEnd = -1;

        @Override
        public int read(long index, int[] out) {
            if (index < blockFirst || index >= blockEnd) {
                load(index);
            }
            int base = (int) (index - blockFirst) * walkLength * 4;
            int len = 0;
            while (len < walkLength) {
                int v = buffer.getInt(base + 4 * len);
                if (v < 0) {
                    break;
                }
                out[len++] = v;
            }
            return len;
        }

        private void load(long index) {
            if (index < 0 || index >= walks) {
                throw new IndexOutOfBoundsException("walk " + index + " of " + walks);
            }
            int p = java.util.Arrays.binarySearch(firsts, index);
            p = p >= 0 ? p : -p - 2;
            WalkFiles.Part part = parts.get(p);
            long offsetInPart = index - part.first();
            blockFirst = index;
            blockEnd = Math.min(part.first() + part.walks(), index + BLOCK);
            int length = (int) (blockEnd - blockFirst) * WalkFiles.recordBytes(walkLength);
            try {
                if (streams[p] == null) {
                    Path path = new Path(part.path());
                    streams[p] = path.getFileSystem(conf).open(path);
                }
                streams[p].readFully(offsetInPart * WalkFiles.recordBytes(walkLength), bytes, 0, length);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read walks " + blockFirst + ".." + blockEnd + " of " + part.path(), e);
            }
        }
    }
}
