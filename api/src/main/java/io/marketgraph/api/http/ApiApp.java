package io.marketgraph.api.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.marketgraph.api.service.ApiException;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.Json;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the HTTP API from its services: routes with their scopes, authentication, request size
 * limit, the one exception-to-JSON mapping, metrics. Every error is {@code {status, error, message}}.
 */
public final class ApiApp {

    private static final Logger LOG = LoggerFactory.getLogger(ApiApp.class);
    private static final String STARTED = "marketgraph.started";
    public static final long DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /**
     * How responses are written: compact, and doubles in their shortest form (Schubfach; JDK 17's
     * {@code Double.toString} is several times slower and sometimes a digit longer, same value).
     */
    static final ObjectMapper RESPONSES = Json.MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT)
            .configure(JsonGenerator.Feature.USE_FAST_DOUBLE_WRITER, true);

    /** One route: method, path template, the scope it needs (null: public) and its handler. */
    public record Route(String method, String path, Scope scope, Handler handler) {}

    private ApiApp() {}

    public static Javalin create(ApiServices services, ApiKeys keys, long maxBodyBytes) {
        HttpMetrics metrics = new HttpMetrics(services.models());
        Map<String, Route> routes = new LinkedHashMap<>();
        for (Route r : ApiRoutes.all(services, metrics)) {
            routes.put(r.method() + " " + r.path(), r);
        }
        return Javalin.create(cfg -> configure(cfg, routes, keys, maxBodyBytes, metrics));
    }

    /** The routes of an app built from {@code services} (the OpenAPI test compares them with the document). */
    public static java.util.List<Route> routes(ApiServices services) {
        return ApiRoutes.all(services, null);
    }

    private static void configure(JavalinConfig cfg, Map<String, Route> routes, ApiKeys keys, long maxBodyBytes,
                                  HttpMetrics metrics) {
        cfg.startup.showJavalinBanner = false;
        cfg.http.maxRequestSize = maxBodyBytes;
        // Jetty buffers a response written in pieces of up to the aggregation size (8 KB by default) and
        // sends it with its Content-Length when the handler ends; a bigger write (a re-rank of 200
        // candidates is one 17 KB write) went out at once, chunked, with a second write for the end.
        // Aggregating up to the output buffer's size (32 KB) sends such responses in one write.
        cfg.jetty.modifyHttpConfiguration(http -> http.setOutputAggregationSize(http.getOutputBufferSize()));
        cfg.jsonMapper(new JavalinJackson(RESPONSES, true));
        // operations: the Jetty pool's metrics, the registry closed with the server, /docs's Swagger UI from its webjar
        cfg.jetty.modifyServer(server -> metrics.bindThreadPool(server.getThreadPool()));
        cfg.events.serverStopped(metrics::close);
        cfg.staticFiles.enableWebjars();
        cfg.routes.before(ctx -> {
            ctx.attribute(STARTED, System.nanoTime());
            long length = ctx.req().getContentLengthLong();
            if (length > maxBodyBytes) {
                throw new ApiException(413, "payload_too_large", String.format(Locale.ROOT,
                        "request body is %d bytes; the limit is %d bytes", length, maxBodyBytes));
            }
        });
        cfg.routes.beforeMatched(ctx -> authorize(ctx, routes, keys));
        for (Route r : routes.values()) {
            if (r.method().equals("GET")) {
                cfg.routes.get(r.path(), r.handler());
            } else {
                cfg.routes.post(r.path(), r.handler());
            }
        }
        cfg.routes.after(ctx -> {
            Long started = ctx.attribute(STARTED);
            if (started != null) {
                metrics.record(routeOf(ctx), ctx.method().name(), ctx.statusCode(), System.nanoTime() - started);
            }
        });
        cfg.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.error(), e.getMessage()));
        cfg.routes.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, "invalid_input", e.getMessage()));
        cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
            switch (e.getStatus()) {
                case 404 -> error(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path());
                case 413 -> error(ctx, 413, "payload_too_large", "request body exceeds the limit of " + maxBodyBytes + " bytes");
                default -> error(ctx, e.getStatus(), "http_" + e.getStatus(), e.getMessage());
            }
        });
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal_error", "internal error");
        });
        cfg.routes.error(404, "*", ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path());
            }
        });
        cfg.routes.error(405, "*", ctx -> error(ctx, 405, "method_not_allowed", "method " + ctx.method() + " is not allowed on " + ctx.path()));
    }

    private static void authorize(Context ctx, Map<String, Route> routes, ApiKeys keys) {
        Route route = routes.get(ctx.method().name() + " " + routeOf(ctx));
        if (route == null || route.scope() == null) {
            return;
        }
        String key = ctx.header("X-API-Key");
        ApiKeys.Client client = keys.client(key).orElseThrow(() -> new ApiException(401, "unauthorized",
                key == null ? "missing X-API-Key header" : "unknown API key"));
        if (!client.scopes().contains(route.scope())) {
            throw new ApiException(403, "forbidden", String.format(Locale.ROOT, "API key '%s' lacks scope '%s' for %s %s",
                    client.name(), route.scope().name().toLowerCase(Locale.ROOT), route.method(), route.path()));
        }
    }

    /** The matched route template ({@code /v1/users/{userId}/recommendations}), or "unmatched". */
    private static String routeOf(Context ctx) {
        try {
            io.javalin.router.Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    static void error(Context ctx, int status, String error, String message) {
        ctx.status(status).json(new Dtos.ErrorResponse(status, error, message));
    }
}
