package io.marketgraph.api.model;

import io.marketgraph.api.ingest.IngestLog;
import io.marketgraph.api.ingest.LiveState;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.registry.ModelRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Owns the serving model and swaps it without a pause: a new version is loaded and validated
 * completely before one atomic reference switch; requests hold a {@link Lease} on the model they
 * started with, and a retired model closes when its last lease is released. A version that fails
 * to load is refused and the old one keeps serving.
 *
 * <p>Beside the model it holds the model's {@link LiveState}: what real-time ingest added since the
 * model's graph was built. A version switched to gets a new one, rebuilt from the {@link IngestLog}
 * ({@code REGISTRY/ingest}), and the pair is switched with one reference write, so a request sees a
 * model and the live state built for it. Ingest writes run under the ingest lock ({@link #ingest}),
 * which the switch also takes: no accepted write is missing from the state switched to.
 *
 * <p>One thread runs the ingest writes: it takes every write waiting, runs them in one hold of the lock,
 * syncs the log once for all of them, then answers them all. A request thread only waits for its answer.
 * Each request taking the lock and then the log's monitor in turn was a chain of hand-offs, each a
 * scheduler wait once reads kept both cores busy: posts at 1,000/s beside 16 read connections took
 * 224 ms (p50) and reached 404/s over the 1M-post model (benchmarks/RESULTS.md, issue 17).
 */
public final class ModelManager implements AutoCloseable {

    private final ModelRegistry registry;
    private final BiFunction<ModelRegistry, String, ServingModel> loader;
    private final AtomicReference<Serving> current = new AtomicReference<>();
    private final IngestLog log;
    private final Object ingestLock = new Object();
    private final Deque<String> history = new ArrayDeque<>();
    private final LongAdder swaps = new LongAdder();
    private final LongAdder refusals = new LongAdder();
    /** Writes waiting for the writer thread, and the thread. */
    private final LinkedBlockingQueue<Write<?>> writes = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final int nprobe;
    private volatile boolean closed;

    /** The most writes run in one hold of the ingest lock. */
    private static final int MAX_WRITE_BATCH = 512;

    public ModelManager(ModelRegistry registry) {
        this(registry, io.marketgraph.api.http.ApiServices.DEFAULT_NPROBE);
    }

    /** @param nprobe cells the live post index probes once it holds more than its exact share ({@code serve --nprobe}) */
    public ModelManager(ModelRegistry registry, int nprobe) {
        this(registry, ServingModel::load, nprobe);
    }

    ModelManager(ModelRegistry registry, BiFunction<ModelRegistry, String, ServingModel> loader) {
        this(registry, loader, io.marketgraph.api.http.ApiServices.DEFAULT_NPROBE);
    }

    private ModelManager(ModelRegistry registry, BiFunction<ModelRegistry, String, ServingModel> loader, int nprobe) {
        this.registry = registry;
        this.loader = loader;
        this.nprobe = nprobe;
        this.log = IngestLog.of(registry.root());
        this.writer = new Thread(this::writeLoop, "ingest-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** An ingest write and its answer: the write's value, or what it threw. */
    private static final class Write<T> {
        final Function<Serving, T> write;
        final CompletableFuture<Optional<T>> answer = new CompletableFuture<>();
        Optional<T> value;
        Throwable failure;

        Write(Function<Serving, T> write) {
            this.write = write;
        }

        void run(Serving serving) {
            try {
                value = serving == null ? Optional.empty() : Optional.of(write.apply(serving));
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        void answer(Throwable syncFailure) {
            if (failure != null || syncFailure != null) {
                answer.completeExceptionally(failure != null ? failure : syncFailure);
            } else {
                answer.complete(value);
            }
        }
    }

    /** The serving model and the live state built for it, switched together. */
    public record Serving(ServingModel model, LiveState live) {}

    /** A model held for the duration of one request, with its live state. */
    public static final class Lease implements AutoCloseable {
        private final ServingModel model;
        private final LiveState live;

        private Lease(Serving serving) {
            this.model = serving.model();
            this.live = serving.live();
        }

        public ServingModel model() {
            return model;
        }

        public LiveState live() {
            return live;
        }

        @Override
        public void close() {
            model.release();
        }
    }

    /** Serves the registry's CURRENT version, if it has one. */
    public synchronized Optional<String> loadCurrent() {
        Optional<String> version = registry.current();
        version.ifPresent(v -> swap(v, false));
        return version;
    }

    /**
     * Loads, validates and switches to {@code version}, and makes it the registry's CURRENT.
     *
     * @throws InvalidInputException if the version is missing or corrupt (nothing changes)
     */
    public synchronized String activate(String version) {
        swap(version, true);
        return version;
    }

    /** Switches back to the version served before the current one. */
    public synchronized String rollback() {
        if (history.size() < 2) {
            throw new IllegalStateException("no earlier version to roll back to (served so far: " + history + ")");
        }
        String now = history.pop();
        String previous = history.peek();
        try {
            ServingModel model = loader.apply(registry, previous);
            install(model);
            registry.activate(previous);
            swaps.increment();
            return previous;
        } catch (RuntimeException e) {
            history.push(now);
            refusals.increment();
            throw e;
        }
    }

    private void swap(String version, boolean writeCurrent) {
        ServingModel model;
        try {
            model = loader.apply(registry, version); // throws before anything changes
        } catch (RuntimeException e) {
            refusals.increment();
            throw e;
        }
        install(model);
        swaps.increment();
        if (writeCurrent) {
            registry.activate(version);
        }
        history.remove(version);
        history.push(version);
    }

    /** Replays the ingest log onto {@code model} and switches to both, holding off ingest writes meanwhile. */
    private void install(ServingModel model) {
        Serving old;
        synchronized (ingestLock) {
            LiveState live;
            try {
                live = LiveState.rebuild(model, log, nprobe);
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
            old = current.getAndSet(new Serving(model, live));
        }
        retire(old);
    }

    private static void retire(Serving old) {
        if (old != null) {
            old.model().close();
        }
    }

    /**
     * Runs an ingest write on the serving model's live state, one at a time and never during a
     * switch: {@code write} appends to the log before it changes the state, and the caller syncs the
     * log ({@link IngestLog#sync}) before it answers. Empty, and nothing run, while no model is loaded.
     */
    public <T> Optional<T> ingest(Function<Serving, T> write) {
        Write<T> w = new Write<>(write);
        writes.add(w);
        if (closed && writes.remove(w)) {
            // closed before the writer could take it: nobody else will answer it
            throw new IllegalStateException("the model manager is closed");
        }
        try {
            return w.answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an ingest write", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * The writer thread: the waiting writes run in one hold of the ingest lock, in arrival order, then one
     * sync of the log ({@link IngestLog#syncAll}) makes them durable before any of them is answered. A
     * write that throws is answered with its exception; the others of its batch are not affected.
     */
    private void writeLoop() {
        List<Write<?>> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(writes.take());
            } catch (InterruptedException e) {
                break; // closed
            }
            writes.drainTo(batch, MAX_WRITE_BATCH - 1);
            synchronized (ingestLock) {
                Serving serving = current.get();
                for (Write<?> w : batch) {
                    w.run(serving);
                }
            }
            Throwable syncFailure = null;
            try {
                log.syncAll();
            } catch (RuntimeException e) {
                syncFailure = e;
            }
            for (Write<?> w : batch) {
                w.answer(syncFailure);
            }
            batch.clear();
        }
        IllegalStateException closed = new IllegalStateException("the model manager is closed");
        for (Write<?> w; (w = writes.poll()) != null; ) {
            w.answer.completeExceptionally(closed);
        }
    }

    /** The ingest log (appends only inside {@link #ingest}). */
    public IngestLog log() {
        return log;
    }

    /** The serving model, held until the lease closes; empty while none is loaded. */
    public Optional<Lease> acquire() {
        while (true) {
            Serving serving = current.get();
            if (serving == null) {
                return Optional.empty();
            }
            if (serving.model().tryRetain()) {
                return Optional.of(new Lease(serving));
            }
            // lost a race with a swap: the new model is already in place, read it again
        }
    }

    public Optional<String> version() {
        Serving serving = current.get();
        return serving == null ? Optional.empty() : Optional.of(serving.model().version());
    }

    /** Versions switched to since start (the first load, activations, rollbacks). */
    public long swaps() {
        return swaps.sum();
    }

    /** Loads refused (a missing or corrupt version, a failed rollback): the serving model stayed. */
    public long refusals() {
        return refusals.sum();
    }

    public ModelRegistry registry() {
        return registry;
    }

    @Override
    public synchronized void close() {
        closed = true;
        writer.interrupt();
        retire(current.getAndSet(null));
        synchronized (ingestLock) {
            log.close();
        }
    }
}
