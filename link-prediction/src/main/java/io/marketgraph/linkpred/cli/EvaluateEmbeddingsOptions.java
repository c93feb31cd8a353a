package io.marketgraph.linkpred.cli;

import io.marketgraph.cli.Cli;
import io.marketgraph.embeddings.cli.Node2VecOptions;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags of {@code bin/marketgraph evaluate-embeddings}; the node2vec ones are embed's ({@link Node2VecOptions}). */
@Command(name = "evaluate-embeddings", sortOptions = false,
        description = "The node2vec paper's link-prediction and node-classification protocols on any edge list.",
        footer = "Exit: 0 ok, 2 bad usage (a missing --edge-list or --labels included), 3 input rejected, 1 failure.")
public final class EvaluateEmbeddingsOptions implements Cli.Checked {

    enum Task {
        LINK_PREDICTION("link-prediction"), NODE_CLASSIFICATION("node-classification");

        final String flag;

        Task(String flag) {
            this.flag = flag;
        }

        @Override
        public String toString() {
            return flag;
        }
    }

    // ---- input and output
    @Option(names = "--edge-list", paramLabel = "PATH", required = true,
            description = "edge list 'src dst [weight]' or graph directory, read as undirected")
    Path edgeList;

    @Option(names = "--task", paramLabel = "TASK", defaultValue = "link-prediction", converter = TaskConverter.class,
            description = "link-prediction | node-classification")
    Task task;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "node<TAB>label lines, one per (node, label) (required for node-classification)")
    Path labels;

    @Option(names = "--out", paramLabel = "FILE", description = "JSON report (default: printed only)")
    Path out;

    // ---- node2vec (walks, skip-gram, threads, seed: split, walks and training)
    @Mixin
    Node2VecOptions node2vec = new Node2VecOptions();

    // ---- comparison with another trainer on the same walks
    @Option(names = "--walks-out", paramLabel = "FILE",
            description = "also write the walks node2vec trains on (one a line, dense node indices)")
    Path walksOut;

    @Option(names = "--vectors", paramLabel = "FILE", description = "skip node2vec: word2vec text vectors keyed by"
            + " dense node index, trained elsewhere (e.g. gensim) on the --walks-out walks of the same seed")
    Path vectors;

    @Override
    public void check() {
        Cli.existing(edgeList, "--edge-list");
        Cli.existing(vectors, "--vectors");
        Cli.require(vectors == null || walksOut == null, "give --vectors FILE or --walks-out FILE, not both");
        Cli.require(task != Task.NODE_CLASSIFICATION || labels != null, "--task node-classification needs --labels FILE");
        Cli.existing(labels, "--labels");
        node2vec.walks();
        node2vec.skipGram();
    }

    static final class TaskConverter implements picocli.CommandLine.ITypeConverter<Task> {
        @Override
        public Task convert(String value) {
            for (Task t : Task.values()) {
                if (t.flag.equals(value)) {
                    return t;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "must be link-prediction or node-classification, got '" + value + "'");
        }
    }
}
