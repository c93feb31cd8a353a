package io.marketgraph.api.http;

import io.marketgraph.api.model.ModelManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * The service's metrics on a Micrometer Prometheus registry, one per app (no global state): the
 * JVM's (memory, GC pauses, threads, classes, CPU, uptime), the Jetty thread pool's, and ours:
 * {@code marketgraph_http_requests_total{method,route,status}}, the latency histogram
 * {@code marketgraph_http_request_seconds{route}} (fixed buckets from 0.5 ms to 2.5 s),
 * {@code marketgraph_model_info{version}} and the hot-swap counters
 * {@code marketgraph_model_swaps_total} and {@code marketgraph_model_swap_refusals_total}.
 *
 * <p>The request path is the re-rank's, thousands of times a second: each route's timer and its
 * counters by status are resolved once and cached, so that recording a request is two map reads
 * of Strings whose hashes are cached, an array read and the meters' own lock-free updates; no tags
 * are built per request.
 */
public final class HttpMetrics implements AutoCloseable {

    private static final Duration[] BUCKETS = {Duration.ofMillis(1).dividedBy(2), Duration.ofMillis(1),
            Duration.ofMillis(5).dividedBy(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500)};
    private static final int STATUSES = 600;

    /** One route's meters: its timer, and its request counters by method and status, created on first use. */
    private final class RouteMeters {
        final String route;
        final Timer latency;
        final ConcurrentHashMap<String, AtomicReferenceArray<Counter>> byMethod = new ConcurrentHashMap<>();

        RouteMeters(String route) {
            this.route = route;
            latency = Timer.builder("marketgraph.http.request").description("Request latency by route")
                    .tag("route", route).serviceLevelObjectives(BUCKETS).register(registry);
        }

        Counter counter(String method, int status) {
            AtomicReferenceArray<Counter> counters = byMethod.get(method);
            if (counters == null) {
                counters = byMethod.computeIfAbsent(method, m -> new AtomicReferenceArray<>(STATUSES));
            }
            int slot = status >= 0 && status < STATUSES ? status : 0;
            Counter counter = counters.get(slot);
            if (counter == null) {
                counter = Counter.builder("marketgraph.http.requests").description("Requests by route, method and status")
                        .tags("route", route, "method", method, "status", slot == 0 ? "other" : Integer.toString(status))
                        .register(registry);
                counters.set(slot, counter);
            }
            return counter;
        }
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, RouteMeters> routes = new ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final ModelManager models;
    private final MultiGauge modelInfo;

    public HttpMetrics(ModelManager models) {
        this.models = models;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        modelInfo = MultiGauge.builder("marketgraph.model.info").description("The serving model version (1 while one is loaded)")
                .register(registry);
        if (models != null) {
            FunctionCounter.builder("marketgraph.model.swaps", models, ModelManager::swaps)
                    .description("Versions switched to since start: the first load, activations, rollbacks").register(registry);
            FunctionCounter.builder("marketgraph.model.swap.refusals", models, ModelManager::refusals)
                    .description("Versions refused (missing or corrupt); the serving one stayed").register(registry);
        }
    }

    /** Binds the Jetty server's thread pool (threads, busy, idle, queued jobs); called once the server exists. */
    public void bindThreadPool(ThreadPool pool) {
        new JettyServerThreadPoolMetrics(pool, Tags.empty()).bindTo(registry);
    }

    /** Records one request on {@code route} (the matched path template, or "unmatched"). */
    public void record(String route, String method, int status, long nanos) {
        RouteMeters meters = routes.get(route);
        if (meters == null) {
            meters = routes.computeIfAbsent(route, RouteMeters::new);
        }
        meters.latency.record(nanos, TimeUnit.NANOSECONDS);
        meters.counter(method, status).increment();
    }

    /** The Prometheus text exposition of every meter. */
    public String render() {
        String version = models == null ? null : models.version().orElse(null);
        modelInfo.register(List.of(MultiGauge.Row.of(Tags.of("version", version == null ? "" : version), version == null ? 0 : 1)),
                true);
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
