package io.marketgraph.api.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The routes by path template, matched before Javalin routes a request, so that every method on a
 * known path (HEAD, OPTIONS, PUT, an unknown token) is authorized against the path's scope before
 * anything else answers. A template segment {@code {name}} matches one non-empty segment; one
 * trailing slash is ignored, as Javalin's router ignores it.
 */
final class RouteTable {

    /** The routes that share one path template, by method. */
    record PathRoutes(String template, Map<String, ApiApp.Route> byMethod) {

        /** The route a request with {@code method} runs: HEAD runs the GET route; null when none (a 405). */
        ApiApp.Route route(String method) {
            ApiApp.Route route = byMethod.get(method);
            return route == null && method.equals("HEAD") ? byMethod.get("GET") : route;
        }

        /**
         * The route whose scope a request with a method the path does not serve must hold: a public
         * route on the path makes the path public, else the first route's scope is needed, so a caller
         * without it learns nothing about the path, not even its methods.
         */
        ApiApp.Route guard() {
            return byMethod.values().stream().filter(r -> r.scope() == null).findFirst()
                    .orElse(byMethod.values().iterator().next());
        }

        /** The {@code Allow} header: the path's methods, and HEAD with GET. */
        String allow() {
            List<String> methods = new ArrayList<>(byMethod.keySet());
            if (methods.contains("GET") && !methods.contains("HEAD")) {
                methods.add(methods.indexOf("GET") + 1, "HEAD");
            }
            return String.join(", ", methods);
        }
    }

    private record Entry(Pattern pattern, PathRoutes routes) {}

    private final List<Entry> entries = new ArrayList<>();

    RouteTable(List<ApiApp.Route> routes) {
        Map<String, Map<String, ApiApp.Route>> byPath = new LinkedHashMap<>();
        for (ApiApp.Route r : routes) {
            byPath.computeIfAbsent(r.path(), p -> new LinkedHashMap<>()).put(r.method(), r);
        }
        byPath.forEach((template, byMethod) -> entries.add(new Entry(compile(template), new PathRoutes(template, Collections.unmodifiableMap(byMethod)))));
    }

    /** The routes of the template {@code path} matches, if any. */
    Optional<PathRoutes> match(String path) {
        for (Entry e : entries) {
            if (e.pattern().matcher(path).matches()) {
                return Optional.of(e.routes());
            }
        }
        return Optional.empty();
    }

    private static Pattern compile(String template) {
        StringBuilder regex = new StringBuilder();
        for (String segment : template.substring(1).split("/", -1)) {
            regex.append('/');
            regex.append(segment.startsWith("{") && segment.endsWith("}") ? "[^/]+" : Pattern.quote(segment));
        }
        return Pattern.compile(regex + "/?");
    }
}
