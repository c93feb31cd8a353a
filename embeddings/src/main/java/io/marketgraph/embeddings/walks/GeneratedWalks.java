package io.marketgraph.embeddings.walks;

/** Walks generated on demand: walk {@code s} is round {@code s / n}'s walk from its shuffled start node. */
public final class GeneratedWalks implements WalkCorpus {

    private final BiasedWalker walker;

    public GeneratedWalks(BiasedWalker walker) {
        this.walker = walker;
    }

    public BiasedWalker walker() {
        return walker;
    }

    @Override
    public long walkCount() {
        return (long) walker.graph().nodeCount() * walker.config().walksPerNode();
    }

    @Override
    public int maxWalkLength() {
        return walker.config().walkLength();
    }

    @Override
    public int nodeCount() {
        return walker.graph().nodeCount();
    }

    @Override
    public Reader reader() {
        WalkOrder order = new WalkOrder(nodeCount(), walker.config().walksPerNode(), walker.config().seed());
        WalkRandom rnd = new WalkRandom();
        return (index, out) -> walker.walk(order.startNode(index), order.round(index), out, rnd);
    }
}
