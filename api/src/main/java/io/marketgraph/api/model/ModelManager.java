package io.marketgraph.api.model;

import io.marketgraph.io.InvalidInputException;
import io.marketgraph.registry.ModelRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

/**
 * Owns the serving model and swaps it without a pause: a new version is loaded and validated
 * completely before one atomic reference switch; requests hold a {@link Lease} on the model they
 * started with, and a retired model closes when its last lease is released. A version that fails
 * to load is refused and the old one keeps serving.
 */
public final class ModelManager implements AutoCloseable {

    private final ModelRegistry registry;
    private final BiFunction<ModelRegistry, String, ServingModel> loader;
    private final AtomicReference<ServingModel> current = new AtomicReference<>();
    private final Deque<String> history = new ArrayDeque<>();
    private final LongAdder swaps = new LongAdder();
    private final LongAdder refusals = new LongAdder();

    public ModelManager(ModelRegistry registry) {
        this(registry, ServingModel::load);
    }

    ModelManager(ModelRegistry registry, BiFunction<ModelRegistry, String, ServingModel> loader) {
        this.registry = registry;
        this.loader = loader;
    }

    /** A model held for the duration of one request. */
    public static final class Lease implements AutoCloseable {
        private final ServingModel model;

        private Lease(ServingModel model) {
            this.model = model;
        }

        public ServingModel model() {
            return model;
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
            retire(current.getAndSet(model));
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
        retire(current.getAndSet(model));
        swaps.increment();
        if (writeCurrent) {
            registry.activate(version);
        }
        history.remove(version);
        history.push(version);
    }

    private static void retire(ServingModel old) {
        if (old != null) {
            old.close();
        }
    }

    /** The serving model, held until the lease closes; empty while none is loaded. */
    public Optional<Lease> acquire() {
        while (true) {
            ServingModel model = current.get();
            if (model == null) {
                return Optional.empty();
            }
            if (model.tryRetain()) {
                return Optional.of(new Lease(model));
            }
            // lost a race with a swap: the new model is already in place, read it again
        }
    }

    public Optional<String> version() {
        ServingModel model = current.get();
        return model == null ? Optional.empty() : Optional.of(model.version());
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
        retire(current.getAndSet(null));
    }
}
