package io.marketgraph.api.http;

import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.marketgraph.api.ingest.IngestRequests;
import io.marketgraph.api.ingest.IngestService;
import io.marketgraph.api.service.ApiException;
import io.marketgraph.api.service.AudienceService;
import io.marketgraph.api.service.LinkScoringService;
import io.marketgraph.api.service.RerankService;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.model.NodeKind;
import io.marketgraph.registry.ModelManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The route table and its handlers: parse, call a service, write JSON. No logic beyond that. */
final class ApiRoutes {

    private ApiRoutes() {}

    static List<ApiApp.Route> all(ApiServices s, HttpMetrics metrics) {
        String openApi = resource("/openapi.json");
        List<ApiApp.Route> routes = new ArrayList<>(List.of(
                new ApiApp.Route("GET", "/v1/users/{userId}/recommendations", Scope.RECS, ctx -> recommendations(s, ctx)),
                new ApiApp.Route("POST", "/v1/links/score", Scope.RECS, ctx -> linkScores(s, ctx)),
                new ApiApp.Route("POST", "/v1/audiences", Scope.ADS, ctx -> audiences(s, ctx)),
                new ApiApp.Route("POST", "/v1/search/rerank", Scope.SEARCH, ctx -> rerank(s, ctx)),
                new ApiApp.Route("GET", "/v1/nodes/{kind}/{id}/similar", Scope.RECS, ctx -> similar(s, ctx)),
                new ApiApp.Route("POST", "/v1/posts", Scope.INGEST, ctx -> upsertPost(s, ctx)),
                new ApiApp.Route("PATCH", "/v1/posts/{postId}", Scope.INGEST, ctx -> ctx.json(s.ingest().changeStatus(ctx.pathParam("postId"),
                        RequestBodies.parse(RequestBodies.bytes(ctx), IngestRequests.StatusChange.class)))),
                new ApiApp.Route("POST", "/v1/events", Scope.INGEST, ctx -> events(s, ctx)),
                new ApiApp.Route("GET", "/v1/models/current", null, ctx -> ctx.json(modelInfo(s))),
                new ApiApp.Route("POST", "/v1/admin/models/{version}/activate", Scope.ADMIN, ctx -> activate(s, ctx)),
                new ApiApp.Route("POST", "/v1/admin/models/rollback", Scope.ADMIN, ctx -> {
                    try {
                        s.models().rollback();
                    } catch (IllegalStateException | InvalidInputException e) {
                        throw new ApiException(409, "rollback_refused", e.getMessage());
                    }
                    ctx.json(modelInfo(s));
                }),
                new ApiApp.Route("GET", "/health/live", null, ctx -> ctx.json(Map.of("status", "live"))),
                new ApiApp.Route("GET", "/health/ready", null, ctx -> {
                    boolean ready = s.models().version().isPresent();
                    ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "ready" : "no_model",
                            "modelVersion", s.models().version().orElse("")));
                }),
                new ApiApp.Route("GET", "/metrics", null, ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render())),
                new ApiApp.Route("GET", "/openapi.json", null, ctx -> ctx.contentType("application/json").result(openApi))));
        String docs = DocsPage.html();
        routes.add(new ApiApp.Route("GET", "/docs", null, ctx -> ctx.html(docs)));
        return routes;
    }

    private static void recommendations(ApiServices s, Context ctx) {
        NodeKind kind = switch (ctx.queryParamAsClass("kind", String.class).getOrDefault("post").toLowerCase(Locale.ROOT)) {
            case "post" -> NodeKind.POST;
            case "business" -> NodeKind.BUSINESS;
            default -> throw ApiException.badRequest("kind must be post or business, got '" + ctx.queryParam("kind") + "'");
        };
        int k = Params.intParam(ctx, "k", 20, 1, 200);
        ctx.json(s.recommendations().recommend(ctx.pathParam("userId"), kind, k, Params.regions(ctx), Params.list(ctx, "recent")));
    }

    private static void upsertPost(ApiServices s, Context ctx) {
        IngestService.PostResult result = s.ingest().upsert(RequestBodies.parse(RequestBodies.bytes(ctx), IngestRequests.Post.class));
        ctx.status(result.outcome().equals("created") ? 201 : 200).json(result);
    }

    /** A batch with rejects is refused whole: 400 with the first reject in {@code message}, all counted by reason. */
    private static void events(ApiServices s, Context ctx) {
        IngestService.EventsResult result = s.ingest().events(RequestBodies.parse(RequestBodies.bytes(ctx), IngestRequests.Events.class));
        if (result.refused()) {
            long total = result.rejected().values().stream().mapToLong(Long::longValue).sum();
            ctx.status(400).json(new Dtos.RejectedEvents(400, "invalid_events", String.format(Locale.ROOT,
                    "%d of %d events rejected, none written; first: %s", total, result.received(), result.errors().get(0).message()),
                    result.rejected(), result.errors()));
        } else {
            ctx.json(result);
        }
    }

    private static void linkScores(ApiServices s, Context ctx) {
        Dtos.LinkScoreRequest body = RequestBodies.parse(RequestBodies.bytes(ctx), Dtos.LinkScoreRequest.class);
        if (body.pairs() == null) {
            throw ApiException.badRequest("field 'pairs' is required");
        }
        List<LinkScoringService.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < body.pairs().size(); i++) {
            Dtos.PairDto p = body.pairs().get(i);
            if (p == null || p.userId() == null || p.targetId() == null || p.targetKind() == null) {
                throw ApiException.badRequest("pairs[" + i + "] needs userId, targetKind and targetId");
            }
            pairs.add(new LinkScoringService.Pair(p.userId(), kind(p.targetKind(), "pairs[" + i + "].targetKind"), p.targetId(),
                    p.targetKind()));
        }
        ctx.json(s.links().score(pairs));
    }

    private static void audiences(ApiServices s, Context ctx) {
        Dtos.AudienceRequest body = RequestBodies.parse(RequestBodies.bytes(ctx), Dtos.AudienceRequest.class);
        if (body.target() == null || body.target().type() == null) {
            throw ApiException.badRequest("field 'target.type' is required: one of business, posts, users, category");
        }
        AudienceService.TargetType type;
        try {
            type = AudienceService.TargetType.valueOf(body.target().type().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("target.type must be one of business, posts, users, category, got '" + body.target().type() + "'");
        }
        AudienceService.Request request = new AudienceService.Request(type, body.target().ids(), body.target().category(),
                body.regions(), body.size(),
                body.minScore(), Boolean.TRUE.equals(body.excludeFollowers()),
                body.offset() == null ? 0 : body.offset(), body.limit() == null ? 100 : body.limit());
        String source = body.source() == null ? "embeddings" : body.source().toLowerCase(Locale.ROOT);
        switch (source) {
            case "embeddings" -> ctx.json(s.audiences().audience(request));
            case "graph" -> ctx.json(s.graphAudiences().audience(request));
            default -> throw ApiException.badRequest("source must be embeddings or graph, got '" + body.source() + "'");
        }
    }

    private static void rerank(ApiServices s, Context ctx) {
        RerankJson.Request body = RerankJson.parse(RequestBodies.bytes(ctx));
        RerankService.Result result = s.rerank().rerank(body.userId(), body.postIds(), body.baseScores());
        RerankJson.write(result, ctx.contentType(ContentType.APPLICATION_JSON).outputStream());
    }

    private static void similar(ApiServices s, Context ctx) {
        NodeKind kind = kind(ctx.pathParam("kind"), "kind");
        ctx.json(s.similar().similar(kind, ctx.pathParam("id"), Params.intParam(ctx, "k", 10, 1, 200)));
    }

    private static void activate(ApiServices s, Context ctx) {
        String version = ctx.pathParam("version");
        try {
            s.models().activate(version);
        } catch (IllegalArgumentException | InvalidInputException | UncheckedIOException e) {
            throw new ApiException(409, "activation_refused", "version " + version + " was not activated, "
                    + s.models().version().map(v -> v + " keeps serving").orElse("no model is serving") + ": " + e.getMessage());
        }
        ctx.json(modelInfo(s));
    }

    private static Dtos.ModelInfo modelInfo(ApiServices s) {
        String version = s.models().version().orElseThrow(ApiException::noModel);
        ModelManifest m = s.models().registry().manifest(version);
        return new Dtos.ModelInfo(version, m.createdAt(), graphName(m.graphVersion()), m.metrics(), s.models().registry().versions());
    }

    /** The graph a version was trained on, by its directory's name: where it lies on the server is not the caller's business. */
    private static String graphName(String graphVersion) {
        if (graphVersion == null) {
            return null;
        }
        String trimmed = graphVersion.replaceAll("[/\\\\]+$", "");
        return trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
    }

    private static NodeKind kind(String value, String param) {
        try {
            return NodeKind.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(param + ": " + e.getMessage());
        }
    }

    private static String resource(String name) {
        try (InputStream in = ApiRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the api jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read resource " + name, e);
        }
    }
}
