package io.marketgraph.api.http;

import io.javalin.http.Context;
import io.marketgraph.api.service.ApiException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Query and path parameters with bounds, failing with a 400 that names the parameter. */
final class Params {

    private Params() {}

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(String.format(Locale.ROOT, "%s must be an integer in %d..%d, got '%s'", name, min, max, raw));
        }
        if (value < min || value > max) {
            throw ApiException.badRequest(String.format(Locale.ROOT, "%s must be in %d..%d, got %d", name, min, max, value));
        }
        return value;
    }

    static Set<Integer> regions(Context ctx) {
        String raw = ctx.queryParam("region");
        Set<Integer> out = new LinkedHashSet<>();
        if (raw == null || raw.isBlank()) {
            return out;
        }
        for (String part : raw.split(",")) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("region must be a comma-separated list of region ids, got '" + raw + "'");
            }
        }
        return out;
    }

    static List<String> list(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        return raw == null || raw.isBlank() ? List.of() : List.of(raw.split(","));
    }
}
