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
import io.marketgraph.api.service.Utf16;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
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
    private static final Pattern NEO4J_URI = Pattern.compile("\\b(bolt|neo4j)(\\+s|\\+ssc)?://[^\\s,;()'\"]+");
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
        List<Route> routes = ApiRoutes.all(services, metrics);
        Path registry = services.models().registry().root();
        return Javalin.create(cfg -> configure(cfg, new Setup(routes, new RouteTable(routes), keys, maxBodyBytes, metrics,
                redactions(registry))));
    }

    /** The routes of an app built from {@code services} (the OpenAPI test compares them with the document). */
    public static List<Route> routes(ApiServices services) {
        return ApiRoutes.all(services, null);
    }

    /** What one app is built from. {@code redactions}: server-side strings that never go out in a message, with their stand-ins. */
    private record Setup(List<Route> routes, RouteTable table, ApiKeys keys, long maxBodyBytes, HttpMetrics metrics,
                         Map<String, String> redactions) {}

    private static void configure(JavalinConfig cfg, Setup setup) {
        cfg.startup.showJavalinBanner = false;
        cfg.http.maxRequestSize = setup.maxBodyBytes();
        // Jetty buffers a response written in pieces of up to the aggregation size (8 KB by default) and
        // sends it with its Content-Length when the handler ends; a bigger write (a re-rank of 200
        // candidates is one 17 KB write) went out at once, chunked, with a second write for the end.
        // Aggregating up to the output buffer's size (32 KB) sends such responses in one write.
        cfg.jetty.modifyHttpConfiguration(http -> http.setOutputAggregationSize(http.getOutputBufferSize()));
        JsonErrorHandler jettyErrors = new JsonErrorHandler(setup.metrics());
        cfg.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
        cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(jettyErrors));
        cfg.jsonMapper(new JavalinJackson(RESPONSES, true));
        // operations: the Jetty pool's metrics, the registry closed with the server, /docs's Swagger UI from its webjar
        cfg.jetty.modifyServer(server -> setup.metrics().bindThreadPool(server.getThreadPool()));
        cfg.events.serverStopped(setup.metrics()::close);
        cfg.staticFiles.enableWebjars();
        cfg.routes.before(ctx -> {
            ctx.attribute(STARTED, System.nanoTime());
            admit(ctx, setup);
        });
        for (Route r : setup.routes()) {
            if (r.method().equals("GET")) {
                cfg.routes.get(r.path(), r.handler());
                cfg.routes.head(r.path(), r.handler());   // the GET's status and headers; Jetty sends no body
            } else if (r.method().equals("PATCH")) {
                cfg.routes.patch(r.path(), r.handler());
            } else {
                cfg.routes.post(r.path(), r.handler());
            }
        }
        cfg.routes.after(ctx -> {
            Long started = ctx.attribute(STARTED);
            if (started != null) {
                setup.metrics().record(routeOf(ctx), ctx.method().name(), ctx.statusCode(), System.nanoTime() - started);
            }
        });
        Map<String, String> redactions = setup.redactions();
        cfg.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.error(), redact(e.getMessage(), redactions)));
        cfg.routes.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, "invalid_input", redact(e.getMessage(), redactions)));
        cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
            switch (e.getStatus()) {
                case 404 -> error(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path());
                case 413 -> error(ctx, 413, "payload_too_large", "request body exceeds the limit of " + setup.maxBodyBytes() + " bytes");
                default -> error(ctx, e.getStatus(), "http_" + e.getStatus(), e.getMessage());
            }
        });
        // Jetty's own refusals inside a request (a query it cannot decode, a body it cannot frame): the client's fault
        cfg.routes.exception(HttpException.RuntimeException.class, (e, ctx) -> {
            Dtos.ErrorResponse refused = JsonErrorHandler.describe(e.getCode(), e.getReason());
            LOG.warn("refused {} {}: {} ({})", ctx.method(), ctx.path(), refused.message(), e.toString());
            error(ctx, refused.status(), refused.error(), refused.message());
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
        cfg.routes.error(405, "*", ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 405, "method_not_allowed", "method " + ctx.method() + " is not allowed on " + ctx.path());
            }
        });
    }

    /**
     * Runs before routing, for every method: a request to a known path is authorized against the
     * scope of the route it would run (HEAD: the GET route; a method the path does not serve: the
     * path's scope, then 405 with {@code Allow}), then its body's size (413) and media type (415) are checked.
     */
    private static void admit(Context ctx, Setup setup) {
        Optional<RouteTable.PathRoutes> match = setup.table().match(ctx.path());
        if (match.isEmpty()) {
            return;   // Javalin answers 404
        }
        String method = ctx.req().getMethod();
        Route route = match.get().route(method);
        authorize(ctx, method, route != null ? route : match.get().guard(), setup.keys());
        if (route == null) {
            ctx.header("Allow", match.get().allow());
            throw new ApiException(405, "method_not_allowed", String.format(Locale.ROOT, "method %s is not allowed on %s: it serves %s",
                    method, match.get().template(), match.get().allow()));
        }
        long length = ctx.req().getContentLengthLong();
        if (length > setup.maxBodyBytes()) {
            throw new ApiException(413, "payload_too_large", String.format(Locale.ROOT,
                    "request body is %d bytes; the limit is %d bytes", length, setup.maxBodyBytes()));
        }
        if ((route.method().equals("POST") || route.method().equals("PATCH")) && (length > 0 || length < 0 && ctx.req().getHeader("Transfer-Encoding") != null)) {
            RequestBodies.checkMediaType(ctx.req().getHeader("Content-Type"));   // getContentType() throws on an unknown charset
        }
    }

    private static void authorize(Context ctx, String method, Route route, ApiKeys keys) {
        if (route.scope() == null) {
            return;
        }
        String key = ctx.header("X-API-Key");
        ApiKeys.Client client = keys.client(key).orElseThrow(() -> new ApiException(401, "unauthorized",
                key == null ? "missing X-API-Key header" : "unknown API key"));
        if (!client.scopes().contains(route.scope())) {
            throw new ApiException(403, "forbidden", String.format(Locale.ROOT, "API key '%s' lacks scope '%s' for %s %s",
                    client.name(), route.scope().name().toLowerCase(Locale.ROOT), method, route.path()));
        }
    }

    /** The registry's location (as given and as resolved) is replaced by "registry", Neo4j URIs by "neo4j". */
    private static Map<String, String> redactions(Path registry) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            out.put(registry.toRealPath().toString(), "registry");
        } catch (java.io.IOException | RuntimeException e) {
            // not there yet: the path as given is all a message can hold
        }
        out.put(registry.toString(), "registry");
        return out;
    }

    static String redact(String message, Map<String, String> redactions) {
        if (message == null) {
            return null;
        }
        String out = message;
        for (Map.Entry<String, String> r : redactions.entrySet()) {
            out = out.replace(r.getKey(), r.getValue());
        }
        return NEO4J_URI.matcher(out).replaceAll("neo4j");
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
        ctx.status(status).json(new Dtos.ErrorResponse(status, error, Utf16.sanitize(message)));
    }
}
