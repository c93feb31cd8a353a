package io.marketgraph.api.http;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Request counts by route, method and status, and a latency histogram per route, in the
 * Prometheus text format. Lock-free on the request path (LongAdder per bucket).
 */
public final class HttpMetrics {

    private static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

    private record Key(String route, String method, int status) {}

    private static final class Histogram {
        final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
        final LongAdder sumMicros = new LongAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }
    }

    private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final Supplier<String> modelVersion;

    public HttpMetrics(Supplier<String> modelVersion) {
        this.modelVersion = modelVersion;
    }

    public void record(String route, String method, int status, long nanos) {
        requests.computeIfAbsent(new Key(route, method, status), k -> new LongAdder()).increment();
        Histogram h = latency.computeIfAbsent(route, r -> new Histogram());
        double seconds = nanos / 1e9;
        int bucket = 0;
        while (bucket < BUCKETS.length && seconds > BUCKETS[bucket]) {
            bucket++;
        }
        h.counts[bucket].increment();
        h.sumMicros.add(nanos / 1000);
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP marketgraph_http_requests_total Requests by route, method and status.\n");
        out.append("# TYPE marketgraph_http_requests_total counter\n");
        new TreeMap<String, Long>(requests.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> String.format(Locale.ROOT, "route=\"%s\",method=\"%s\",status=\"%d\"", e.getKey().route(),
                        e.getKey().method(), e.getKey().status()),
                e -> e.getValue().sum()))).forEach((labels, n) ->
                out.append("marketgraph_http_requests_total{").append(labels).append("} ").append(n).append('\n'));
        out.append("# HELP marketgraph_http_request_seconds Request latency by route.\n");
        out.append("# TYPE marketgraph_http_request_seconds histogram\n");
        new TreeMap<>(latency).forEach((route, h) -> {
            long cumulative = 0;
            for (int i = 0; i <= BUCKETS.length; i++) {
                cumulative += h.counts[i].sum();
                String le = i < BUCKETS.length ? Double.toString(BUCKETS[i]) : "+Inf";
                out.append(String.format(Locale.ROOT, "marketgraph_http_request_seconds_bucket{route=\"%s\",le=\"%s\"} %d%n",
                        route, le, cumulative));
            }
            out.append(String.format(Locale.ROOT, "marketgraph_http_request_seconds_sum{route=\"%s\"} %.6f%n", route,
                    h.sumMicros.sum() / 1e6));
            out.append(String.format(Locale.ROOT, "marketgraph_http_request_seconds_count{route=\"%s\"} %d%n", route, cumulative));
        });
        out.append("# HELP marketgraph_model_info The serving model version (1 while one is loaded).\n");
        out.append("# TYPE marketgraph_model_info gauge\n");
        String version = modelVersion.get();
        out.append(String.format(Locale.ROOT, "marketgraph_model_info{version=\"%s\"} %d%n", version == null ? "" : version,
                version == null ? 0 : 1));
        return out.toString();
    }
}
